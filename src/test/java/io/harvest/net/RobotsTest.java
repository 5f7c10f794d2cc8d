package io.harvest.net;

import io.harvest.job.Status;
import static io.harvest.net.FetchTesting.assertSpacedAtLeast;
import static io.harvest.net.FetchTesting.fetchInOrder;
import static io.harvest.net.FetchTesting.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harvest.testing.Reply;
import io.harvest.testing.TestHttpServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** robots.txt: fetched once per origin through the same client, and obeyed. */
class RobotsTest {
    private TestHttpServer server;

    @BeforeEach
    void start() {
        server = TestHttpServer.start();
        server.on("/public/a").reply(Reply.html("<p>a"));
        server.on("/public/b").reply(Reply.html("<p>b"));
        server.on("/private/x").reply(Reply.html("<p>x"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void disallowedPathsAreRobotsDeniedWithoutARequest() {
        server.robots("User-agent: *\nDisallow: /private/\n");
        try (Fetcher fetcher = new Fetcher(local().build())) {
            List<FetchResult> r = fetchInOrder(fetcher, List.of(server.url("/public/a"),
                    server.url("/private/x"), server.url("/public/b"), server.url("/private/x")));
            assertEquals(Status.OK, r.get(0).status());
            assertEquals(Status.ROBOTS_DENIED, r.get(1).status());
            assertEquals(0, r.get(1).attempts());
            assertEquals(Status.OK, r.get(2).status());
            assertEquals(Status.ROBOTS_DENIED, r.get(3).status());
            assertEquals(0, server.hits("/private/x"));
            assertEquals(1, server.hits("/robots.txt")); // cached for the fetcher's life
            assertEquals(Status.OK, fetcher.fetch(server.url("/public/a")).status());
            assertEquals(1, server.hits("/robots.txt"));
        }
    }

    @Test
    void rulesForHarvestByNameApplyToItsProductToken() {
        server.robots("User-agent: Harvest\nDisallow: /\n\nUser-agent: *\nAllow: /\n");
        try (Fetcher harvest = new Fetcher(local().build());
             Fetcher other = new Fetcher(local().userAgent("OtherBot/2.0 (+x)").build())) {
            assertEquals(Status.ROBOTS_DENIED, harvest.fetch(server.url("/public/a")).status());
            assertEquals(Status.OK, other.fetch(server.url("/public/a")).status());
        }
    }

    @Test
    void aMissingRobotsTxtAllowsEverything() {
        try (Fetcher fetcher = new Fetcher(local().build())) {
            assertEquals(Status.OK, fetcher.fetch(server.url("/private/x")).status());
            assertEquals(1, server.hits("/robots.txt"));
        }
    }

    @Test
    void aRobotsTxtAnsweringWithServerErrorsDisallowsEverything() {
        server.on("/robots.txt").reply(Reply.status(500));
        try (Fetcher fetcher = new Fetcher(local().retries(1).build())) {
            FetchResult r = fetcher.fetch(server.url("/public/a"));
            assertEquals(Status.ROBOTS_DENIED, r.status());
            assertEquals(0, server.hits("/public/a"));
        }
    }

    @Test
    void aRobotsTxtThatStaysRateLimitedDisallowsEverything() {
        server.on("/robots.txt").reply(Reply.status(429));
        try (Fetcher fetcher = new Fetcher(local().retries(0).build())) {
            assertEquals(Status.ROBOTS_DENIED, fetcher.fetch(server.url("/public/a")).status());
        }
    }

    @Test
    void aRobotsTxtThatIsBusyOnceIsRetried() {
        server.on("/robots.txt").reply(Reply.status(503),
                Reply.text("User-agent: *\nDisallow: /private/\n"));
        try (Fetcher fetcher = new Fetcher(local().build())) {
            assertEquals(Status.OK, fetcher.fetch(server.url("/public/a")).status());
            assertEquals(2, server.hits("/robots.txt"));
        }
    }

    @Test
    void aRedirectedRobotsTxtIsFollowed() {
        server.on("/robots.txt").reply(Reply.redirect(301, "/real-robots.txt"));
        server.on("/real-robots.txt").reply(Reply.text("User-agent: *\nDisallow: /private/\n"));
        try (Fetcher fetcher = new Fetcher(local().build())) {
            assertEquals(Status.ROBOTS_DENIED, fetcher.fetch(server.url("/private/x")).status());
            assertEquals(Status.OK, fetcher.fetch(server.url("/public/a")).status());
        }
    }

    @Test
    void ignoringRobotsFetchesNoRobotsTxt() {
        server.robots("User-agent: *\nDisallow: /\n");
        try (Fetcher fetcher = new Fetcher(local().obeyRobots(false).build())) {
            assertEquals(Status.OK, fetcher.fetch(server.url("/private/x")).status());
            assertEquals(0, server.hits("/robots.txt"));
        }
    }

    @Test
    void crawlDelayIsHonouredUpToTheCap() {
        server.robots("User-agent: *\nCrawl-delay: 5\n");
        try (Fetcher fetcher = new Fetcher(local().maxPerHost(4)
                .maxCrawlDelay(Duration.ofMillis(300)).build())) {
            List<FetchResult> r = fetchInOrder(fetcher, List.of(server.url("/public/a"),
                    server.url("/public/a"), server.url("/public/a")));
            r.forEach(x -> assertEquals(Status.OK, x.status()));
            assertEquals(3, server.hits("/public/a"));
            assertSpacedAtLeast(server.arrivals("/public/a"), Duration.ofMillis(280));
        }
    }

    @Test
    void anUnreachableHostGivesItsUrlsTheRobotsFailureWithoutFurtherRequests() {
        String dead = "http://127.0.0.1:" + FetchTesting.closedPort();
        try (Fetcher fetcher = new Fetcher(local().retries(0).build())) {
            List<FetchResult> r = fetchInOrder(fetcher, List.of(dead + "/a", dead + "/b"));
            for (FetchResult x : r) {
                assertEquals(Status.CONNECTION_ERROR, x.status());
                assertEquals(0, x.attempts());
                assertTrue(x.error().contains("robots.txt"), x.error());
            }
        }
    }
}
