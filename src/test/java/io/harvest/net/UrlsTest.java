package io.harvest.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlsTest {

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "javascript:alert(1)", "file:///etc/passwd",
            "ftp://example.com/x", "mailto:a@b.c", "http://", "http:///path", "https://:80/",
            "//example.com/x", "/relative/path", "", "   ", "http://exa mple.com/",
            "http://[::1/", "http://example.com:99999/", "http://example.com:0/",
            "data:text/html,<p>x"})
    void refusesWhatCannotBeRequested(String url) {
        assertThrows(InvalidUrlException.class, () -> Urls.parse(url));
    }

    @Test
    void refusesOverlongUrls() {
        String url = "http://example.com/" + "a".repeat(5000);
        InvalidUrlException e = assertThrows(InvalidUrlException.class, () -> Urls.parse(url));
        assertTrue(e.getMessage().contains("5019 characters"), e.getMessage());
    }

    @Test
    void saysWhichSchemesAreRefusedAsSuch() throws Exception {
        assertTrue(assertThrows(InvalidUrlException.class,
                () -> Urls.parse("file:///etc/passwd")).wrongScheme());
        assertTrue(!assertThrows(InvalidUrlException.class,
                () -> Urls.parse("http://")).wrongScheme());
    }

    @Test
    void acceptsUrlsAsFoundInTheWild() throws Exception {
        assertEquals("http://example.com/", Urls.parse("  HTTP://Example.COM  ").toString());
        assertEquals("https://example.com/a%20b?q=%7Bx%7D",
                Urls.parse("https://example.com/a b?q={x}#frag").toString());
        assertEquals("http://example.com/caf%C3%A9", Urls.parse("http://example.com/café").toString());
        assertEquals("http://example.com/100%25", Urls.parse("http://example.com/100%").toString());
        assertEquals("http://example.com/ok%20already", Urls.parse("http://example.com/ok%20already")
                .toString());
        assertEquals("http://xn--bcher-kva.example/", Urls.parse("http://bücher.example/").toString());
        assertEquals("http://[::1]:8080/x", Urls.parse("http://[::1]:8080/x").toString());
        assertEquals("http://user@example.com:8080/", Urls.parse("http://user@example.com:8080")
                .toString());
    }

    @Test
    void resolvesRedirectTargetsAgainstTheUrlThatAnswered() throws Exception {
        URI base = URI.create("http://a.example/dir/page?x=1");
        assertEquals("http://a.example/dir/next", Urls.resolve(base, "next").toString());
        assertEquals("http://a.example/top", Urls.resolve(base, "/top").toString());
        assertEquals("http://a.example/dir/page?y=2", Urls.resolve(base, "?y=2").toString());
        assertEquals("http://b.example/z", Urls.resolve(base, "//b.example/z").toString());
        assertEquals("https://c.example/", Urls.resolve(base, "https://c.example").toString());
        assertEquals(base, Urls.resolve(base, "#section"));
        assertTrue(assertThrows(InvalidUrlException.class,
                () -> Urls.resolve(base, "file:///etc/passwd")).wrongScheme());
        assertThrows(InvalidUrlException.class, () -> Urls.resolve(base, ""));
        assertThrows(InvalidUrlException.class, () -> Urls.resolve(base, null));
    }

    @Test
    void keysHostsAndOrigins() throws Exception {
        URI uri = Urls.parse("https://WWW.Example.com/a");
        assertEquals("www.example.com", Urls.hostKey(uri));
        assertEquals("https://www.example.com:443", Urls.origin(uri));
        assertEquals("http://www.example.com:8080",
                Urls.origin(Urls.parse("http://www.example.com:8080/")));
    }
}
