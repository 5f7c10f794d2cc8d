package io.harvest.net;

import io.harvest.job.Status;
import java.net.URI;
import java.util.OptionalLong;

/**
 * What a finished request means for its item: done with a status, try again later, or go on
 * to a redirect target. A pure function of the outcome, the item's history and the options;
 * the run acts on it.
 */
sealed interface Next {

    /** The item is answered. */
    record Done(Status status, String error) implements Next {
    }

    /** Ask again after the delay; {@code pauseHost}: the server asked the whole host to wait. */
    record Retry(long delayMillis, boolean pauseHost) implements Next {
    }

    /** Request the redirect target next (already checked: scheme, syntax, limit, loop). */
    record Follow(URI target) implements Next {
    }

    static Next after(Outcome outcome, Pending<?> job, FetchOptions options) {
        boolean retriesLeft = job.retries < options.retries();
        if (outcome.failure() != null) {
            Status status = Failures.status(outcome.failure());
            if (Retries.retryable(status) && retriesLeft) {
                return new Retry(Retries.backoffMillis(options.retryBackoff(), job.retries + 1),
                        false);
            }
            return new Done(status, Failures.message(outcome.failure()));
        }
        int code = outcome.status();
        if (code == 301 || code == 302 || code == 303 || code == 307 || code == 308) {
            return redirect(outcome, job, options);
        }
        if (Retries.retryable(code) && retriesLeft) {
            return retryAfterAnswer(outcome, job, options);
        }
        if (code >= 200 && code < 300) {
            return new Done(Status.OK, null);
        }
        return new Done(Status.HTTP_ERROR, "HTTP " + code);
    }

    private static Next redirect(Outcome outcome, Pending<?> job, FetchOptions options) {
        URI target;
        try {
            target = Urls.resolve(outcome.uri(), outcome.location());
        } catch (InvalidUrlException e) {
            return new Done(e.wrongScheme() ? Status.BLOCKED : Status.REDIRECT_ERROR,
                    "redirect refused: " + e.getMessage());
        }
        if (job.hops >= options.maxRedirects()) {
            return new Done(Status.REDIRECT_ERROR,
                    "more than " + options.maxRedirects() + " redirects");
        }
        if (job.visited(target)) {
            return new Done(Status.REDIRECT_ERROR,
                    "redirect loop back to " + Urls.shorten(target.toString()));
        }
        return new Follow(target);
    }

    /** 429 and 502-504: wait as the server asks (Retry-After, capped) or back off. */
    private static Next retryAfterAnswer(Outcome outcome, Pending<?> job, FetchOptions options) {
        OptionalLong asked = Retries.retryAfterMillis(outcome.retryAfter(),
                System.currentTimeMillis());
        long cap = options.maxRetryAfter().toMillis();
        if (asked.isPresent() && asked.getAsLong() > cap) {
            return new Done(Status.HTTP_ERROR, "HTTP " + outcome.status()
                    + " with Retry-After of " + asked.getAsLong() / 1000 + " s, over the "
                    + cap / 1000 + " s cap");
        }
        if (asked.isPresent()) {
            return new Retry(asked.getAsLong(), true);
        }
        return new Retry(Retries.backoffMillis(options.retryBackoff(), job.retries + 1),
                outcome.status() == 429);
    }
}
