package io.harvest.fetch;

import java.io.Serializable;
import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides whether an input value is a URL Harvest may fetch, and which host it belongs to.
 * Lenient where browsers are (spaces, non-ASCII characters and stray '%' in the path and query
 * are percent-encoded, IDN hosts become punycode, the fragment is dropped: it is never sent),
 * strict where a request could go wrong: only http and https, a host, a port in range, no
 * control characters, at most {@code maxLength} characters.
 */
final class UrlCheck implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The longest URL accepted by default: the sitemaps.org limit, which most crawlers share. */
    static final int DEFAULT_MAX_LENGTH = 2048;

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
    private static final Pattern HOST = Pattern.compile("[a-z0-9_-]+(\\.[a-z0-9_-]+)*\\.?");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+(%[a-z0-9._~-]+)?]");
    private static final String HEX = "0123456789ABCDEF";

    private final int maxLength;

    UrlCheck(int maxLength) {
        if (maxLength < 16) {
            throw new IllegalArgumentException("max URL length must be at least 16: " + maxLength);
        }
        this.maxLength = maxLength;
    }

    /**
     * The outcome for one value: either a URL to request and its host (lower case, no port),
     * or why it cannot be fetched.
     */
    record Checked(String fetchUrl, String host, String error) {
        static Checked invalid(String error) {
            return new Checked(null, null, error);
        }

        boolean valid() {
            return error == null;
        }
    }

    Checked check(String value) {
        if (value == null) {
            return Checked.invalid("no URL");
        }
        String url = value.strip();
        if (url.isEmpty()) {
            return Checked.invalid("empty URL");
        }
        if (url.length() > maxLength) {
            return Checked.invalid("URL of " + url.length() + " characters, over the limit of " + maxLength);
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Checked.invalid("control character in URL at position " + i);
            }
        }
        int colon = url.indexOf(':');
        if (colon < 1 || !SCHEME.matcher(url.substring(0, colon)).matches()) {
            return Checked.invalid("not a URL (no scheme): " + shortened(url));
        }
        String scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Checked.invalid("unsupported scheme '" + scheme + "' (only http and https)");
        }
        if (!url.startsWith("//", colon + 1)) {
            return Checked.invalid("not a URL (no '//' after the scheme): " + shortened(url));
        }
        int authorityStart = colon + 3;
        int authorityEnd = indexOfAny(url, "/?#", authorityStart);
        String authority = url.substring(authorityStart, authorityEnd);
        String rest = url.substring(authorityEnd);
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        try {
            Authority a = Authority.parse(authority);
            String fetchUrl = scheme + "://" + a.userInfo() + a.hostPort() + escape(rest);
            // The HTTP client parses with java.net.URI: whatever it refuses is refused here.
            new URI(fetchUrl);
            return new Checked(fetchUrl, a.host(), null);
        } catch (IllegalArgumentException e) {
            return Checked.invalid(e.getMessage());
        } catch (URISyntaxException e) {
            return Checked.invalid("malformed URL: " + e.getMessage());
        }
    }

    /** The authority part: user info kept as given, host lower-cased (punycode for IDN). */
    private record Authority(String userInfo, String host, String port) {
        static Authority parse(String authority) {
            int at = authority.lastIndexOf('@');
            String userInfo = at >= 0 ? escape(authority.substring(0, at + 1)) : "";
            String hostPort = authority.substring(at + 1);
            String host;
            String port = "";
            if (hostPort.startsWith("[")) {
                int close = hostPort.indexOf(']');
                host = close < 0 ? hostPort : hostPort.substring(0, close + 1);
                port = hostPort.substring(host.length());
            } else {
                int c = hostPort.lastIndexOf(':');
                host = c >= 0 ? hostPort.substring(0, c) : hostPort;
                port = c >= 0 ? hostPort.substring(c) : "";
            }
            if (host.isEmpty()) {
                throw new IllegalArgumentException("URL without a host");
            }
            host = host.toLowerCase(Locale.ROOT);
            if (!host.startsWith("[")) {
                host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            }
            if (!HOST.matcher(host).matches() && !IPV6.matcher(host).matches()) {
                throw new IllegalArgumentException("invalid host '" + shortened(host) + "'");
            }
            if (!port.isEmpty() && !validPort(port.substring(1))) {
                throw new IllegalArgumentException("invalid port '" + shortened(port.substring(1)) + "'");
            }
            return new Authority(userInfo, host, port);
        }

        String hostPort() {
            return host + port;
        }

        private static boolean validPort(String digits) {
            if (digits.isEmpty()) {
                return true;
            }
            if (digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)) {
                return false;
            }
            int p = Integer.parseInt(digits);
            return p >= 1 && p <= 65535;
        }
    }

    /**
     * Percent-encodes what a browser would before sending: spaces, non-ASCII characters (as
     * UTF-8), characters URIs do not allow, and a '%' that does not start an escape.
     */
    private static String escape(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean keep = c < 0x80 && " \"<>\\^`{|}".indexOf(c) < 0
                    && (c != '%' || isEscape(s, i));
            if (keep) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
            for (byte b : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(HEX.charAt((b >> 4) & 0xf)).append(HEX.charAt(b & 0xf));
            }
            i = end - 1;
        }
        return out == null ? s : out.toString();
    }

    private static boolean isEscape(String s, int i) {
        return i + 2 < s.length() && HEX.indexOf(Character.toUpperCase(s.charAt(i + 1))) >= 0
                && HEX.indexOf(Character.toUpperCase(s.charAt(i + 2))) >= 0;
    }

    private static int indexOfAny(String s, String chars, int from) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    /** A value short enough for an error message. */
    static String shortened(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "…";
    }
}
