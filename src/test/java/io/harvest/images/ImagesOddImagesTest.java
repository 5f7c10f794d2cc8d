package io.harvest.images;

import static io.harvest.images.ImageServer.byItem;
import static io.harvest.images.ImageServer.status;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.harvest.image.EncodedImages;
import io.harvest.image.GifBytes;
import io.harvest.testing.Reply;
import io.harvest.testing.SharedSpark;
import io.harvest.testing.TestHttpServer;
import io.harvest.testing.TestImages;
import io.harvest.testing.TestResources;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images that trip decoders, downloaded and thumbnailed by the job as users' lists bring them:
 * each row's status, source size and the size of the thumbnail written (64x64 box, fit).
 */
class ImagesOddImagesTest {
    private static final String HOST = "odd.test";

    @TempDir
    Path dir;

    /** One served image and what its row must say. */
    private record Case(String path, byte[] body, String contentType, int sourceW, int sourceH, int thumbW,
                        int thumbH) {}

    @Test
    void rotatedCmykProgressiveAndOffsetGifImagesGiveTheirExpectedThumbnails() throws IOException {
        BufferedImage landscape = TestImages.photo(120, 60, 7);
        List<Case> cases = List.of(
                // EXIF orientation 6 (turn 90 degrees clockwise): 120x60 stored, 60x120 shown.
                new Case("/rotated.jpg", EncodedImages.withOrientation(EncodedImages.jpeg(landscape, 0.9f, false), 6),
                        "image/jpeg", -1, -1, 32, 64),
                new Case("/cmyk.jpg", TestResources.bytes("images/cmyk.jpg"), "image/jpeg", 96, 64, 64, 43),
                new Case("/progressive.jpg", EncodedImages.jpeg(TestImages.photo(200, 100, 8), 0.9f, true),
                        "image/jpeg", 200, 100, 64, 32),
                // A GIF whose only frame sits at (6, 3) on a 20x10 screen: the screen's size, never enlarged.
                new Case("/offset.gif", GifBytes.frame(8, 4).onScreen(20, 10, 6, 3).bytes(), "image/gif",
                        20, 10, 20, 10));
        try (TestHttpServer server = TestHttpServer.start()) {
            server.robots("User-agent: *\nAllow: /\n");
            List<String> urls = new ArrayList<>();
            for (Case c : cases) {
                server.on(c.path()).reply(Reply.bytes(c.body(), c.contentType()));
                urls.add(server.url(HOST, c.path()));
            }
            Path input = Files.write(dir.resolve("urls.txt"), urls);
            Path out = dir.resolve("out");

            ImagesJob.run(SharedSpark.get(), ImageServer.config(input, out, HOST));

            Map<Long, Row> rows = byItem(out);
            assertEquals(cases.size(), rows.size());
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                Row row = rows.get((long) i);
                assertEquals("ok", status(row), c.path() + ": " + row.getString(row.fieldIndex("error")));
                if (c.sourceW() > 0) {
                    assertEquals(c.sourceW(), row.getInt(row.fieldIndex("source_width")), c.path());
                    assertEquals(c.sourceH(), row.getInt(row.fieldIndex("source_height")), c.path());
                }
                Row thumb = row.<Row>getList(row.fieldIndex("thumbnails")).get(0);
                assertEquals(List.of(c.thumbW(), c.thumbH()), List.of(thumb.getInt(2), thumb.getInt(3)), c.path());
                BufferedImage written = ImageIO.read(out.resolve("64x64/00000/00000000" + i + ".jpg").toFile());
                assertEquals(List.of(c.thumbW(), c.thumbH()), List.of(written.getWidth(), written.getHeight()),
                        c.path());
            }
        }
    }

    @Test
    void animatedGifGivesItsFirstFrameOnItsLogicalScreen() throws IOException {
        // Three frames on a 160x80 screen: the first 64x32 at (48, 24), then two black ones covering it all.
        GifBytes gif = GifBytes.frame(64, 32).onScreen(160, 80, 48, 24).thenFullScreenFrames(2);
        try (TestHttpServer server = TestHttpServer.start()) {
            server.robots("User-agent: *\nAllow: /\n");
            server.on("/animated.gif").reply(Reply.bytes(gif.bytes(), "image/gif"));
            Path input = Files.write(dir.resolve("urls.txt"), List.of(server.url(HOST, "/animated.gif")));
            Path out = dir.resolve("out");

            ImagesJob.run(SharedSpark.get(), ImageServer.config(input, out, HOST));

            Row row = byItem(out).get(0L);
            assertEquals("ok", status(row), row.getString(row.fieldIndex("error")));
            assertEquals(List.of("gif", 160, 80), List.of(row.getString(row.fieldIndex("source_format")),
                    row.getInt(row.fieldIndex("source_width")), row.getInt(row.fieldIndex("source_height"))));
            Row thumb = row.<Row>getList(row.fieldIndex("thumbnails")).get(0);
            assertEquals(List.of(64, 32), List.of(thumb.getInt(2), thumb.getInt(3)));
            BufferedImage written = ImageIO.read(out.resolve("64x64/00000/000000000.jpg").toFile());
            assertEquals(List.of(64, 32), List.of(written.getWidth(), written.getHeight()));
            gif.assertFirstFrameOnScreen(written, 0.4);
        }
    }
}
