package io.harvest.net;

import io.harvest.job.Status;
import static io.harvest.net.FetchTesting.assertSpacedAtLeast;
import static io.harvest.net.FetchTesting.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harvest.testing.Reply;
import io.harvest.testing.TestHttpServer;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Retries: which failures, how many, and how long between them. */
class RetryTest {
    private TestHttpServer server;

    @BeforeEach
    void start() {
        server = TestHttpServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {502, 503, 504, 429})
    void flakyAnswersSucceedOnRetryAndAttemptsCountTheRequests(int status) {
        server.on("/flaky").reply(Reply.status(status), Reply.status(status), Reply.html("<p>ok"));
        try (Fetcher fetcher = new Fetcher(local().retries(2).build())) {
            FetchResult r = fetcher.fetch(server.url("/flaky"));
            assertEquals(Status.OK, r.status());
            assertEquals(3, r.attempts());
            assertEquals(3, server.hits("/flaky"));
        }
    }

    @Test
    void theLastAnswerStandsWhenRetriesRunOut() {
        server.on("/down").reply(Reply.status(503));
        try (Fetcher fetcher = new Fetcher(local().retries(1).build())) {
            FetchResult r = fetcher.fetch(server.url("/down"));
            assertEquals(Status.HTTP_ERROR, r.status());
            assertEquals(503, r.httpStatus());
            assertEquals(2, r.attempts());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 404, 500, 501})
    void otherErrorStatusesAreAnswersAndNotRetried(int status) {
        server.on("/no").reply(Reply.status(status));
        try (Fetcher fetcher = new Fetcher(local().retries(2).build())) {
            FetchResult r = fetcher.fetch(server.url("/no"));
            assertEquals(Status.HTTP_ERROR, r.status());
            assertEquals(1, r.attempts());
        }
    }

    @Test
    void timeoutsAreRetried() {
        server.on("/slow-then-fast").reply(Reply.html("late").delay(Duration.ofSeconds(3)),
                Reply.html("<p>fast"));
        try (Fetcher fetcher = new Fetcher(local().retries(1)
                .requestTimeout(Duration.ofMillis(500)).build())) {
            FetchResult r = fetcher.fetch(server.url("/slow-then-fast"));
            assertEquals(Status.OK, r.status());
            assertEquals(2, r.attempts());
        }
    }

    @Test
    void refusedConnectionsAreRetriedThenReported() {
        try (Fetcher fetcher = new Fetcher(local().retries(2).obeyRobots(false).build())) {
            FetchResult r = fetcher.fetch("http://127.0.0.1:" + FetchTesting.closedPort() + "/");
            assertEquals(Status.CONNECTION_ERROR, r.status());
            assertEquals(3, r.attempts());
        }
    }

    @Test
    void retryAfterInSecondsIsWaitedFor() {
        server.on("/busy").reply(Reply.status(429).header("Retry-After", "1"), Reply.html("<p>ok"));
        try (Fetcher fetcher = new Fetcher(local().build())) {
            FetchResult r = fetcher.fetch(server.url("/busy"));
            assertEquals(Status.OK, r.status());
            assertEquals(2, r.attempts());
            assertEquals(2, server.hits("/busy"));
            assertSpacedAtLeast(server.arrivals("/busy"), Duration.ofMillis(950));
        }
    }

    @Test
    void retryAfterAsAnHttpDateIsWaitedFor() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
        server.on("/busy").reply(Reply.status(503).header("Retry-After", date), Reply.html("ok"));
        try (Fetcher fetcher = new Fetcher(local().build())) {
            FetchResult r = fetcher.fetch(server.url("/busy"));
            assertEquals(Status.OK, r.status());
            // HTTP dates have whole seconds: at least one of the two asked for must pass.
            assertEquals(2, server.hits("/busy"));
            assertSpacedAtLeast(server.arrivals("/busy"), Duration.ofMillis(950));
        }
    }

    @Test
    void retryAfterOverTheCapIsNotWaitedForAndTheAnswerStands() {
        server.on("/later").reply(Reply.status(429).header("Retry-After", "3600"), Reply.html("ok"));
        try (Fetcher fetcher = new Fetcher(local().maxRetryAfter(Duration.ofSeconds(30)).build())) {
            FetchResult r = fetcher.fetch(server.url("/later"));
            assertEquals(Status.HTTP_ERROR, r.status());
            assertEquals(429, r.httpStatus());
            assertEquals(1, r.attempts());
            assertTrue(r.error().contains("3600 s"), r.error());
        }
    }

    @Test
    void backoffGrowsExponentiallyWithJitter() {
        Duration base = Duration.ofMillis(100);
        for (int i = 0; i < 50; i++) {
            long first = Retries.backoffMillis(base, 1);
            long third = Retries.backoffMillis(base, 3);
            assertTrue(first >= 50 && first <= 100, "first retry after " + first);
            assertTrue(third >= 200 && third <= 400, "third retry after " + third);
        }
        assertTrue(Retries.backoffMillis(Duration.ofSeconds(10), 30) <= 60_000);
    }

    @Test
    void retryAfterIsReadAsSecondsOrDate() {
        assertEquals(OptionalLong.of(120_000), Retries.retryAfterMillis("120", 0));
        assertEquals(OptionalLong.of(0), Retries.retryAfterMillis("Thu, 01 Jan 1970 00:00:00 GMT",
                5_000));
        assertEquals(OptionalLong.of(10_000), Retries.retryAfterMillis(
                "Thu, 01 Jan 1970 00:00:10 GMT", 0));
        assertEquals(OptionalLong.empty(), Retries.retryAfterMillis("soon", 0));
        assertEquals(OptionalLong.empty(), Retries.retryAfterMillis("-5", 0));
        assertEquals(OptionalLong.empty(), Retries.retryAfterMillis(null, 0));
    }
}
