package io.harvest.images;

import static io.harvest.images.ImageServer.byItem;
import static io.harvest.images.ImageServer.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harvest.HarvestException;
import io.harvest.net.RequestHeader;
import io.harvest.testing.Reply;
import io.harvest.testing.SharedSpark;
import io.harvest.testing.TestHttpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesLinksTest {
    private static final String HOST = "site.test";

    @TempDir
    Path dir;

    @Test
    void imagesFoundOnHtmlPagesAreRowsAfterTheirPagesNamingThem() throws IOException {
        try (TestHttpServer server = TestHttpServer.start()) {
            server.robots("User-agent: *\nAllow: /\n");
            server.on("/gallery.html").reply(Reply.html("<html><head>"
                    + "<meta property=\"og:image\" content=\"/og.jpg\"></head><body>"
                    + "<img src=\"/a.jpg\"><img srcset=\"/s1.jpg 480w, /s2.jpg 1080w\">"
                    + "<img src=\"/skip.png\"><img src=\"/a.jpg\"></body></html>"));
            for (String p : List.of("/og.jpg", "/a.jpg", "/s2.jpg")) {
                server.on(p).reply(Reply.bytes(ImageServer.encode(150, 100, "jpg"), "image/jpeg"));
            }
            Path input = Files.write(dir.resolve("pages.csv"), List.of("url,id",
                    server.url(HOST, "/gallery.html") + ",g1", server.url(HOST, "/gone.html") + ",g2"));
            Path out = dir.resolve("out");
            ImagesJob.run(SharedSpark.get(), ImageServer.config(input, out, HOST).toBuilder()
                    .links("html", "\\.jpg$").build());

            Map<Long, Row> rows = byItem(out);
            assertEquals(5, rows.size(), "two pages, three distinct .jpg images");
            assertEquals("ok", status(rows.get(0L)));
            assertNull(rows.get(0L).getAs("page"));
            assertEquals("http_error", status(rows.get(1L)));
            String page = server.url(HOST, "/gallery.html");
            List<String> found = List.of(server.url(HOST, "/og.jpg"), server.url(HOST, "/a.jpg"),
                    server.url(HOST, "/s2.jpg"));
            for (int i = 0; i < 3; i++) {
                Row image = rows.get(2L + i);
                assertEquals(found.get(i), image.getAs("url"));
                assertEquals("ok", status(image), (String) image.getAs("error"));
                assertEquals(page, image.getAs("page"));
                assertEquals("g1", image.getAs("id"), "the page's columns come along");
                assertEquals(1, image.getList(image.fieldIndex("thumbnails")).size());
            }
            assertEquals(0, server.hits("/skip.png"));
            assertEquals(0, server.hits("/s1.jpg"), "only the largest srcset candidate");
        }
    }

    @Test
    void aJsonGalleryApiIsCalledWithTheHeaderFromTheEnvironmentAndTheImagesWithoutIt() throws IOException {
        try (TestHttpServer server = TestHttpServer.start()) {
            server.robots("User-agent: *\nAllow: /\n");
            server.on("/3/gallery").requiring("Authorization", "Client-ID s3cret").reply(Reply.bytes(
                    ("{\"data\": [{\"link\": \"" + server.url(HOST, "/i/1.jpg") + "\"}, {\"link\": \"/i/2.png\"},"
                            + " {\"link\": \"/i/3.jpg\"}]}").getBytes(), "application/json"));
            server.on("/i/1.jpg").refusing("Authorization").reply(Reply.bytes(ImageServer.encode(80, 80, "jpg"), "image/jpeg"));
            server.on("/i/3.jpg").refusing("Authorization").reply(Reply.bytes(ImageServer.encode(90, 60, "jpg"), "image/jpeg"));
            Path input = Files.write(dir.resolve("api.txt"), List.of(server.url(HOST, "/3/gallery")));
            Path out = dir.resolve("out");
            RequestHeader auth = RequestHeader.parse("Authorization: Client-ID ${IMGUR_CLIENT_ID}",
                    Map.of("IMGUR_CLIENT_ID", "s3cret"));
            ImagesConfig config = ImageServer.config(input, out, HOST).toBuilder()
                    .links("json:data[].link", "\\.jpg$").build();
            ImagesJob.run(SharedSpark.get(), config.toBuilder()
                    .fetch(config.fetch().toBuilder().headers(List.of(auth)).build()).build());

            Map<Long, Row> rows = byItem(out);
            assertEquals(3, rows.size(), () -> rows.get(0L).toString());
            assertEquals("ok", status(rows.get(0L)));
            assertEquals("ok", status(rows.get(1L)), (String) rows.get(1L).getAs("error"));
            assertEquals("ok", status(rows.get(2L)), (String) rows.get(2L).getAs("error"));
            assertEquals(server.url(HOST, "/i/3.jpg"), rows.get(2L).getAs("url"));

            // Without the key the API answers 403: the page row says so, and no image is found.
            ImagesJob.run(SharedSpark.get(), config);
            assertEquals("http_error", status(byItem(out).get(0L)));
            assertEquals(403, (int) byItem(out).get(0L).<Integer>getAs("http_status"));
        }
    }

    @Test
    void aMissingVariableIsNamed() {
        HarvestException e = assertThrows(HarvestException.class,
                () -> RequestHeader.parse("Authorization: Client-ID ${IMGUR_CLIENT_ID}", Map.of()));
        assertTrue(e.getMessage().contains("IMGUR_CLIENT_ID is not set"), e.getMessage());
        assertEquals("x-a: b c", RequestHeader.parse("x-a: ${A} ${B}", Map.of("A", "b", "B", "c")).name()
                + ": " + RequestHeader.parse("x-a: ${A} ${B}", Map.of("A", "b", "B", "c")).value());
    }
}
