package io.harvest.thumbnails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harvest.HarvestException;
import io.harvest.image.GifBytes;
import io.harvest.image.OutputFormat;
import io.harvest.image.ThumbnailSize;
import io.harvest.image.ThumbnailSpec;
import io.harvest.job.Summary;
import io.harvest.testing.SharedSpark;
import io.harvest.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThumbnailsJobTest {
    private final SparkSession spark = SharedSpark.get();

    @TempDir
    Path dir;

    private ThumbnailsConfig config(Path in, Path out, OutputFormat format, boolean resume, String... sizes) {
        List<ThumbnailSize> boxes = sizes.length == 0 ? List.of(new ThumbnailSize(75, 75))
                : java.util.Arrays.stream(sizes).map(ThumbnailSize::parse).toList();
        return new ThumbnailsConfig(in.toString(), out.toString(),
                new ThumbnailSpec(boxes, format, 0.85f, ThumbnailSpec.DEFAULT_MAX_PIXELS), resume, 3,
                ThumbnailsConfig.DEFAULT_MAX_FILE_BYTES);
    }

    private Map<String, Row> manifestByRelativePath(Path out) {
        Map<String, Row> rows = new HashMap<>();
        for (Row r : spark.read().parquet(out.resolve("manifest").toString()).collectAsList()) {
            Row previous = rows.put(r.getAs("relative_path"), r);
            assertNull(previous, "two manifest rows for " + r.getAs("relative_path"));
        }
        return rows;
    }

    @Test
    void everyImageGetsOneRowAndBadFilesFailWithoutFailingTheJob() throws IOException {
        Path in = dir.resolve("in");
        TestImages.jpeg(in.resolve("a/wide.jpg"), 400, 200);
        TestImages.jpeg(in.resolve("a/b/tall.JPG"), 150, 300);
        TestImages.png(in.resolve("c/square.png"), 240, 240);
        TestImages.jpeg(in.resolve("small.jpeg"), 40, 30);
        TestImages.bytes(in.resolve("corrupt.jpg"), "this is not a jpeg at all".getBytes());
        TestImages.bytes(in.resolve("empty.png"), new byte[0]);
        byte[] whole = Files.readAllBytes(TestImages.jpeg(dir.resolve("whole.jpg"), 300, 200));
        TestImages.bytes(in.resolve("truncated.jpg"), java.util.Arrays.copyOf(whole, whole.length / 3));
        TestImages.bytes(in.resolve("notes.txt"), "not an image extension: not listed".getBytes());
        Path out = dir.resolve("out");

        Summary summary = ThumbnailsJob.run(spark, config(in, out, OutputFormat.SAME, false));

        Map<String, Row> rows = manifestByRelativePath(out);
        assertEquals(7, rows.size(), "one row per image file, none for notes.txt");
        assertEquals(7, summary.input());
        assertEquals("ok", rows.get("a/wide.jpg").getAs("status"));
        assertEquals("not_image", rows.get("corrupt.jpg").getAs("status"));
        assertEquals("not_image", rows.get("empty.png").getAs("status"));
        assertEquals("decode_error", rows.get("truncated.jpg").getAs("status"));
        assertTrue(((String) rows.get("corrupt.jpg").getAs("error")).length() > 0, "a failed row says why");
        assertEquals(4, summary.ok());
        assertEquals(3, summary.failed());

        assertArrayEqualsSize(new int[] {75, 38}, out.resolve("75x75/a/wide.jpg"));
        assertArrayEqualsSize(new int[] {38, 75}, out.resolve("75x75/a/b/tall.JPG"));
        assertArrayEqualsSize(new int[] {75, 75}, out.resolve("75x75/c/square.png"));
        assertArrayEqualsSize(new int[] {40, 30}, out.resolve("75x75/small.jpeg"));
        assertFalse(Files.exists(out.resolve("75x75/corrupt.jpg")), "no thumbnail for a failed image");

        Row wide = rows.get("a/wide.jpg");
        assertEquals(400, (int) wide.getAs("source_width"));
        assertEquals(200, (int) wide.getAs("source_height"));
        List<Row> thumbs = wide.getList(wide.fieldIndex("thumbnails"));
        assertEquals(1, thumbs.size());
        assertEquals(75, thumbs.get(0).getInt(2));
        assertTrue(thumbs.get(0).getString(1).endsWith("/75x75/a/wide.jpg"));
    }

    @Test
    void aSummaryIsWrittenBesideTheManifest() throws IOException {
        Path in = dir.resolve("in");
        TestImages.jpeg(in.resolve("one.jpg"), 200, 100);
        TestImages.bytes(in.resolve("bad.png"), new byte[] {1, 2, 3});
        Path out = dir.resolve("out");

        ThumbnailsJob.run(spark, config(in, out, OutputFormat.SAME, false));

        JsonNode json = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("thumbnails", json.get("job").asText());
        assertEquals(2, json.get("input").asLong());
        assertEquals(1, json.get("ok").asLong());
        assertEquals(1, json.get("failed").asLong());
        assertEquals(1, json.get("by_status").get("not_image").asLong());
        assertEquals(Files.size(in.resolve("one.jpg")) + 3, json.get("bytes").asLong());
        assertTrue(json.get("per_s").asDouble() > 0);
        assertTrue(json.has("elapsed_s"));
        long written = Files.size(out.resolve("75x75/one.jpg"));
        assertEquals(written, json.get("bytes_written").asLong(), "the tally counts what the files hold");
        assertEquals(1, json.get("thumbnails_written").asLong());
        double cpuSeconds = json.get("cpu_s").asDouble();
        assertTrue(cpuSeconds > 0, "the executors' CPU while the tasks ran");
        // cpu_s is rounded to the millisecond: 0.25 ms per image either way over 2 images.
        assertEquals(cpuSeconds * 1000 / 2, json.get("cpu_ms_per_image").asDouble(), 0.3);
    }

    @Test
    void theSummaryAgreesWithTheManifestItDescribes() {
        Path in = dir.resolve("in");
        for (int i = 0; i < 9; i++) {
            TestImages.jpeg(in.resolve("d" + i % 3 + "/ok" + i + ".jpg"), 90 + i, 60);
        }
        for (int i = 0; i < 4; i++) {
            TestImages.bytes(in.resolve("bad" + i + ".png"), new byte[] {(byte) i});
        }
        Path out = dir.resolve("out");

        Summary summary = ThumbnailsJob.run(spark, config(in, out, OutputFormat.SAME, false));

        Map<String, Long> fromManifest = new java.util.TreeMap<>();
        long bytes = 0;
        for (Row r : spark.read().parquet(out.resolve("manifest").toString()).collectAsList()) {
            fromManifest.merge(r.getAs("status"), 1L, Long::sum);
            bytes += (Long) r.getAs("source_bytes");
        }
        assertEquals(fromManifest, summary.byStatus());
        assertEquals(bytes, summary.bytes());
        assertEquals(13, summary.input());
    }

    @Test
    void everySizeIsWrittenUnderItsOwnFolder() {
        Path in = dir.resolve("in");
        TestImages.jpeg(in.resolve("p.jpg"), 800, 600);
        Path out = dir.resolve("out");

        ThumbnailsJob.run(spark, config(in, out, OutputFormat.SAME, false, "75x75", "200x100", "1000x1000"));

        assertArrayEqualsSize(new int[] {75, 56}, out.resolve("75x75/p.jpg"));
        assertArrayEqualsSize(new int[] {133, 100}, out.resolve("200x100/p.jpg"));
        assertArrayEqualsSize(new int[] {800, 600}, out.resolve("1000x1000/p.jpg"));
    }

    @Test
    void namesNeverCollideWhenTheFormatChanges() {
        Path in = dir.resolve("in");
        TestImages.png(in.resolve("a/photo.png"), 100, 100);
        TestImages.jpeg(in.resolve("a/photo.jpg"), 100, 100);
        TestImages.jpeg(in.resolve("a/photo.png.jpg"), 100, 100);
        Path out = dir.resolve("out");

        ThumbnailsJob.run(spark, config(in, out, OutputFormat.JPG, false));

        Map<String, Row> rows = manifestByRelativePath(out);
        assertEquals(3, rows.size());
        rows.values().forEach(r -> assertEquals("ok", r.getAs("status")));
        assertTrue(Files.exists(out.resolve("75x75/a/photo.jpg")));
        assertTrue(Files.exists(out.resolve("75x75/a/photo.png.jpg")));
        assertTrue(Files.exists(out.resolve("75x75/a/photo.png~2.jpg")), "the clash gets its own name");
    }

    @Test
    void sameFormatKeepsJpegAndPngAndMakesPngOfTheRest() {
        Path in = dir.resolve("in");
        TestImages.write(in.resolve("x.gif"), TestImages.photo(50, 40, 1), "gif");
        TestImages.write(in.resolve("y.bmp"), TestImages.photo(50, 40, 2), "bmp");
        TestImages.png(in.resolve("z.png"), 50, 40);
        Path out = dir.resolve("out");

        ThumbnailsJob.run(spark, config(in, out, OutputFormat.SAME, false));

        assertArrayEqualsSize(new int[] {50, 40}, out.resolve("75x75/x.gif.png"));
        assertArrayEqualsSize(new int[] {50, 40}, out.resolve("75x75/y.bmp.png"));
        assertArrayEqualsSize(new int[] {50, 40}, out.resolve("75x75/z.png"));
    }

    @Test
    void resumeKeepsValidThumbnailsAndRemakesMissingOrBrokenOnes() throws IOException {
        Path in = dir.resolve("in");
        for (int i = 0; i < 6; i++) {
            TestImages.jpeg(in.resolve("img" + i + ".jpg"), 300 + i, 200);
        }
        Path out = dir.resolve("out");
        ThumbnailsJob.run(spark, config(in, out, OutputFormat.SAME, false));
        Files.delete(out.resolve("75x75/img1.jpg"));
        Files.write(out.resolve("75x75/img2.jpg"), "garbage".getBytes());

        Summary second = ThumbnailsJob.run(spark, config(in, out, OutputFormat.SAME, true));

        Map<String, Row> rows = manifestByRelativePath(out);
        assertEquals(6, rows.size(), "a complete manifest, no duplicates");
        assertEquals("ok", rows.get("img1.jpg").getAs("status"));
        assertEquals("ok", rows.get("img2.jpg").getAs("status"));
        assertEquals("skipped", rows.get("img0.jpg").getAs("status"));
        assertEquals(4, second.skipped());
        assertEquals(2, second.ok());
        assertEquals((double) second.details().get("cpu_s") * 1000 / 2,
                (double) second.details().get("cpu_ms_per_image"), 0.3, "per image made, not per image kept");
        assertArrayEqualsSize(new int[] {75, 50}, out.resolve("75x75/img2.jpg"));
        Row kept = rows.get("img3.jpg");
        assertEquals(303, (int) kept.getAs("source_width"));
        assertEquals(1, kept.getList(kept.fieldIndex("thumbnails")).size());
    }

    @Test
    void aRerunReplacesTheManifestInsteadOfAddingToIt() {
        Path in = dir.resolve("in");
        TestImages.jpeg(in.resolve("a.jpg"), 120, 90);
        TestImages.jpeg(in.resolve("b.jpg"), 90, 120);
        Path out = dir.resolve("out");

        ThumbnailsJob.run(spark, config(in, out, OutputFormat.SAME, false));
        ThumbnailsJob.run(spark, config(in, out, OutputFormat.SAME, false));

        assertEquals(2, spark.read().parquet(out.resolve("manifest").toString()).count());
        try (var files = Files.list(out)) {
            assertEquals(List.of("75x75", "manifest", "summary.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no staging or temp leftovers");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anOutputInsideTheInputIsNotThumbnailedAgain() {
        Path in = dir.resolve("in");
        TestImages.jpeg(in.resolve("a.jpg"), 120, 90);
        Path out = in.resolve("thumbs");

        ThumbnailsJob.run(spark, config(in, out, OutputFormat.SAME, false));
        Summary second = ThumbnailsJob.run(spark, config(in, out, OutputFormat.SAME, false));

        assertEquals(1, second.input());
    }

    @Test
    void aGlobNamesOutputsRelativeToItsFixedPart() {
        Path in = dir.resolve("in");
        TestImages.jpeg(in.resolve("2024/a.jpg"), 120, 90);
        TestImages.jpeg(in.resolve("2025/b.jpg"), 120, 90);
        TestImages.png(in.resolve("2025/c.png"), 120, 90);
        Path out = dir.resolve("out");

        Summary summary = ThumbnailsJob.run(spark, new ThumbnailsConfig(in + "/*/*.jpg", out.toString(),
                new ThumbnailSpec(List.of(new ThumbnailSize(75, 75)), OutputFormat.SAME, 0.85f, 1_000_000),
                false, 0, 1 << 20));

        assertEquals(2, summary.input());
        assertTrue(Files.exists(out.resolve("75x75/2024/a.jpg")));
        assertTrue(Files.exists(out.resolve("75x75/2025/b.jpg")));
    }

    @Test
    void tooManyPixelsAndTooLargeFilesAreRefusedRows() {
        Path in = dir.resolve("in");
        TestImages.jpeg(in.resolve("big.jpg"), 1200, 1000);
        TestImages.jpeg(in.resolve("fine.jpg"), 100, 100);
        Path out = dir.resolve("out");

        ThumbnailsJob.run(spark, new ThumbnailsConfig(in.toString(), out.toString(),
                new ThumbnailSpec(List.of(new ThumbnailSize(75, 75)), OutputFormat.SAME, 0.85f, 1_000_000),
                false, 0, 10 << 20));

        Map<String, Row> rows = manifestByRelativePath(out);
        assertEquals("too_many_pixels", rows.get("big.jpg").getAs("status"));
        assertEquals("ok", rows.get("fine.jpg").getAs("status"));
    }

    @Test
    void aMissingInputIsAnErrorThatNamesIt() {
        Path missing = dir.resolve("no-such-folder");
        HarvestException e = assertThrows(HarvestException.class,
                () -> ThumbnailsJob.run(spark, config(missing, dir.resolve("out"), OutputFormat.SAME, false)));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    private static void assertArrayEqualsSize(int[] expected, Path file) {
        assertTrue(Files.exists(file), "missing " + file);
        int[] actual = TestImages.size(file);
        assertEquals(expected[0] + "x" + expected[1], actual[0] + "x" + actual[1], file.toString());
    }

    @Test
    void animatedGifGivesItsFirstFrameOnItsLogicalScreen() throws IOException {
        // Three frames on a 150x60 screen: the first 60x30 at (45, 15), then two black ones covering it all.
        GifBytes gif = GifBytes.frame(60, 30).onScreen(150, 60, 45, 15).thenFullScreenFrames(2);
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        Files.write(in.resolve("animated.gif"), gif.bytes());
        Path out = dir.resolve("out");

        ThumbnailsJob.run(spark, config(in, out, OutputFormat.SAME, false));

        Row row = manifestByRelativePath(out).get("animated.gif");
        assertEquals("ok", row.getAs("status"));
        assertEquals(List.of(150, 60), List.of(row.<Integer>getAs("source_width"), row.<Integer>getAs("source_height")));
        Row thumb = row.<Row>getList(row.fieldIndex("thumbnails")).get(0);
        assertEquals(List.of(75, 30), List.of(thumb.<Integer>getAs("width"), thumb.<Integer>getAs("height")));
        BufferedImage written = ImageIO.read(out.resolve("75x75/animated.gif.png").toFile());
        assertEquals(List.of(75, 30), List.of(written.getWidth(), written.getHeight()));
        gif.assertFirstFrameOnScreen(written, 0.5);
    }
}
