package io.harvest.job;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How one item of any job ended: the manifest's {@code status} column, one vocabulary for
 * every job. {@link #OK} and {@link #SKIPPED} are the statuses that are not failures.
 */
public enum Status {
    OK,
    /** Already in the output and kept by {@code --resume}. */
    SKIPPED,

    // Fetching.
    /** The server answered with a status that is not a success, after any retries. */
    HTTP_ERROR,
    /** Connect, read or whole-request timeout, after any retries. */
    TIMEOUT,
    DNS_ERROR,
    /** Refused, reset, or closed mid-body, after any retries. */
    CONNECTION_ERROR,
    /** Over a size limit: a body counted after content decoding, or a file before reading. */
    TOO_LARGE,
    /** An address or scheme the safety policy refuses (loopback, private, link-local, ...). */
    BLOCKED,
    ROBOTS_DENIED,
    INVALID_URL,
    /** Too many redirects, a loop, or a redirect without a usable Location. */
    REDIRECT_ERROR,
    /** The host failed at the connection level too many times in a row: not tried again. */
    HOST_UNREACHABLE,
    /** The response's X-Robots-Tag opts out of AI use or image indexing. */
    OPTED_OUT,

    // Images.
    /** The bytes are not an image by their signature, whatever the name or Content-Type says. */
    NOT_IMAGE,
    /** An image too broken to decode (truncated, corrupt, zero bytes). */
    DECODE_ERROR,
    /** A real image in a format or variant Harvest cannot read. */
    UNSUPPORTED,
    /** Larger than the pixel cap, found from the header before decoding any pixel. */
    TOO_MANY_PIXELS,
    /** Shorter side under {@code --min-size}. */
    TOO_SMALL,
    /** Longer side over {@code --max-aspect-ratio} times the shorter. */
    BAD_ASPECT,

    // Files.
    IO_ERROR,
    /** An output name that would leave the output folder. */
    INVALID_NAME,
    /** A bug or a library's surprise on hostile input: one failed row, not a failed job. */
    INTERNAL_ERROR;

    /** The manifest's spelling: {@code http_error}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean failed() {
        return this != OK && this != SKIPPED;
    }

    /** The status of a manifest label, if it is one. */
    public static Optional<Status> ofLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label().equals(label)).findFirst();
    }

    @Override
    public String toString() {
        return label();
    }
}
