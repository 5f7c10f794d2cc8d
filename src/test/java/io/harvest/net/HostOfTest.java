package io.harvest.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostOfTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://example.com/a?b=c|example.com",
        "  HTTPS://Example.COM:8443/Path  |example.com",
        "http://example.com|example.com",
        "http://example.com?q|example.com",
        "http://user:pw@my-host.example.org:81/|my-host.example.org",
        "http://bücher.example/|xn--bcher-kva.example",
        "http://127.0.0.1:8080/x|127.0.0.1",
        "http://[::1]:9000/|[::1]",
    })
    void namesTheHostItsLimitsApplyTo(String url, String host) {
        assertEquals(host, Fetcher.hostOf(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "javascript:alert(1)", "file:///etc/passwd", "ftp://example.com/",
        "http://", "http:///path", "//example.com/x", ""})
    void hasNoHostForWhatItWouldNotRequest(String url) {
        assertNull(Fetcher.hostOf(url));
    }
}
