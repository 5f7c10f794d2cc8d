package io.harvest.net;

import java.net.URI;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Reads one response as it streams in, on Jetty's I/O threads: counts and hashes the decoded
 * body, keeps it only when asked and never past the limit, and aborts as soon as the limit is
 * passed (or declared passed by Content-Length). Completes exactly once with an
 * {@link Outcome}. Listener methods never throw: Jetty would log and carry on.
 */
final class Exchange implements Response.Listener {
    private final URI uri;
    private final long maxBytes;
    private final KeepBodies keep;
    private final boolean keepPartial;
    private final Consumer<Outcome> done;
    private final MessageDigest digest;

    private Integer status;
    private String contentType;
    private long bytes;
    private byte[] buffer;
    private boolean keeping;

    /**
     * @param keepPartial keep the body whatever its type, and the part under the limit when it
     *                    is longer (robots.txt: parse what fits, as RFC 9309 allows)
     */
    Exchange(URI uri, long maxBytes, KeepBodies keep, boolean keepPartial, Consumer<Outcome> done) {
        this.uri = uri;
        this.maxBytes = maxBytes;
        this.keep = keep;
        this.keepPartial = keepPartial;
        this.done = done;
        this.digest = Sha256.streaming();
    }

    @Override
    public void onHeaders(Response response) {
        try {
            status = response.getStatus();
            contentType = response.getHeaders().get(HttpHeader.CONTENT_TYPE);
            long declared = declaredLength(response);
            boolean success = status >= 200 && status < 300;
            keeping = keepPartial || (success && keep.keeps(contentType));
            if (declared > maxBytes && !keepPartial) {
                response.abort(new TooLargeException("Content-Length " + declared
                        + " is over the " + maxBytes + " byte limit"));
                return;
            }
            if (keeping) {
                buffer = new byte[(int) Math.min(maxBytes, declared >= 0 ? declared : 16384)];
            }
        } catch (RuntimeException e) {
            response.abort(e);
        }
    }

    @Override
    public void onContent(Response response, ByteBuffer content) {
        try {
            int n = content.remaining();
            long room = maxBytes - bytes;
            int take = (int) Math.min(n, room);
            ByteBuffer part = content.slice(content.position(), take);
            if (keeping) {
                ensureRoom(take);
                part.duplicate().get(buffer, (int) bytes, take);
            }
            if (!keeping) {
                digest.update(part);
            }
            bytes += take;
            if (n > room) {
                response.abort(new TooLargeException("body is over the " + maxBytes
                        + " byte limit (after content decoding)"));
            }
        } catch (RuntimeException e) {
            response.abort(e);
        }
    }

    @Override
    public void onComplete(Result result) {
        Outcome outcome;
        try {
            Throwable failure = result.getFailure();
            Response response = result.getResponse();
            boolean answered = status != null;
            byte[] body = keeping && (failure == null || keepPartial) ? trimmed() : null;
            // A kept body is hashed whole at the end, by libcrypto where it is here (Sha256).
            String sha256 = failure != null ? null
                    : keeping ? Sha256.hex(buffer == null ? new byte[0] : buffer, (int) bytes)
                    : HexFormat.of().formatHex(digest.digest());
            outcome = new Outcome(uri, answered ? status : null, contentType,
                    answered ? response.getHeaders().get(HttpHeader.LOCATION) : null,
                    answered ? response.getHeaders().get(HttpHeader.RETRY_AFTER) : null,
                    bytes, body, sha256,
                    failure, System.currentTimeMillis(), System.nanoTime(),
                    answered ? robotsTag(response) : null);
        } catch (RuntimeException e) {
            outcome = Outcome.failed(uri, e);
        }
        done.accept(outcome);
    }

    /** Every X-Robots-Tag header of the response, one per line; null when it has none. */
    private static String robotsTag(Response response) {
        java.util.List<String> values = response.getHeaders().getValuesList("X-Robots-Tag");
        return values.isEmpty() ? null : String.join("\n", values);
    }

    private static long declaredLength(Response response) {
        try {
            return response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void ensureRoom(int more) {
        long needed = bytes + more;
        if (needed > buffer.length) {
            long grown = Math.max(needed, Math.min(maxBytes, (long) buffer.length * 2));
            buffer = Arrays.copyOf(buffer, (int) grown);
        }
    }

    private byte[] trimmed() {
        return buffer.length == bytes ? buffer : Arrays.copyOf(buffer, (int) bytes);
    }

}
