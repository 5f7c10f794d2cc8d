package io.harvest.net;

import io.harvest.job.Status;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.http.DateParser;

/** When to try again: which failures and statuses, and after how long. */
final class Retries {
    /** Backoff never grows past this, whatever the attempt number. */
    private static final long MAX_BACKOFF_MILLIS = 60_000;

    private Retries() {}

    /** Connect errors, resets and timeouts may pass; DNS, policy and size failures will not. */
    static boolean retryable(Status status) {
        return status == Status.TIMEOUT || status == Status.CONNECTION_ERROR;
    }

    /** Statuses that say "not now" rather than "no". */
    static boolean retryable(int httpStatus) {
        return httpStatus == 429 || httpStatus == 502 || httpStatus == 503 || httpStatus == 504;
    }

    /**
     * Exponential backoff with jitter: retry n waits between half and all of base x 2^(n-1),
     * so that many URLs failing together do not come back together.
     */
    static long backoffMillis(Duration base, int retry) {
        long full = Math.min(MAX_BACKOFF_MILLIS, base.toMillis() << Math.min(20, retry - 1));
        return full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1);
    }

    /** Retry-After as milliseconds from now: delay-seconds or an HTTP date. */
    static OptionalLong retryAfterMillis(String header, long nowMillis) {
        if (header == null || header.isBlank()) {
            return OptionalLong.empty();
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            if (seconds < 0) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(seconds > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : seconds * 1000);
        } catch (NumberFormatException notSeconds) {
            long at = DateParser.parseDate(value);
            return at < 0 ? OptionalLong.empty() : OptionalLong.of(Math.max(0, at - nowMillis));
        }
    }
}
