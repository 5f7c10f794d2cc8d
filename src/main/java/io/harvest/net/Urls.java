package io.harvest.net;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns URLs as found in the wild into URIs the client can request, or says why not. Lenient
 * where browsers are (spaces and non-ASCII characters are percent-encoded, host names go
 * through IDNA, the fragment is dropped), strict about what matters: http or https, a host,
 * a port in range, and a length limit.
 */
final class Urls {
    /** Longer URLs are refused: browsers and servers commonly stop near 2-8 KB. */
    static final int MAX_LENGTH = 4096;

    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):");
    private static final Pattern AUTHORITY = Pattern.compile("^([^:/?#]+)://([^/?#]*)(.*)$",
            Pattern.DOTALL);
    private static final String ALLOWED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
            + "0123456789-._~:/?@!$&'()*+,;=";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Urls() {}

    static URI parse(String raw) throws InvalidUrlException {
        if (raw == null) {
            throw invalid("no URL");
        }
        String s = raw.strip();
        if (s.isEmpty()) {
            throw invalid("empty URL");
        }
        if (s.length() > MAX_LENGTH) {
            throw invalid("URL of " + s.length() + " characters, over the " + MAX_LENGTH
                    + " limit");
        }
        Matcher scheme = SCHEME.matcher(s);
        if (!scheme.find()) {
            throw invalid("not an absolute URL: " + shorten(s));
        }
        String name = scheme.group(1).toLowerCase(Locale.ROOT);
        if (!name.equals("http") && !name.equals("https")) {
            throw new InvalidUrlException("unsupported scheme '" + name + "': only http and https",
                    true);
        }
        Matcher parts = AUTHORITY.matcher(s);
        if (!parts.matches()) {
            throw invalid("no host in " + shorten(s));
        }
        int hash = parts.group(3).indexOf('#');
        String rest = hash >= 0 ? parts.group(3).substring(0, hash) : parts.group(3);
        String text = name + "://" + authority(parts.group(2)) + encode(rest.isEmpty() ? "/" : rest);
        try {
            URI uri = new URI(text);
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw invalid("no usable host in " + shorten(s));
            }
            if (uri.getPort() == 0 || uri.getPort() > 65535) {
                throw invalid("port out of range in " + shorten(s));
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalid("malformed URL (" + e.getReason() + "): " + shorten(s));
        }
    }

    /** The target of a redirect, relative to the URL that answered it. */
    static URI resolve(URI base, String location) throws InvalidUrlException {
        if (location == null || location.isBlank()) {
            throw invalid("redirect without a Location");
        }
        String target = location.strip();
        int hash = target.indexOf('#');
        if (hash >= 0) {
            target = target.substring(0, hash);
        }
        if (target.isEmpty()) {
            return base; // a fragment alone points back at the same URL
        }
        if (SCHEME.matcher(target).find() && !target.startsWith("//")) {
            return parse(target);
        }
        if (target.startsWith("//")) {
            return parse(base.getScheme() + ":" + target);
        }
        if (target.startsWith("?")) {
            return parse(base.getScheme() + "://" + base.getRawAuthority() + base.getRawPath()
                    + target); // URI.resolve follows RFC 2396 here and would drop the file name
        }
        try {
            URI relative = new URI(encode(target));
            return parse(base.resolve(relative).toString());
        } catch (URISyntaxException e) {
            throw invalid("malformed Location (" + e.getReason() + "): " + shorten(target));
        }
    }

    /** The politeness key: host names are compared without scheme or port. */
    static String hostKey(URI uri) {
        return uri.getHost().toLowerCase(Locale.ROOT);
    }

    /** The robots.txt key (RFC 9309: one file per scheme, host and port). */
    static String origin(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
        return uri.getScheme() + "://" + hostKey(uri) + ":" + port;
    }

    static String shorten(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    private static String authority(String authority) throws InvalidUrlException {
        int at = authority.lastIndexOf('@');
        String userInfo = at >= 0 ? authority.substring(0, at + 1) : "";
        String hostPort = authority.substring(at + 1);
        if (hostPort.startsWith("[")) {
            return encode(userInfo) + hostPort; // IPv6 literal: URI checks it
        }
        int colon = hostPort.lastIndexOf(':');
        String host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
        String port = colon >= 0 ? hostPort.substring(colon) : "";
        if (host.isEmpty()) {
            throw invalid("no host in URL");
        }
        try {
            String ascii = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            return encode(userInfo) + ascii + port;
        } catch (IllegalArgumentException e) {
            throw invalid("invalid host name '" + shorten(host) + "'");
        }
    }

    /** Percent-encodes what RFC 3986 does not allow, keeping valid %XX escapes as they are. */
    private static String encode(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c < 128 && (ALLOWED.indexOf(c) >= 0 || (c == '%' && isEscape(s, i)));
            if (ok && out == null) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (ok) {
                out.append(c);
                continue;
            }
            int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
            for (byte b : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
            i = end - 1;
        }
        return out == null ? s : out.toString();
    }

    private static boolean isEscape(String s, int i) {
        return i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
                && Character.digit(s.charAt(i + 2), 16) >= 0;
    }

    private static InvalidUrlException invalid(String message) {
        return new InvalidUrlException(message, false);
    }
}
