package io.harvest.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlCheckTest {
    private final UrlCheck check = new UrlCheck(UrlCheck.DEFAULT_MAX_LENGTH);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://example.com/a?b=c|http://example.com/a?b=c|example.com",
        "  HTTPS://Example.COM:8443/Path  |https://example.com:8443/Path|example.com",
        "http://example.com|http://example.com|example.com",
        "http://example.com/a b/ü?q=x y|http://example.com/a%20b/%C3%BC?q=x%20y|example.com",
        "http://example.com/100%/%41|http://example.com/100%25/%41|example.com",
        "http://example.com/page#section|http://example.com/page|example.com",
        "http://bücher.example/|http://xn--bcher-kva.example/|xn--bcher-kva.example",
        "http://user:pw@my_host.example.org/|http://user:pw@my_host.example.org/|my_host.example.org",
        "http://127.0.0.1:8080/x|http://127.0.0.1:8080/x|127.0.0.1",
        "http://[::1]:9000/|http://[::1]:9000/|[::1]",
    })
    void acceptsWhatBrowsersFetchAndEncodesItTheirWay(String input, String fetchUrl, String host) {
        UrlCheck.Checked c = check.check(input);
        assertTrue(c.valid(), () -> c.error());
        assertEquals(fetchUrl, c.fetchUrl());
        assertEquals(host, c.host());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "javascript:alert(1)", "file:///etc/passwd", "ftp://example.com/",
        "mailto:someone@example.com", "http:example.com", "http://", "http:///path", "http://exa mple.com/",
        "http://example.com:99999/", "http://example.com:8o/", "http://exa<mple.com/", "//example.com/x",
        "http://example.com/a\tb", ""})
    void refusesWhatCannotBeFetched(String input) {
        UrlCheck.Checked c = check.check(input);
        assertFalse(c.valid(), () -> input + " was accepted as " + c.fetchUrl());
        assertNull(c.fetchUrl());
        assertNull(c.host());
    }

    @Test
    void namesTheReasonOfARefusal() {
        assertTrue(check.check("javascript:alert(1)").error().contains("scheme 'javascript'"));
        assertTrue(check.check("not a url").error().startsWith("not a URL"));
        assertEquals("no URL", check.check(null).error());
    }

    @Test
    void refusesAUrlOverTheLengthLimit() {
        String longUrl = "http://example.com/" + "a".repeat(5000 - 19);
        assertEquals(5000, longUrl.length());
        assertTrue(check.check(longUrl).error().contains("5000 characters"));
        assertTrue(new UrlCheck(8000).check(longUrl).valid());
    }

    @Test
    void refusesANonsenseLengthLimit() {
        assertThrows(IllegalArgumentException.class, () -> new UrlCheck(3));
    }
}
