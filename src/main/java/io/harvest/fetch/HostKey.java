package io.harvest.fetch;

import java.net.IDN;
import java.util.Locale;

/**
 * The host an item is grouped by, so that all of a host's URLs land in one task. Lenient on
 * purpose: whether a URL can be fetched at all is the fetcher's decision (it answers
 * {@code invalid_url} without a request); here only the host name is picked out, lower case,
 * IDN names as punycode, the way the fetcher names hosts for its per-host limits.
 */
final class HostKey {
    private HostKey() {}

    /** The host of an http(s) URL; null when the value has none (the item then goes anywhere). */
    static String of(String url) {
        if (url == null) {
            return null;
        }
        String s = url.strip();
        int sep = s.indexOf("://");
        if (sep <= 0) {
            return null;
        }
        String scheme = s.substring(0, sep).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return null;
        }
        int start = sep + 3;
        int end = start;
        while (end < s.length() && "/?#\\".indexOf(s.charAt(end)) < 0) {
            end++;
        }
        String authority = s.substring(start, end);
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        String host = hostPort;
        if (!hostPort.startsWith("[")) {
            int colon = hostPort.lastIndexOf(':');
            host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
        } else if (hostPort.indexOf(']') > 0) {
            host = hostPort.substring(0, hostPort.indexOf(']') + 1);
        }
        if (host.isEmpty()) {
            return null;
        }
        try {
            return IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            // Not a valid IDN: the fetcher refuses it; a key is still needed to place the item.
            return host.toLowerCase(Locale.ROOT);
        }
    }
}
