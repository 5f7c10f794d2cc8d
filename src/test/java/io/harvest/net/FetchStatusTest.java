package io.harvest.net;

import io.harvest.job.Status;
import static io.harvest.net.FetchTesting.local;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harvest.testing.Reply;
import io.harvest.testing.TestHttpServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each way a fetch can end, against a server that misbehaves on purpose. */
class FetchStatusTest {
    private static final String PAGE = "<html><head><title>Hello</title></head><body>hi</body></html>";
    private static TestHttpServer server;
    private static Fetcher fetcher;

    @BeforeAll
    static void start() {
        server = TestHttpServer.start();
        server.on("/page").reply(Reply.html(PAGE));
        server.on("/missing").reply(Reply.status(404));
        server.on("/broken").reply(Reply.status(500));
        server.on("/slow").reply(Reply.html(PAGE).delay(Duration.ofSeconds(5)));
        server.on("/drip").reply(Reply.drip(new byte[100], Duration.ofMillis(100)));
        server.on("/reset").reply(Reply.resetAfter(new byte[100_000], 20_000));
        server.on("/truncated").reply(Reply.truncated(new byte[10_000], 4_000));
        server.on("/not-http").reply(Reply.raw("SSH-2.0-OpenSSH_9.2\r\n".getBytes(
                StandardCharsets.US_ASCII)));
        server.on("/huge").reply(Reply.huge(50L << 20));
        server.on("/huge-chunked").reply(Reply.hugeChunked(50L << 20));
        server.on("/bomb").reply(Reply.gzipBomb(64L << 20));
        server.on("/gzip-ok").reply(Reply.gzipBomb(100_000));
        server.on("/image-said-html").reply(Reply.bytes(new byte[] {(byte) 0x89, 'P', 'N', 'G'},
                "text/html"));
        server.on("/html-said-image").reply(Reply.html(PAGE).header("Content-Type", "image/png"));
        server.on("/no-type").reply(Reply.bytes(PAGE.getBytes(StandardCharsets.UTF_8), "")
                .header("Content-Type", ""));
        fetcher = new Fetcher(local()
                .requestTimeout(Duration.ofSeconds(1))
                .retries(0)
                .maxBytes(1 << 20)
                .resolver(NameResolver.fixed(Map.of("site.test", "127.0.0.1")))
                .build());
    }

    @AfterAll
    static void stop() {
        fetcher.close();
        server.close();
    }

    @Test
    void okForA2xxPageWithItsBodyHashAndType() throws Exception {
        FetchResult r = fetcher.fetch(server.url("/page"));
        assertEquals(Status.OK, r.status());
        assertEquals(200, r.httpStatus());
        assertEquals(server.url("/page"), r.finalUrl());
        assertEquals("text/html; charset=utf-8", r.contentType());
        assertArrayEquals(PAGE.getBytes(StandardCharsets.UTF_8), r.body());
        assertEquals(PAGE.length(), r.bytes());
        assertEquals(sha256(PAGE.getBytes(StandardCharsets.UTF_8)), r.sha256());
        assertEquals(1, r.attempts());
        assertNull(r.error());
    }

    @Test
    void sendsAnHonestUserAgentNamingHarvestAndItsVersion() {
        assertTrue(FetchOptions.defaults().userAgent().matches("Harvest/\\d\\S* \\(.+\\)"),
                FetchOptions.defaults().userAgent());
    }

    @Test
    void httpErrorFor404And500() {
        FetchResult missing = fetcher.fetch(server.url("/missing"));
        assertEquals(Status.HTTP_ERROR, missing.status());
        assertEquals(404, missing.httpStatus());
        assertNull(missing.body());
        FetchResult broken = fetcher.fetch(server.url("/broken"));
        assertEquals(Status.HTTP_ERROR, broken.status());
        assertEquals(500, broken.httpStatus());
        assertEquals(1, broken.attempts()); // 500 is an answer, not retried
    }

    @Test
    void timeoutWhenTheServerIsSlow() {
        FetchResult r = fetcher.fetch(server.url("/slow"));
        assertEquals(Status.TIMEOUT, r.status());
        assertTrue(r.elapsedMs() < 4000, "gave up after " + r.elapsedMs() + " ms");
    }

    @Test
    void timeoutWhenTheServerDripsEvenThoughBytesKeepComing() {
        FetchResult r = fetcher.fetch(server.url("/drip"));
        assertEquals(Status.TIMEOUT, r.status());
        assertEquals(200, r.httpStatus()); // the headers came; the body never finished
        assertTrue(r.elapsedMs() < 4000, "gave up after " + r.elapsedMs() + " ms");
    }

    @Test
    void connectionErrorWhenResetMidBody() {
        FetchResult r = fetcher.fetch(server.url("/reset"));
        assertEquals(Status.CONNECTION_ERROR, r.status());
        assertNull(r.sha256());
        assertNull(r.body());
    }

    @Test
    void connectionErrorWhenTheBodyIsShorterThanItsContentLength() {
        FetchResult r = fetcher.fetch(server.url("/truncated"));
        assertEquals(Status.CONNECTION_ERROR, r.status());
        assertNull(r.sha256());
    }

