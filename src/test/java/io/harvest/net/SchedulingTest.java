package io.harvest.net;

import io.harvest.job.Status;
import static io.harvest.net.FetchTesting.assertSpacedAtLeast;
import static io.harvest.net.FetchTesting.fetchInOrder;
import static io.harvest.net.FetchTesting.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harvest.testing.Reply;
import io.harvest.testing.TestHttpServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How requests are spread: limits held and reached, and every item answered exactly once. */
class SchedulingTest {
    private static final NameResolver HOSTS = NameResolver.fixed(Map.of(
            "a.test", "127.0.0.1", "b.test", "127.0.0.1", "c.test", "127.0.0.1",
            "slow.test", "127.0.0.1", "fast.test", "127.0.0.1", "zero.test", "0.0.0.0"));
    private TestHttpServer server;

    @BeforeEach
    void start() {
        server = TestHttpServer.start();
        server.on("/page").reply(Reply.html("<p>page"));
        server.on("/slow").reply(Reply.html("<p>slow").delay(Duration.ofMillis(200)));
        server.robots("User-agent: *\nDisallow: /private\n");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void fiveHundredMixedUrlsGiveFiveHundredResultsEachExactlyOnce() {
        server.on("/missing").reply(Reply.status(404));
        server.on("/loop").reply(Reply.redirect(302, "/loop"));
        server.on("/huge").reply(Reply.huge(10L << 20));
        String dead = "http://127.0.0.1:" + FetchTesting.closedPort();
        List<String> urls = new ArrayList<>();
        Map<Status, Integer> expected = new EnumMap<>(Status.class);
        for (int i = 0; i < 500; i++) {
            String host = List.of("127.0.0.1", "a.test", "b.test").get(i % 3);
            String url;
            Status status;
            switch (i % 10) {
                case 0, 1, 2 -> { url = server.url(host, "/page?i=" + i); status = Status.OK; }
                case 3 -> { url = server.url(host, "/missing?i=" + i); status = Status.HTTP_ERROR; }
                case 4 -> { url = i % 20 == 4 ? "not a url " + i : "javascript:void(" + i + ")";
                    status = Status.INVALID_URL; }
                case 5 -> { url = server.url("zero.test", "/page?i=" + i); status = Status.BLOCKED; }
                case 6 -> { url = "http://unknown" + i + ".test/"; status = Status.DNS_ERROR; }
                case 7 -> { url = server.url(host, "/loop?i=" + i); status = Status.REDIRECT_ERROR; }
                case 8 -> { url = i % 20 == 8 ? server.url(host, "/huge?i=" + i)
                        : server.url(host, "/private?i=" + i);
                    status = i % 20 == 8 ? Status.TOO_LARGE : Status.ROBOTS_DENIED; }
                default -> { url = dead + "/?i=" + i; status = Status.CONNECTION_ERROR; }
            }
            urls.add(url);
            expected.merge(status, 1, Integer::sum);
        }
        try (Fetcher fetcher = new Fetcher(local().resolver(HOSTS).maxBytes(1 << 20).retries(0)
                .maxPerHost(4).build())) {
            List<FetchResult> results = fetchInOrder(fetcher, urls); // checks exactly once each
            Map<Status, Integer> got = new EnumMap<>(Status.class);
            for (int i = 0; i < urls.size(); i++) {
                assertEquals(urls.get(i), results.get(i).url());
                got.merge(results.get(i).status(), 1, Integer::sum);
            }
            assertEquals(expected, got);
        }
    }

    @Test
    void thePerHostLimitIsNeverExceededAndIsReachedOnEveryHost() {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            for (String host : List.of("a.test", "b.test", "c.test")) {
                urls.add(server.url(host, "/slow?i=" + i));
            }
        }
        try (Fetcher fetcher = new Fetcher(local().resolver(HOSTS).maxPerHost(2).build())) {
            fetchInOrder(fetcher, urls).forEach(r -> assertEquals(Status.OK, r.status()));
        }
        for (String host : List.of("a.test", "b.test", "c.test")) {
            assertEquals(2, server.maxConcurrentForHost(host), host);
        }
        assertEquals(6, server.maxConcurrent("/slow")); // the hosts ran side by side
    }

