package io.harvest.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harvest.samples.SampleImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The images benchmark's server: what scripts/bench-images relies on, no timing. */
class ImageBenchServerTest {
    private static final long LATENCY_MS = 200;
    private final HttpClient client = HttpClient.newHttpClient();
    @TempDir
    Path root;
    private ImageBenchServer handler;
    private Server server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        new SampleImages(4, 64, 200, 0, 7).writeTo(root);
        Files.writeString(root.resolve(".hidden.jpg"), "not served");
        Files.writeString(root.getParent().resolve("outside-" + root.getFileName() + ".jpg"), "never served");
        handler = new ImageBenchServer(root, LATENCY_MS, 2);
        server = handler.start(0);
        base = "http://127.0.0.1:" + LatencyServer.port(server);
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        Files.deleteIfExists(root.getParent().resolve("outside-" + root.getFileName() + ".jpg"));
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private List<Path> images() throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".jpg") && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }

    @Test
    void servesEveryImageUnderTheRootByteForByteAsJpeg() throws Exception {
        List<Path> images = images();
        assertEquals(4, images.size());
        assertEquals(4, handler.imageCount(), "the hidden file is not one of the served images");
        for (Path image : images) {
            HttpResponse<byte[]> response = get("/" + root.relativize(image).toString().replace('\\', '/'));
            assertEquals(200, response.statusCode(), image.toString());
            assertEquals("image/jpeg", response.headers().firstValue("content-type").orElseThrow());
            assertArrayEquals(Files.readAllBytes(image), response.body(), image.toString());
        }
    }

    @Test
    void answersNothingOutsideTheFilesFoundAtStart() throws Exception {
        assertEquals(404, get("/.hidden.jpg").statusCode());
        // Jetty may refuse these paths itself (400) before they reach the server: never a 200.
        assertNotEquals(200, get("/../outside-" + root.getFileName() + ".jpg").statusCode());
        assertNotEquals(200, get("/%2e%2e/outside-" + root.getFileName() + ".jpg").statusCode());
        assertEquals(404, get("/set-000/img-99999.jpg").statusCode());
        HttpResponse<byte[]> robots = get("/robots.txt");
        assertEquals(200, robots.statusCode());
        assertTrue(new String(robots.body(), StandardCharsets.UTF_8).contains("Allow: /"));
        String stats = new String(get("/stats").body(), StandardCharsets.UTF_8);
        assertTrue(stats.startsWith("{\"images\": 0, \"robots\": 1, \"other\": "), stats);
        assertTrue(stats.contains("\"image_count\": 4"), stats);
    }

    @Test
    void holdsManyImageRequestsAtOnceAndCountsThemAndTheirBytes() throws Exception {
        List<Path> images = images();
        long bytes = 0;
        List<CompletableFuture<HttpResponse<byte[]>>> pending = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Path image = images.get(i % images.size());
            bytes += Files.size(image);
            pending.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/"
                    + root.relativize(image).toString().replace('\\', '/'))).build(), HttpResponse.BodyHandlers.ofByteArray()));
        }
        for (CompletableFuture<HttpResponse<byte[]>> p : pending) {
            assertEquals(200, p.get().statusCode());
        }
        String stats = new String(get("/stats").body(), StandardCharsets.UTF_8);
        assertTrue(stats.contains("\"images\": 40,") && stats.contains("\"bytes\": " + bytes + ","), stats);
        int mostWaiting = Integer.parseInt(stats.replaceAll("(?s).*\"most_waiting\": (\\d+).*", "$1"));
        assertTrue(mostWaiting >= 20, "all 40 were sent at once and each waits 200 ms: " + stats);
    }
}
