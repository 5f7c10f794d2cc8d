package io.harvest.net;

import java.net.URI;

/**
 * How one HTTP request ended, as seen from the I/O thread that completed it.
 *
 * @param status  the response status; null when no response came
 * @param body    the bytes kept (see {@link KeepBodies}); for a body over the limit, the part
 *                under it when that was asked for (robots.txt), else null
 * @param sha256  of the whole decoded body; null unless it was read in full
 * @param failure what ended the request early; null when it completed
 * @param atMillis when it ended, wall clock
 * @param atNanos  when it ended, System.nanoTime(): elapsed times do not depend on how soon
 *                 the caller's thread gets to it
 * @param robotsTag the response's X-Robots-Tag headers, one per line; null when none
 */
record Outcome(URI uri, Integer status, String contentType, String location, String retryAfter,
               long bytes, byte[] body, String sha256, Throwable failure, long atMillis,
               long atNanos, String robotsTag) {

    static Outcome failed(URI uri, Throwable failure) {
        return new Outcome(uri, null, null, null, null, 0, null, null, failure,
                System.currentTimeMillis(), System.nanoTime(), null);
    }

    boolean answered() {
        return status != null;
    }
}
