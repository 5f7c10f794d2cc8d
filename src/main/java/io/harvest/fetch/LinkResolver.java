package io.harvest.fetch;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a page's link values absolute, as jsoup's {@code absUrl} does, at a fraction of its
 * cost: jsoup parses the base URL again and runs a regular expression for every link, which
 * on a page of a few hundred links costs several times the parse itself. Here the base is
 * parsed once; plain absolute http(s) links are taken as they are, plain relative ones are
 * resolved with {@link URI#resolve}; anything unusual (spaces, non-ASCII, stray '%', a
 * fragment-only or query-only value on an odd base) is left to jsoup, which returns null here.
 */
final class LinkResolver {
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    /** Characters a link may hold and still be resolved here; the rest goes to jsoup. */
    private static final String PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
            + "-._~:/?#@!$&'()*+,;=";

    /** The page's base, with a path ("/" at least: Java resolves against an empty one wrongly). */
    private final URI base;

    LinkResolver(String baseUrl) {
        this.base = parseBase(baseUrl);
    }

    private static URI parseBase(String baseUrl) {
        try {
            URI uri = new URI(baseUrl);
            if (!uri.isAbsolute() || uri.isOpaque() || uri.getRawAuthority() == null) {
                return null;
            }
            if (uri.getHost() == null) {
                return null;
            }
            // As jsoup: resolved links keep no user info, and the base has a path.
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            return new URI(uri.getScheme() + "://" + uri.getHost() + port
                    + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * The absolute URL of a link value; {@code jsoupAbsUrl} is asked when the value is not
     * plain. The caller keeps http(s) only and drops fragments.
     */
    String resolve(String value, Supplier<String> jsoupAbsUrl) {
        String v = value.strip();
        if (base == null || v.isEmpty() || !plain(v)) {
            return jsoupAbsUrl.get();
        }
        Matcher scheme = SCHEME.matcher(v);
        if (scheme.find()) {
            // Plain when lower case and followed by "//" ("http:x" is relative to the base).
            String name = v.substring(0, scheme.end());
            boolean plainScheme = v.startsWith("//", scheme.end()) && name.equals(name.toLowerCase(Locale.ROOT));
            return plainScheme || !v.regionMatches(true, 0, "http", 0, 4) ? v : jsoupAbsUrl.get();
        }
        char first = v.charAt(0);
        if (first == '#' || first == '?' || v.startsWith("///") || hasDotSegment(v)) {
            // Where Java's URI.resolve (RFC 2396) and jsoup differ: fragment- or query-only
            // values, dot and empty segments (jsoup drops the ".." that climb above the root).
            return jsoupAbsUrl.get();
        }
        try {
            return base.resolve(new URI(v)).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return jsoupAbsUrl.get();
        }
    }

    /** Dot segments, or an empty segment (Java's resolve collapses "a//b") in the path. */
    private static boolean hasDotSegment(String v) {
        int end = v.length();
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) == '?' || v.charAt(i) == '#') {
                end = i;
                break;
            }
        }
        String path = v.substring(0, end);
        return path.equals(".") || path.equals("..") || path.startsWith("./") || path.startsWith("../")
                || path.contains("/./") || path.contains("/../") || path.endsWith("/.") || path.endsWith("/..")
                || path.indexOf("//", 1) >= 0;
    }

    private static boolean plain(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (PLAIN.indexOf(c) < 0 && !(c == '%' && isEscape(v, i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isEscape(String v, int i) {
        return i + 2 < v.length() && Character.digit(v.charAt(i + 1), 16) >= 0
                && Character.digit(v.charAt(i + 2), 16) >= 0;
    }
}