    @Test
    void concurrencyIsReachedAndNeverExceeded() {
        List<String> urls = IntStream.range(0, 64).mapToObj(i -> server.url("/slow?i=" + i)).toList();
        try (Fetcher fetcher = new Fetcher(local().concurrency(16).maxPerHost(100).build())) {
            fetchInOrder(fetcher, urls).forEach(r -> assertEquals(Status.OK, r.status()));
        }
        assertEquals(16, server.maxConcurrent("/slow"));
    }

    @Test
    void theHostDelaySpacesRequestsToAHostAsTheServerSeesThem() {
        List<String> urls = IntStream.range(0, 4).mapToObj(i -> server.url("/page?i=" + i)).toList();
        try (Fetcher fetcher = new Fetcher(local().maxPerHost(1).obeyRobots(false)
                .hostDelay(Duration.ofMillis(200)).build())) {
            fetchInOrder(fetcher, urls);
        }
        assertEquals(4, server.hits("/page"));
        assertSpacedAtLeast(server.arrivals("/page"), Duration.ofMillis(190));
    }

    @Test
    void aHostThatKeepsFailingIsCutOffAndItsOtherUrlsFailFast() {
        String dead = "http://127.0.0.1:" + FetchTesting.closedPort();
        List<String> urls = IntStream.range(0, 20).mapToObj(i -> dead + "/?i=" + i).toList();
        try (Fetcher fetcher = new Fetcher(local().obeyRobots(false).retries(0).maxPerHost(1)
                .hostFailureLimit(5).build())) {
            List<FetchResult> r = fetchInOrder(fetcher, urls);
            assertEquals(5, r.stream().filter(x -> x.status() == Status.CONNECTION_ERROR).count());
            List<FetchResult> cut = r.stream()
                    .filter(x -> x.status() == Status.HOST_UNREACHABLE).toList();
            assertEquals(15, cut.size());
            cut.forEach(x -> assertEquals(0, x.attempts()));
            assertTrue(cut.get(0).error().contains("5 consecutive"), cut.get(0).error());
        }
    }

    @Test
    void httpErrorsAreAnswersAndNeverCutAHostOff() {
        server.on("/broken").reply(Reply.status(500));
        List<String> urls = IntStream.range(0, 20).mapToObj(i -> server.url("/broken?i=" + i)).toList();
        try (Fetcher fetcher = new Fetcher(local().hostFailureLimit(3).build())) {
            fetchInOrder(fetcher, urls).forEach(r -> assertEquals(Status.HTTP_ERROR, r.status()));
        }
        assertEquals(20, server.hits("/broken"));
    }

    @Test
    void inputIsReadLazilyNeverMoreThanTheLookAheadBeyondWhatWasHandedOut() {
        AtomicInteger read = new AtomicInteger();
        Iterator<Integer> input = IntStream.range(0, 300).peek(i -> read.incrementAndGet()).iterator();
        try (Fetcher fetcher = new Fetcher(local().lookAhead(50).concurrency(8).maxPerHost(8).build())) {
            Iterator<Fetched<Integer>> it = fetcher.fetchAll(input, i -> server.url("/page?i=" + i));
            int handedOut = 0;
            while (it.hasNext()) {
                it.next();
                handedOut++;
                assertTrue(read.get() - handedOut <= 50, read.get() + " read, " + handedOut + " out");
            }
            assertEquals(300, handedOut);
        }
    }

