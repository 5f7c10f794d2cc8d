package io.harvest.net;

import static io.harvest.net.FetchTesting.fetchInOrder;
import static io.harvest.net.FetchTesting.local;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.harvest.job.Status;
import io.harvest.testing.Reply;
import io.harvest.testing.TestHttpServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Extra headers (--header, an API key) go to the input URL's own origin only: as curl and
 * browsers drop Authorization on a redirect to another host, so does the fetcher, and the
 * robots.txt of that other host never sees them either.
 */
class HeaderScopeTest {
    private static final NameResolver HOSTS = NameResolver.fixed(Map.of(
            "api.test", "127.0.0.1", "cdn.test", "127.0.0.1"));
    private static final String KEY = "Authorization";
    private TestHttpServer api;
    private TestHttpServer cdn;
    private Fetcher fetcher;

    @BeforeEach
    void start() {
        api = TestHttpServer.start();
        cdn = TestHttpServer.start();
        api.robots("User-agent: *\nAllow: /\n");
        fetcher = new Fetcher(local().resolver(HOSTS)
                .headers(List.of(new RequestHeader(KEY, "Client-ID s3cret"))).build());
    }

    @AfterEach
    void stop() {
        fetcher.close();
        api.close();
        cdn.close();
    }

    @Test
    void headersAreDroppedOnARedirectToAnotherHostAndItsRobotsTxt() {
        TestHttpServer.Route cdnRobots = cdn.on("/robots.txt").refusing(KEY)
                .reply(Reply.text("User-agent: *\nAllow: /\n"));
        TestHttpServer.Route cdnImage = cdn.on("/img/1.jpg").refusing(KEY)
                .reply(Reply.bytes(new byte[] {1, 2, 3}, "image/jpeg"));
        api.on("/v1/image/1").requiring(KEY, "Client-ID s3cret")
                .reply(Reply.redirect(302, cdn.url("cdn.test", "/img/1.jpg")));

        FetchResult result = fetchInOrder(fetcher, List.of(api.url("api.test", "/v1/image/1"))).get(0);

        assertEquals(Status.OK, result.status(), result.error());
        assertEquals(cdn.url("cdn.test", "/img/1.jpg"), result.finalUrl());
        assertEquals(1, cdn.hits("/robots.txt"));
        assertEquals(0, cdnRobots.refused(), "the other host's robots.txt got the header");
        assertEquals(0, cdnImage.refused(), "the redirect target on another host got the header");
    }

    @Test
    void headersStayOnARedirectWithinTheSameOrigin() {
        api.on("/old").reply(Reply.redirect(301, "/v1/items"));
        TestHttpServer.Route items = api.on("/v1/items").requiring(KEY, "Client-ID s3cret")
                .reply(Reply.text("[]"));

        FetchResult result = fetchInOrder(fetcher, List.of(api.url("api.test", "/old"))).get(0);

        assertEquals(Status.OK, result.status(), result.error());
        assertEquals(0, items.refused());
    }

    @Test
    void theSameServerUnderAnotherHostNameIsAnotherOrigin() {
        // One server, two names: what counts is the origin asked for, not the address reached.
        TestHttpServer.Route elsewhere = api.on("/elsewhere").refusing(KEY).reply(Reply.text("ok"));
        api.on("/hop").requiring(KEY, "Client-ID s3cret")
                .reply(Reply.redirect(302, api.url("cdn.test", "/elsewhere")));

        FetchResult result = fetchInOrder(fetcher, List.of(api.url("api.test", "/hop"))).get(0);

        assertEquals(Status.OK, result.status(), result.error());
        assertEquals(0, elsewhere.refused());
    }
}
