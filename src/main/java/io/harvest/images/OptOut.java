package io.harvest.images;

import java.util.Locale;
import java.util.Set;

/**
 * Whether a response's {@code X-Robots-Tag} opts its image out of Harvest's use: a directive
 * {@code noai}, {@code noimageai}, {@code noindex} or {@code noimageindex} for every agent, or
 * for Harvest's own token ({@code harvest: noai}). Other agents' directives
 * ({@code googlebot: noindex}) do not apply.
 */
final class OptOut {
    private static final Set<String> OPTING_OUT = Set.of("noai", "noimageai", "noindex", "noimageindex");
    /** Directives that take a value after a colon, so the part before it is not an agent. */
    private static final Set<String> WITH_VALUES = Set.of("unavailable_after", "max-snippet",
            "max-image-preview", "max-video-preview");

    private OptOut() {}

    /** The agent token robots rules are matched against: the User-Agent's first word, before '/'. */
    static String token(String userAgent) {
        String first = userAgent.strip().split("[\\s/]", 2)[0];
        return first.toLowerCase(Locale.ROOT);
    }

    /**
     * The directive that opts out, or null when none does.
     *
     * @param robotsTag the header's values, one per line; null when absent
     */
    static String directive(String robotsTag, String token) {
        if (robotsTag == null) {
            return null;
        }
        for (String header : robotsTag.split("\n")) {
            String found = directiveOfHeader(header, token);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String directiveOfHeader(String header, String token) {
        String agent = null;
        for (String part : header.split(",")) {
            String p = part.strip().toLowerCase(Locale.ROOT);
            int colon = p.indexOf(':');
            if (colon > 0) {
                String before = p.substring(0, colon).strip();
                if (!WITH_VALUES.contains(before) && !before.contains(" ")) {
                    // "agent: directive": this and the following directives are for that agent.
                    agent = before;
                    p = p.substring(colon + 1).strip();
                }
            }
            if (OPTING_OUT.contains(p) && (agent == null || agent.equals(token))) {
                return agent == null ? p : agent + ": " + p;
            }
        }
        return null;
    }
}
