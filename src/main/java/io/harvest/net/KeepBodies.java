package io.harvest.net;

import java.util.Locale;

/** Which successful bodies a fetcher keeps in memory for its caller. Every body is streamed,
 * counted and hashed either way; only kept bodies are held, and never past the body limit. */
public enum KeepBodies {
    /** No bodies: sizes and hashes only. */
    NONE,
    /** HTML and XHTML, and bodies without a Content-Type (they may be HTML): what a page
     * parser needs. */
    HTML,
    /** Every body: images, saved bodies. */
    ALL;

    /** Whether a 2xx body with this Content-Type header is kept. */
    public boolean keeps(String contentType) {
        return switch (this) {
            case NONE -> false;
            case ALL -> true;
            case HTML -> isHtml(contentType);
        };
    }

    static boolean isHtml(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("text/html") || type.equals("application/xhtml+xml");
    }
}
