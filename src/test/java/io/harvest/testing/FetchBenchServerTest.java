package io.harvest.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fetch benchmark's server: what scripts/bench-fetch relies on, no timing. */
class FetchBenchServerTest {
    private static final long LATENCY_MS = 300;
    private final HttpClient client = HttpClient.newHttpClient();
    private FetchBenchServer handler;
    private Server server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        handler = new FetchBenchServer(10, LATENCY_MS, 2);
        server = handler.start(0);
        base = "http://127.0.0.1:" + LatencyServer.port(server);
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void servesTheSamePageEveryTimeWithTitleLinksAndImages() throws Exception {
        HttpResponse<byte[]> first = get("/page/3.html");
        HttpResponse<byte[]> again = get("/page/3.html");
        assertEquals(200, first.statusCode());
        assertEquals("text/html; charset=utf-8", first.headers().firstValue("content-type").orElseThrow());
        assertArrayEquals(first.body(), again.body());
        String html = new String(first.body(), StandardCharsets.UTF_8);
        assertTrue(html.contains("<title>Page 3: "), html);
        assertTrue(html.contains("<a href=\"/page/") && html.contains("<img src=\"/img/"), html);
        assertTrue(first.body().length >= 3_000 && first.body().length <= 20_000, "size " + first.body().length);
    }

    @Test
    void answersOnlyTheSitesPagesAndRobots() throws Exception {
        assertEquals(404, get("/page/10.html").statusCode());
        assertEquals(404, get("/page/x.html").statusCode());
        HttpResponse<byte[]> robots = get("/robots.txt");
        assertEquals(200, robots.statusCode());
        assertTrue(new String(robots.body(), StandardCharsets.UTF_8).contains("User-agent: *"));
        String stats = new String(get("/stats").body(), StandardCharsets.UTF_8);
        assertTrue(stats.contains("\"pages\": 0, \"robots\": 1, \"other\": 2"), stats);
    }

    private static int mostWaiting(String stats) {
        return Integer.parseInt(stats.replaceAll("(?s).*\"most_waiting\": (\\d+).*", "$1"));
    }

    @Test
    void holdsManyRequestsAtOnceAndCountsThem() throws Exception {
        List<CompletableFuture<HttpResponse<Void>>> pending = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            pending.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/page/" + (i % 10) + ".html")).build(),
                    HttpResponse.BodyHandlers.discarding()));
        }
        for (CompletableFuture<HttpResponse<Void>> p : pending) {
            assertEquals(200, p.get().statusCode());
        }
        String stats = new String(get("/stats").body(), StandardCharsets.UTF_8);
        assertTrue(stats.contains("\"pages\": 40,"), stats);
        // All 40 were sent at once and each waits 300 ms: the peak is how bench-fetch checks
        // the concurrency a client really reached.
        assertTrue(mostWaiting(stats) >= 20, stats);
        assertEquals(0, mostWaiting(new String(get("/stats/reset").body(), StandardCharsets.UTF_8)),
                "the reset starts the peak again from the requests waiting now");
    }
}
