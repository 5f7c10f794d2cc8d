package io.harvest.net;

import static io.harvest.net.FetchTesting.fetchInOrder;
import static io.harvest.net.FetchTesting.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harvest.job.Status;
import io.harvest.testing.Reply;
import io.harvest.testing.TestHttpServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JVM's shared client, as Spark tasks of one executor use it: each task a {@link Fetcher#shared}
 * of its own on its own thread, closed when the task ends.
 */
class SharedClientTest {
    private TestHttpServer server;

    @BeforeEach
    void start() {
        server = TestHttpServer.start();
        server.on("/slow").reply(Reply.html("<p>slow").delay(Duration.ofMillis(150)));
        server.robots("User-agent: *\nDisallow: /private\n");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<String> slowUrls(String task, int n) {
        return IntStream.range(0, n).mapToObj(i -> server.url("/slow?task=" + task + "&i=" + i)).toList();
    }

    /** One task's run: a shared fetcher of its own, closed at the end as the task does. */
    private List<FetchResult> task(FetchOptions options, List<String> urls) {
        try (Fetcher fetcher = Fetcher.shared(options)) {
            return fetchInOrder(fetcher, urls);
        }
    }

    /** Two tasks of 8 slow URLs each on the same host at the same time, every item ok. */
    private void twoTasksAtOnceAllOk(FetchOptions options) {
        CompletableFuture<List<FetchResult>> first = CompletableFuture.supplyAsync(
                () -> task(options, slowUrls("a", 8)));
        List<FetchResult> second = task(options, slowUrls("b", 8));
        first.join().forEach(r -> assertEquals(Status.OK, r.status(), r.url()));
        second.forEach(r -> assertEquals(Status.OK, r.status(), r.url()));
    }

    @Test
    void robotsTxtIsFetchedOncePerHostForAllTasksOfTheJvm() {
        FetchOptions options = local().maxPerHost(4).build();
        twoTasksAtOnceAllOk(options);
        List<FetchResult> later = task(options, List.of(server.url("/private/x"), server.url("/slow?later")));

        assertEquals(Status.ROBOTS_DENIED, later.get(0).status());
        assertEquals(Status.OK, later.get(1).status());
        assertEquals(1, server.hits("/robots.txt"), "robots.txt fetched once for three tasks");
    }

    @Test
    void tasksOfOneJvmTogetherKeepToTheHostLimit() {
        // Each task is told it has the host alone; the JVM's client still caps the host.
        FetchOptions options = local().maxPerHost(2).obeyRobots(false).build();
        twoTasksAtOnceAllOk(options);

        assertEquals(2, server.maxConcurrent("/slow"), "at most maxPerHost requests at once over both tasks");
    }

    @Test
    void closingOneTaskLeavesTheOthersRequestsRunning() {
        FetchOptions options = local().maxPerHost(8).obeyRobots(false).build();
        CompletableFuture<List<FetchResult>> other = CompletableFuture.supplyAsync(
                () -> task(options, slowUrls("other", 8)));
        Fetcher killed = Fetcher.shared(options);
        var it = killed.fetchAll(slowUrls("killed", 8).iterator(), u -> u);
        it.next();
        killed.close();
        int answered = 1;
        while (it.hasNext()) {
            it.next();
            answered++;
        }

        assertEquals(8, answered, "the closed task still answers for every item");
        other.join().forEach(r -> assertEquals(Status.OK, r.status(), r.url()));
        assertTrue(task(options, List.of(server.url("/slow?after"))).get(0).ok(),
                "the JVM's client still works after a task closed its fetcher");
    }
}
