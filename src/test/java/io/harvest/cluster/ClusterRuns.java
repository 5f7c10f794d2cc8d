package io.harvest.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harvest.testing.Scripts;
import io.harvest.testing.SharedSpark;
import io.harvest.testing.TestImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;

/** Jobs submitted through scripts/harvest, and what their outputs must hold whatever happened. */
final class ClusterRuns {
    /** A size whose PNG encoding keeps a 1-core executor busy long enough to be hit mid-run. */
    static final String SLOW_SIZE = "640x640";

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

    static List<String> fetchRows(Path output) {
        return lines(SharedSpark.get().read().parquet(output.resolve("manifest").toString())
                .selectExpr("item", "url", "status", "http_status", "title", "bytes", "sha256").collectAsList());
    }

    private static List<String> lines(List<Row> rows) {
        return rows.stream().map(Row::toString).sorted().toList();
    }

    /** Exactly one ok row per input, one thumbnail file each, and no temp or half-written file anywhere. */
    static void assertEveryItemOnceAndNothingLeftOver(Path output, int inputs, String size) {
        List<String> rows = thumbnailRows(output);
        assertEquals(inputs, rows.size(), "one row per input");
        assertEquals(inputs, rows.stream().map(r -> r.substring(0, r.indexOf(','))).distinct().count(),
                "no input twice");
        assertTrue(rows.stream().allMatch(r -> r.contains(",ok,")), "all ok: " + rows);
        assertEquals(inputs, visibleFiles(output.resolve(size)), "one thumbnail per input, no duplicate");
        assertEquals(List.of(), leftovers(output), "no temp files left behind");
    }

    static long visibleFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Storage's temp files, and Spark's uncommitted task output. */
    static List<Path> leftovers(Path output) {
        try (Stream<Path> files = Files.walk(output)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")
                    || p.getFileName().toString().equals("_temporary")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the job has written {@code n} thumbnails (it is then mid-run), or has ended. */
    static void awaitThumbnails(Path sizeDir, long n, Scripts.Started run) throws InterruptedException {
        while (run.process().isAlive() && (!Files.isDirectory(sizeDir) || visibleFiles(sizeDir) < n)) {
            Thread.sleep(200);
        }
        assertTrue(run.process().isAlive(), "the job ended before it could be interrupted");
    }
}
