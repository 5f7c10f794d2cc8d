package io.harvest.net;

import io.harvest.job.Status;
import static io.harvest.net.FetchTesting.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harvest.testing.Reply;
import io.harvest.testing.TestHttpServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Redirects are followed hop by hop, and every hop is checked again. */
class RedirectTest {
    private static TestHttpServer server;
    private static Fetcher fetcher;

    @BeforeAll
    static void start() {
        server = TestHttpServer.start();
        server.on("/end").reply(Reply.html("<p>end"));
        server.on("/chain/1").reply(Reply.redirect(301, "/chain/2"));
        server.on("/chain/2").reply(Reply.redirect(302, "3"));
        server.on("/chain/3").reply(Reply.redirect(307, "/end#fragment"));
        server.on("/loop/a").reply(Reply.redirect(302, "/loop/b"));
        server.on("/loop/b").reply(Reply.redirect(302, "/loop/a"));
        server.on("/self").reply(Reply.redirect(302, "/self"));
        for (int i = 0; i < 8; i++) {
            server.on("/long/" + i).reply(Reply.redirect(302, "/long/" + (i + 1)));
        }
        server.on("/long/8").reply(Reply.html("<p>far"));
        server.on("/no-location").reply(Reply.status(302));
        server.on("/bad-location").reply(Reply.redirect(302, "http://[::1"));
        server.on("/to-unspecified").reply(Reply.redirect(302,
                "http://0.0.0.0:" + server.port() + "/never"));
        server.on("/to-mapped-unspecified").reply(Reply.redirect(302,
                "http://[::ffff:0.0.0.0]:" + server.port() + "/never"));
        server.on("/to-other-host").reply(Reply.redirect(302, server.url("other.test", "/end")));
        server.on("/to-refused-name").reply(Reply.redirect(302,
                server.url("intranet.test", "/never")));
        fetcher = new Fetcher(local()
                .resolver(NameResolver.fixed(Map.of("other.test", "127.0.0.1",
                        "intranet.test", "0.0.0.0")))
                .build());
    }

    @AfterAll
    static void stop() {
        fetcher.close();
        server.close();
    }

    @Test
    void followsAChainOfRelativeAndAbsoluteLocations() {
        FetchResult r = fetcher.fetch(server.url("/chain/1"));
        assertEquals(Status.OK, r.status());
        assertEquals(server.url("/end"), r.finalUrl());
        assertEquals(server.url("/chain/1"), r.url());
        assertEquals(1, r.attempts()); // hops are not attempts
    }

    @Test
    void followsToAnotherHostThroughTheSameChecks() {
        FetchResult r = fetcher.fetch(server.url("/to-other-host"));
        assertEquals(Status.OK, r.status());
        assertEquals(server.url("other.test", "/end"), r.finalUrl());
    }

    @Test
    void redirectErrorForALoop() {
        FetchResult r = fetcher.fetch(server.url("/loop/a"));
        assertEquals(Status.REDIRECT_ERROR, r.status());
        assertTrue(r.error().contains("loop"), r.error());
        assertEquals(302, r.httpStatus());
        assertEquals(Status.REDIRECT_ERROR, fetcher.fetch(server.url("/self")).status());
    }

    @Test
    void redirectErrorPastTheLimitButFineWithinIt() {
        FetchResult tooFar = fetcher.fetch(server.url("/long/0"));
        assertEquals(Status.REDIRECT_ERROR, tooFar.status());
        assertTrue(tooFar.error().contains("more than 5 redirects"), tooFar.error());
        assertEquals(server.url("/long/5"), tooFar.finalUrl());
        assertEquals(0, server.hits("/long/6"));
        FetchResult within = fetcher.fetch(server.url("/long/3"));
        assertEquals(Status.OK, within.status()); // 3 -> 8 is five hops
    }

    @Test
    void redirectErrorWithoutAUsableLocation() {
        assertEquals(Status.REDIRECT_ERROR, fetcher.fetch(server.url("/no-location")).status());
        assertEquals(Status.REDIRECT_ERROR, fetcher.fetch(server.url("/bad-location")).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/to-unspecified", "/to-mapped-unspecified", "/to-refused-name"})
    void blockedWhenAHopLeadsToARefusedAddressAndNothingIsSentThere(String path) {
        FetchResult r = fetcher.fetch(server.url(path));
        assertEquals(Status.BLOCKED, r.status());
        assertEquals(302, r.httpStatus());
        assertEquals(server.url(path), r.finalUrl());
        assertTrue(r.error().contains("unspecified"), r.error());
        assertEquals(0, server.hits("/never")); // 0.0.0.0 would have reached this server
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://127.0.0.1/x", "javascript:alert(1)",
            "gopher://127.0.0.1:70/"})
    void blockedWhenAHopLeadsToAnotherScheme(String location) {
        server.on("/to-scheme").reply(Reply.redirect(302, location));
        FetchResult r = fetcher.fetch(server.url("/to-scheme"));
        assertEquals(Status.BLOCKED, r.status());
        assertTrue(r.error().contains("scheme"), r.error());
        assertNull(r.body());
    }
}
