package io.harvest.spark;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The rate and time left of a running job, from its recent samples rather than from the
 * start: the start includes Spark's and the JVM's warm-up, which made the first estimate of a
 * short run read "1496 s left" for a run that took 8 s. No estimate at all ("estimating")
 * until enough items are done over a long enough stretch to say something honest.
 */
public final class Eta {
    /** How far back the recent rate looks. */
    static final long WINDOW_MILLIS = 30_000;
    /** The least stretch of time a rate is taken over. */
    static final long MIN_SPAN_MILLIS = 2_000;
    /** The least number of items, done within the window, a rate is taken over. */
    static final long MIN_ITEMS = 10;

    private Eta() {}

    /**
     * Items per second over the last {@link #WINDOW_MILLIS} of {@code samples} (oldest
     * first), counted from the first sample in which an item was done; empty while that is
     * too short or too few items to go by.
     */
    public static OptionalDouble recentRate(List<ProgressSample> samples) {
        if (samples.isEmpty()) {
            return OptionalDouble.empty();
        }
        ProgressSample last = samples.get(samples.size() - 1);
        ProgressSample from = null;
        for (ProgressSample s : samples) {
            if (s.done() > 0 && last.atMillis() - s.atMillis() <= WINDOW_MILLIS) {
                from = s;
                break;
            }
        }
        if (from == null) {
            return OptionalDouble.empty();
        }
        // The first sample with items done marks when work began; items done before it ran
        // during the warm-up, so they do not count toward the rate.
        long items = last.done() - from.done();
        long span = last.atMillis() - from.atMillis();
        if (span < MIN_SPAN_MILLIS || items < MIN_ITEMS) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(items * 1000.0 / span);
    }

    /** Seconds left for {@code total} items at the recent rate; empty while estimating or when the total is unknown. */
    public static OptionalDouble secondsLeft(List<ProgressSample> samples, long total) {
        if (total < 0 || samples.isEmpty()) {
            return OptionalDouble.empty();
        }
        long left = Math.max(0, total - samples.get(samples.size() - 1).done());
        OptionalDouble rate = recentRate(samples);
        return rate.isPresent() && rate.getAsDouble() > 0
                ? OptionalDouble.of(left / rate.getAsDouble()) : OptionalDouble.empty();
    }
}