    @Test
    void aSlowHostHoldsOnlyItsOwnItems() {
        server.on("/slower").reply(Reply.html("<p>slow").delay(Duration.ofMillis(500)));
        List<String> urls = new ArrayList<>();
        IntStream.range(0, 4).forEach(i -> urls.add(server.url("slow.test", "/slower?i=" + i)));
        IntStream.range(0, 40).forEach(i -> urls.add(server.url("fast.test", "/page?i=" + i)));
        List<String> order = new ArrayList<>();
        try (Fetcher fetcher = new Fetcher(local().resolver(HOSTS).maxPerHost(1).build())) {
            Iterator<Fetched<String>> it = fetcher.fetchAll(urls.iterator(), u -> u);
            it.forEachRemaining(f -> order.add(f.item()));
        }
        int lastFast = 0;
        int secondSlow = -1;
        int slowSeen = 0;
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).contains("fast.test")) {
                lastFast = i;
            } else if (++slowSeen == 2) {
                secondSlow = i;
            }
        }
        assertTrue(lastFast < secondSlow, "fast host finished at " + lastFast
                + ", slow host's second URL at " + secondSlow);
    }

    @Test
    void theFetcherRunsOnlyALittleAheadOfASlowCaller() {
        int concurrency = 4;
        List<String> urls = IntStream.range(0, 60).mapToObj(i -> server.url("/page?i=" + i)).toList();
        try (Fetcher fetcher = new Fetcher(local().concurrency(concurrency).maxPerHost(concurrency)
                .build())) {
            Iterator<Fetched<Integer>> it = fetcher.fetchAll(IntStream.range(0, 60).iterator(),
                    urls::get);
            for (int handedOut = 1; it.hasNext(); handedOut++) {
                it.next();
                Thread.sleep(5); // a caller busy parsing
                // Waiting results and running requests are each capped at the concurrency.
                assertTrue(server.hits("/page") <= handedOut + 2 * concurrency,
                        server.hits("/page") + " fetched, " + handedOut + " handed out");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aUrlThatCannotBeReadIsOneFailedResultAndTheRestGoesOn() {
        List<Integer> items = List.of(1, 2, 3, 4);
        try (Fetcher fetcher = new Fetcher(local().build())) {
            Iterator<Fetched<Integer>> it = fetcher.fetchAll(items.iterator(), i -> {
                if (i == 2) {
                    throw new IllegalStateException("no url column");
                }
                return i == 3 ? null : server.url("/page?i=" + i);
            });
            Map<Integer, Status> got = new java.util.HashMap<>();
            it.forEachRemaining(f -> got.put(f.item(), f.result().status()));
            assertEquals(Map.of(1, Status.OK, 2, Status.INVALID_URL,
                    3, Status.INVALID_URL, 4, Status.OK), got);
        }
    }

    @Test
    void aFailingInputEndsTheRunWithItsOwnException() {
        Iterator<String> broken = new Iterator<>() {
            int n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public String next() {
                if (n++ == 3) {
                    throw new IllegalStateException("corrupt input file");
                }
                return server.url("/page?i=" + n);
            }
        };
        try (Fetcher fetcher = new Fetcher(local().build())) {
            Iterator<Fetched<String>> it = fetcher.fetchAll(broken, u -> u);
            assertThrows(IllegalStateException.class, () -> it.forEachRemaining(f -> { }));
        }
    }

    @Test
    void closingTheFetcherMidRunStillAnswersEveryItem() throws Exception {
        List<String> urls = IntStream.range(0, 40).mapToObj(i -> server.url("/slow?i=" + i)).toList();
        Set<Integer> seen = new HashSet<>();
        Fetcher fetcher = new Fetcher(local().maxPerHost(4).build());
        Iterator<Fetched<Integer>> it = fetcher.fetchAll(IntStream.range(0, 40).iterator(), urls::get);
        seen.add(it.next().item());
        fetcher.close();
        it.forEachRemaining(f -> assertTrue(seen.add(f.item()), "twice: " + f.item()));
        assertEquals(40, seen.size());
    }
}
