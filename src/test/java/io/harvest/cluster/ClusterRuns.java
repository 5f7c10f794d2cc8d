package io.harvest.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harvest.testing.Reply;
import io.harvest.testing.Scripts;
import io.harvest.testing.SharedSpark;
import io.harvest.testing.TestHttpServer;
import io.harvest.testing.TestImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.spark.sql.Row;

/** Jobs submitted through scripts/harvest, and what their outputs must hold whatever happened. */
final class ClusterRuns {
    /** A size whose PNG encoding keeps a 1-core executor busy long enough to be hit mid-run. */
    static final String SLOW_SIZE = "640x640";
    /** The longest a fault test waits for a run to get far enough to be hit: minutes on a loaded 2-core machine. */
    private static final Duration MID_RUN_WAIT = Duration.ofMinutes(6);

    private ClusterRuns() {}

    static List<String> command(String job, String master, Path input, Path output, String... more) {
        List<String> command = new ArrayList<>(List.of("scripts/harvest", job, "--master", master,
                "--input", input.toString(), "--output", output.toString()));
        command.addAll(List.of(more));
        return command;
    }

    static Scripts.Run run(Path logs, List<String> command) {
        return Scripts.run(logs, Map.of(), command);
    }

    /** {@code count} photo-like JPEGs of 1600x1200, made once per test JVM. */
    static synchronized Path photos(Path dir, int count) {
        Path done = dir.resolve(".complete");
        if (!Files.exists(done)) {
            for (int i = 0; i < count; i++) {
                TestImages.jpeg(dir.resolve("d" + i % 7 + "/p" + i + ".jpg"), 1600, 1200);
            }
            TestImages.bytes(done, new byte[0]);
        }
        return dir;
    }

    /** The thumbnails manifest as comparable lines (no output paths, no timings). */
    static List<String> thumbnailRows(Path output) {
        return lines(SharedSpark.get().read().parquet(output.resolve("manifest").toString()).selectExpr(
                "relative_path", "status", "source_width", "source_height", "decoder",
                "transform(thumbnails, t -> concat(t.size, '=', t.width, 'x', t.height)) as made").collectAsList());
    }

    /** The images manifest as comparable lines (no output paths, no timings). */
    static List<String> imageRows(Path output) {
        return lines(SharedSpark.get().read().parquet(output.resolve("manifest").toString()).selectExpr(
                "item", "url", "status", "http_status", "source_width", "source_height", "sha256",
                "transform(thumbnails, t -> concat(t.size, '=', t.width, 'x', t.height)) as made").collectAsList());
    }

    /**
     * {@code count} JPEGs of 400x300 served at /i<n>.jpg, each answered after {@code delay};
     * their URLs alternate between two host names of the one server (two hosts, two tasks).
     */
    static List<String> serveImages(TestHttpServer server, Path dir, int count, Duration delay) {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path image = TestImages.jpeg(dir.resolve("i" + i + ".jpg"), 400 + i, 300);
            server.on("/i" + i + ".jpg").reply(Reply.file(image).delay(delay));
            urls.add(server.url(i % 2 == 0 ? "127.0.0.1" : "localhost", "/i" + i + ".jpg"));
        }
        return urls;
    }

    /** The member names of every WebDataset shard (tar) under {@code shards}. */
    static List<String> shardMembers(Path shards) {
        List<String> names = new ArrayList<>();
        for (String shard : visiblePaths(shards)) {
            try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(shards.resolve(shard)))) {
                for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                    names.add(e.getName());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }

    static List<String> fetchRows(Path output) {
        return lines(SharedSpark.get().read().parquet(output.resolve("manifest").toString())
                .selectExpr("item", "url", "status", "http_status", "title", "bytes", "sha256").collectAsList());
    }

    private static List<String> lines(List<Row> rows) {
        return rows.stream().map(Row::toString).sorted().toList();
    }

    /**
     * The task attempts Spark started as speculative copies, from the event logs under
     * {@code events} (Spark 4 rolls them: {@code eventlog_v2_<app>/events_<n>_<app>}).
     */
    static long speculativeTaskStarts(Path events) {
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> logs = Files.walk(events).filter(p -> p.getFileName().toString().startsWith("events_"))) {
            long starts = 0;
            for (Path log : logs.toList()) {
                for (String line : Files.readAllLines(log)) {
                    JsonNode event = json.readTree(line);
                    if (event.path("Event").asText().equals("SparkListenerTaskStart")
                            && event.path("Task Info").path("Speculative").asBoolean()) {
                        starts++;
                    }
                }
            }
            return starts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Exactly one ok row per input, one thumbnail file each, and no temp or half-written file anywhere. */
    static void assertEveryItemOnceAndNothingLeftOver(Path output, int inputs, String size) {
        assertOneOkRowEach(thumbnailRows(output), inputs, ",ok,");
        assertEquals(inputs, visibleFiles(output.resolve(size)), "one thumbnail per input, no duplicate");
        assertEquals(List.of(), leftovers(output), "no temp files left behind");
    }

    /** Manifest lines (first column the input's key): {@code inputs} of them, no key twice, each holding {@code ok}. */
    static void assertOneOkRowEach(List<String> rows, int inputs, String ok) {
        assertEquals(inputs, rows.size(), "one row per input");
        assertEquals(inputs, rows.stream().map(r -> r.substring(0, r.indexOf(','))).distinct().count(),
                "no input twice");
        assertTrue(rows.stream().allMatch(r -> r.contains(ok)), "all ok: " + rows);
    }

    static long visibleFiles(Path dir) {
        return visiblePaths(dir).size();
    }

    /** The files under {@code dir} a reader sees (not hidden), relative to it, sorted. */
    static List<String> visiblePaths(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .map(p -> dir.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Storage's temp files ({@code .<name>.<uuid>.tmp}), any other hidden file but Hadoop's
     * checksums, and Spark's uncommitted task output.
     */
    static List<Path> leftovers(Path output) {
        try (Stream<Path> files = Files.walk(output)) {
            return files.filter(p -> {
                String name = p.getFileName().toString();
                return name.endsWith(".tmp") || name.equals("_temporary")
                        || name.startsWith(".") && !name.endsWith(".crc");
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the job has written {@code n} thumbnails (it is then mid-run), or has ended. */
    static void awaitThumbnails(Path sizeDir, long n, Scripts.Started run) throws InterruptedException {
        awaitMidRun(run, () -> Files.isDirectory(sizeDir) && visibleFiles(sizeDir) >= n);
    }

    /**
     * Waits until the job is far enough (it is then mid-run), failing if it ended first or got
     * no further in {@link #MID_RUN_WAIT} (a stuck run must not hang the build).
     */
    static void awaitMidRun(Scripts.Started run, BooleanSupplier farEnough) throws InterruptedException {
        long deadline = System.nanoTime() + MID_RUN_WAIT.toNanos();
        while (run.process().isAlive() && !farEnough.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "the job got no further in " + MID_RUN_WAIT);
            Thread.sleep(100);
        }
        assertTrue(run.process().isAlive(), "the job ended before it could be interrupted");
    }
}