    @Test
    void connectionErrorWhenTheAnswerIsNotHttp() {
        FetchResult r = fetcher.fetch(server.url("/not-http"));
        assertEquals(Status.CONNECTION_ERROR, r.status());
        assertNull(r.httpStatus());
    }

    @Test
    void connectionErrorWhenTheCertificateIsNotTrusted() {
        try (TestHttpServer tls = TestHttpServer.startTls();
             Fetcher strict = new Fetcher(local().obeyRobots(false).retries(0).build())) {
            tls.on("/page").reply(Reply.html(PAGE));
            FetchResult r = strict.fetch(tls.url("/page"));
            assertEquals(Status.CONNECTION_ERROR, r.status());
            assertTrue(r.error().contains("SSL"), r.error());
            assertEquals(0, tls.hits("/page"));
        }
    }

    @Test
    void connectionErrorWhenRefused() {
        FetchResult r = fetcher.fetch("http://127.0.0.1:" + FetchTesting.closedPort() + "/");
        assertEquals(Status.CONNECTION_ERROR, r.status());
        assertNull(r.httpStatus());
        assertNull(r.finalUrl());
    }

    @Test
    void dnsErrorForAnUnknownHost() {
        FetchResult r = fetcher.fetch("http://no-such-host.test/");
        assertEquals(Status.DNS_ERROR, r.status());
        assertTrue(r.error().contains("no-such-host.test"), r.error());
    }

    @Test
    void tooLargeFromContentLengthBeforeReadingTheBody() {
        FetchResult r = fetcher.fetch(server.url("/huge"));
        assertEquals(Status.TOO_LARGE, r.status());
        assertEquals(0, r.bytes());
        assertTrue(r.error().contains("Content-Length"), r.error());
    }

    @Test
    void tooLargeWhenTheStreamedCountPassesTheLimit() {
        FetchResult r = fetcher.fetch(server.url("/huge-chunked"));
        assertEquals(Status.TOO_LARGE, r.status());
        assertEquals(1 << 20, r.bytes()); // counted up to the limit, not a byte kept past it
        assertNull(r.body());
    }

    @Test
    void tooLargeForAGzipBombCountedAfterDecoding() {
        FetchResult r = fetcher.fetch(server.url("/bomb"));
        assertEquals(Status.TOO_LARGE, r.status());
        assertTrue(r.error().contains("after content decoding"), r.error());
    }

    @Test
    void gzipBodiesAreDecodedAndCountedDecoded() throws Exception {
        FetchResult r = fetcher.fetch(server.url("/gzip-ok"));
        assertEquals(Status.OK, r.status());
        assertEquals(100_000, r.bytes());
        assertArrayEquals(new byte[100_000], r.body());
        assertEquals(sha256(new byte[100_000]), r.sha256());
    }

    @Test
    void theContentTypeAsSentDecidesWhichBodiesAreKept() {
        FetchResult lyingHtml = fetcher.fetch(server.url("/image-said-html"));
        assertEquals(Status.OK, lyingHtml.status());
        assertEquals("text/html", lyingHtml.contentType());
        assertEquals(4, lyingHtml.body().length); // declared HTML: kept for the parser to judge
        FetchResult lyingImage = fetcher.fetch(server.url("/html-said-image"));
        assertEquals(Status.OK, lyingImage.status());
        assertEquals("image/png", lyingImage.contentType());
        assertNull(lyingImage.body()); // declared an image: only counted and hashed
        assertEquals(PAGE.length(), lyingImage.bytes());
        assertTrue(lyingImage.sha256() != null);
        FetchResult untyped = fetcher.fetch(server.url("/no-type"));
        assertEquals(PAGE.length(), untyped.body().length); // no type: may be HTML, kept
    }

    @Test
    void keepsEveryBodyOrNoneWhenAskedTo() {
        try (Fetcher all = new Fetcher(local().keepBodies(KeepBodies.ALL).build());
             Fetcher none = new Fetcher(local().keepBodies(KeepBodies.NONE).build())) {
            assertEquals(PAGE.length(), all.fetch(server.url("/html-said-image")).body().length);
            FetchResult r = none.fetch(server.url("/page"));
            assertNull(r.body());
            assertEquals(PAGE.length(), r.bytes());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "javascript:alert(1)", "file:///etc/passwd",
            "ftp://127.0.0.1/x", "http://", ""})
    void invalidUrlWithoutAnyRequest(String url) {
        int before = server.totalHits();
        FetchResult r = fetcher.fetch(url);
        assertEquals(Status.INVALID_URL, r.status());
        assertEquals(0, r.attempts());
        assertEquals(url, r.url());
        assertEquals(before, server.totalHits());
    }

    @Test
    void invalidUrlForA5000CharacterUrl() {
        String url = server.url("/page?" + "x".repeat(5000));
        FetchResult r = fetcher.fetch(url);
        assertEquals(Status.INVALID_URL, r.status());
        assertEquals(0, server.hits("/page?" + "x".repeat(5000)));
    }

    @Test
    void hostNamesGoThroughTheResolverHook() {
        FetchResult r = fetcher.fetch(server.url("site.test", "/page"));
        assertEquals(Status.OK, r.status());
        assertEquals(server.url("site.test", "/page"), r.finalUrl());
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
