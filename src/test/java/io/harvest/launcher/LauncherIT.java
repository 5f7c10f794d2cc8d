package io.harvest.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harvest.testing.Scripts;
import io.harvest.testing.Scripts.Run;
import io.harvest.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/harvest as a user runs it: a separate JVM through a real spark-submit. */
class LauncherIT {
    @TempDir
    Path dir;

    private Run harvest(String... args) {
        List<String> command = new ArrayList<>(List.of("scripts/harvest"));
        command.addAll(List.of(args));
        return Scripts.run(dir.resolve("logs"), Map.of(), command);
    }

    @Test
    void thumbnailsRunEndToEndAndPrintTheirSummary() throws Exception {
        Path in = dir.resolve("in");
        for (int i = 0; i < 5; i++) {
            TestImages.jpeg(in.resolve("d" + i % 2 + "/p" + i + ".jpg"), 640, 480);
        }
        TestImages.bytes(in.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Path out = dir.resolve("out");

        Run run = harvest("thumbnails", "--master", "local[2]", "--input", in.toString(), "--output", out.toString());

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("harvest thumbnails: 6 items"), run.out());
        assertTrue(run.out().contains("ok 5 · skipped 0 · failed 1"), run.out());
        assertTrue(run.err().contains("progress") || run.err().contains("images under"), run.err());
        assertTrue(!run.err().contains(" INFO "  + "SparkContext") && !run.err().contains("INFO  org.apache.spark"),
                "Spark's INFO lines stay off the console: " + run.err());
        assertTrue(!run.err().contains("Using incubator modules"), run.err());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(6, summary.get("input").asLong());
        assertTrue(Files.exists(out.resolve("75x75/d0/p0.jpg")));

        // The settings the run used: spark-defaults.conf with conf/profiles/thumbnails.conf over it.
        List<String> used = Files.readAllLines(Path.of("target/conf/thumbnails.conf"));
        assertTrue(used.stream().anyMatch(l -> l.startsWith("spark.driver.extraJavaOptions")
                && l.contains("-XX:TieredStopAtLevel=1")), used.toString());
        assertEquals(1, used.stream().filter(l -> l.startsWith("spark.driver.extraJavaOptions ")).count());
        assertTrue(used.stream().anyMatch(l -> l.startsWith("spark.sql.parquet.compression.codec")), used.toString());
    }

    @Test
    void aMissingInputExitsNonZeroNamingIt() throws Exception {
        Run run = harvest("thumbnails", "--input", dir.resolve("absent").toString(), "--output", dir.resolve("o").toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("input not found: " + dir.resolve("absent")), run.err());
    }

    @Test
    void jobsRunFromTheirArgumentFiles() throws Exception {
        Run run = harvest("thumbnails", "@jobs/thumbnails.args", "--help");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("--resume"), run.out());
    }

    /** A log4j2 configuration of the user's own, every line marked with {@code mark}. */
    private Path userLog4j(String folder, String mark) throws Exception {
        Path file = dir.resolve(folder).resolve("log4j2.properties");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, String.join("\n",
                "rootLogger.level = info",
                "rootLogger.appenderRef.stderr.ref = console",
                "appender.console.type = Console",
                "appender.console.name = console",
                "appender.console.target = SYSTEM_ERR",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = " + mark + " %p %c{1}: %m%n", ""));
    }

    private Path oneImage() {
        return TestImages.jpeg(dir.resolve("in/p.jpg"), 320, 240).getParent();
    }

    @Test
    void aUsersOwnLog4jConfigurationInFilesIsTheOneUsed() throws Exception {
        Path mine = userLog4j("mine", "MINE");

        Run run = harvest("thumbnails", "--master", "local[1]", "--files", mine.toString(),
                "--input", oneImage().toString(), "--output", dir.resolve("out").toString());

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("MINE INFO SparkContext: "), "the user's configuration: " + run.err());
    }

    @Test
    void aUsersDriverOptionsWinAndTheirOtherFilesGoAlongWithHarvestsLog4j() throws Exception {
        Path mine = userLog4j("driver", "DRIVER");
        Path extra = Files.writeString(dir.resolve("extra.txt"), "a file the job's tasks read");

        Run run = harvest("thumbnails", "--master", "local[1]", "--verbose", "--files", extra.toString(),
                "--conf", "spark.driver.extraJavaOptions=-Dlog4j2.configurationFile=" + mine,
                "--input", oneImage().toString(), "--output", dir.resolve("out").toString());

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("DRIVER INFO SparkContext: "), "the user's driver options: " + run.err());
        // spark-submit --verbose logs its parsed arguments (through the user's log4j2 configuration).
        String files = run.err().lines().filter(l -> l.trim().startsWith("files ")).findFirst().orElse(run.err());
        assertTrue(files.contains("conf/log4j2.properties") && files.contains("extra.txt"), files);
    }
}
