package io.harvest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's answers to mistakes: these never start Spark. */
class HarvestCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @TempDir
    Path dir;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsTheJobs() {
        assertEquals(0, HarvestCli.execute("--help"));
        assertTrue(stdout().contains("thumbnails"), stdout());
    }

    @Test
    void jobHelpDocumentsEveryOptionWithItsDefault() {
        assertEquals(0, HarvestCli.execute("thumbnails", "--help"));
        String help = stdout();
        for (String option : new String[] {"--input", "--output", "--size", "--format", "--quality",
            "--max-pixels", "--resume", "--partitions"}) {
            assertTrue(help.contains(option), option + " missing from\n" + help);
        }
        assertTrue(help.contains("Default: 75x75"), help);
        assertTrue(help.contains("Default: 50000000"), help);
    }

    @Test
    void noJobIsAUsageError() {
        assertEquals(2, HarvestCli.execute());
        assertTrue(stderr().contains("name a job"), stderr());
    }

    @Test
    void aMissingInputFailsFastWithItsName() {
        String missing = dir.resolve("nowhere").toString();
        assertEquals(2, HarvestCli.execute("thumbnails", "--input", missing, "--output", dir.resolve("o").toString()));
        assertTrue(stderr().contains("input not found: " + missing), stderr());
    }

    @Test
    void aBadSizeIsAUsageErrorThatShowsTheValue() {
        assertEquals(2, HarvestCli.execute("thumbnails", "--input", dir.toString(), "--output", "o",
                "--size", "75by75"));
        assertTrue(stderr().contains("75by75"), stderr());
    }

    @Test
    void aQualityOutOfRangeIsAUsageError() {
        assertEquals(2, HarvestCli.execute("thumbnails", "--input", dir.toString(), "--output", "o",
                "--quality", "7"));
        assertTrue(stderr().contains("quality"), stderr());
    }

    @Test
    void theOutputCannotBeTheInput() {
        assertEquals(2, HarvestCli.execute("thumbnails", "--input", dir.toString(), "--output", dir.toString()));
        assertTrue(stderr().contains("must not be the input"), stderr());
    }

    @Test
    void optionsComeFromAnArgumentFile() throws Exception {
        Path args = Files.writeString(dir.resolve("job.args"),
                "--input\n" + dir.resolve("absent") + "\n--output\n" + dir.resolve("o") + "\n");
        assertEquals(2, HarvestCli.execute("thumbnails", "@" + args));
        assertTrue(stderr().contains("input not found: " + dir.resolve("absent")), stderr());
    }

    @Test
    void byteSizesTakeUnits() {
        assertEquals(10L << 20, ByteSize.parse("10MiB"));
        assertEquals(512L << 10, ByteSize.parse("512k"));
        assertEquals(1234, ByteSize.parse("1234"));
        assertEquals(2L << 30, ByteSize.parse("2GB"));
    }
}
