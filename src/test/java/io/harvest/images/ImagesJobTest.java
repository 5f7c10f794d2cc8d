package io.harvest.images;

import static io.harvest.images.ImageServer.byItem;
import static io.harvest.images.ImageServer.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harvest.job.Summary;
import io.harvest.testing.Reply;
import io.harvest.testing.SharedSpark;
import io.harvest.testing.TestHttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesJobTest {
    private static final String HOST = "img.test";

    @TempDir
    Path dir;

    @Test
    void everyHostileCaseIsOneRowWithItsExactStatus() throws IOException {
        byte[] jpeg = ImageServer.encode(320, 240, "jpg");
        byte[] html = "<html><body>not found</body></html>".getBytes(StandardCharsets.UTF_8);
        byte[] corrupt = new byte[4000];
        corrupt[0] = (byte) 0xFF;
        corrupt[1] = (byte) 0xD8;
        corrupt[2] = (byte) 0xFF;
        Arrays.fill(corrupt, 3, corrupt.length, (byte) 0x41);
        // path -> expected status, in input order
        Map<String, String> expected = new LinkedHashMap<>();
        try (TestHttpServer server = TestHttpServer.start()) {
            server.robots("User-agent: *\nDisallow: /private/\n");
            serve(server, expected, "/ok.jpg", Reply.bytes(jpeg, "image/jpeg"), "ok");
            serve(server, expected, "/alpha.png", Reply.bytes(ImageServer.encode(100, 80, "png-alpha"), "image/png"), "ok");
            serve(server, expected, "/anim.gif", Reply.bytes(ImageServer.encode(90, 90, "gif"), "image/gif"), "ok");
            serve(server, expected, "/no-extension?id=5", Reply.bytes(jpeg, "application/octet-stream"), "ok");
            serve(server, expected, "/page.jpg", Reply.bytes(html, "image/jpeg"), "not_image");
            serve(server, expected, "/empty.jpg", Reply.bytes(new byte[0], "image/jpeg"), "not_image");
            serve(server, expected, "/corrupt.jpg", Reply.bytes(corrupt, "image/jpeg"), "decode_error");
            serve(server, expected, "/truncated.jpg",
                    Reply.bytes(Arrays.copyOf(jpeg, jpeg.length / 3), "image/jpeg"), "decode_error");
            serve(server, expected, "/bomb.png", Reply.bytes(ImageServer.pngHeader(60000, 60000), "image/png"),
                    "too_many_pixels");
            serve(server, expected, "/missing.jpg", Reply.status(404), "http_error");
            serve(server, expected, "/to-private.jpg", Reply.redirect(302, "http://10.1.2.3/x.jpg"), "blocked");
            serve(server, expected, "/noai.jpg", Reply.bytes(jpeg, "image/jpeg").header("X-Robots-Tag", "noai"),
                    "opted_out");
            serve(server, expected, "/other-agent.jpg",
                    Reply.bytes(jpeg, "image/jpeg").header("X-Robots-Tag", "googlebot: noai"), "ok");
            serve(server, expected, "/private/x.jpg", Reply.bytes(jpeg, "image/jpeg"), "robots_denied");
            serve(server, expected, "/drip.jpg", Reply.drip(jpeg, Duration.ofMillis(200)), "timeout");
            serve(server, expected, "/slow.jpg", Reply.bytes(jpeg, "image/jpeg").delay(Duration.ofSeconds(5)), "timeout");
            List<String> lines = new ArrayList<>();
            expected.keySet().forEach(p -> lines.add(server.url(HOST, p)));
            lines.add(server.url(HOST, "/ok.jpg")); // a duplicate is its own item
            lines.add("not a url");
            Path input = Files.write(dir.resolve("urls.txt"), lines);
            Path out = dir.resolve("out");

            Summary summary = ImagesJob.run(SharedSpark.get(), ImageServer.config(input, out, HOST));

            Map<Long, Row> rows = byItem(out);
            assertEquals(lines.size(), rows.size(), "one row per input line");
            assertEquals(lines.size(), summary.input());
            List<String> want = new ArrayList<>(expected.values());
            want.add("ok");
            want.add("invalid_url");
            for (int i = 0; i < want.size(); i++) {
                Row r = rows.get((long) i);
                assertEquals(want.get(i), status(r), lines.get(i) + ": " + r.getString(r.fieldIndex("error")));
            }
            Row ok = rows.get(0L);
            assertEquals("000000000", ok.getString(ok.fieldIndex("key")));
            assertEquals(320, ok.getInt(ok.fieldIndex("source_width")));
            assertEquals("jpeg", ok.getString(ok.fieldIndex("source_format")));
            Row thumb = ok.<Row>getList(ok.fieldIndex("thumbnails")).get(0);
            assertEquals("64x64", thumb.getString(0));
            assertEquals(64, thumb.getInt(2));
            assertEquals(48, thumb.getInt(3));
            Path file = out.resolve("64x64/00000/000000000.jpg");
            assertEquals(file.toUri().getPath(), java.net.URI.create(thumb.getString(1)).getPath());
            BufferedImage made = ImageIO.read(file.toFile());
            assertEquals(64, made.getWidth());
            assertEquals(48, made.getHeight());
            // The PNG with alpha is a JPEG thumbnail by default (--format jpg).
            assertTrue(Files.exists(out.resolve("64x64/00000/000000001.jpg")));
            assertNull(rows.get(4L).getList(rows.get(4L).fieldIndex("thumbnails")).isEmpty() ? null : "thumbs");

            List<String> errors = Files.readAllLines(out.resolve("errors.txt"));
            assertEquals(want.stream().filter(s -> !s.equals("ok") && !s.equals("invalid_url")).count(), errors.size());
            JsonNode json = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
            assertEquals(6, json.get("ok").asLong());
            assertEquals(2, json.get("by_status").get("not_image").asLong());
            assertEquals(6, json.get("images_made").asLong());
            assertTrue(json.get("cpu_ms_per_image").asDouble() > 0);
        }
    }

    @Test
    void filtersRefuseFromTheHeaderAndIgnoreOptOutKeeps() throws IOException {
        try (TestHttpServer server = TestHttpServer.start()) {
            server.robots("User-agent: *\nAllow: /\n");
            server.on("/small.jpg").reply(Reply.bytes(ImageServer.encode(40, 30, "jpg"), "image/jpeg"));
            server.on("/wide.jpg").reply(Reply.bytes(ImageServer.encode(400, 50, "jpg"), "image/jpeg"));
            server.on("/noai.jpg").reply(Reply.bytes(ImageServer.encode(200, 200, "jpg"), "image/jpeg")
                    .header("X-Robots-Tag", "harvest: noimageai"));
            Path input = Files.write(dir.resolve("urls.txt"), List.of(server.url(HOST, "/small.jpg"),
                    server.url(HOST, "/wide.jpg"), server.url(HOST, "/noai.jpg")));
            Path out = dir.resolve("out");
            ImagesConfig config = ImageServer.config(input, out, HOST)
                    .toBuilder().filters(new ImagesConfig.Filters(50, 3.0), true).build();
            ImagesJob.run(SharedSpark.get(), config);
            Map<Long, Row> rows = byItem(out);
            assertEquals("too_small", status(rows.get(0L)));
            assertEquals("bad_aspect", status(rows.get(1L)));
            assertEquals("ok", status(rows.get(2L)), "--ignore-opt-out keeps it");
            ImagesJob.run(SharedSpark.get(), config.toBuilder().filters(ImagesConfig.Filters.NONE, false).build());
            assertEquals("opted_out", status(byItem(out).get(2L)), "Harvest's own token opts out");
        }
    }

    private static void serve(TestHttpServer server, Map<String, String> expected, String path, Reply reply,
                              String status) {
        server.on(path.split("\\?")[0]).reply(reply);
        expected.put(path, status);
    }
}
