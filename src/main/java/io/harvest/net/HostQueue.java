package io.harvest.net;

import java.util.ArrayDeque;

/** One host's waiting jobs and politeness state, within one run. */
final class HostQueue<T> {
    final String name;
    /** Requests in flight at most: the per-host limit, divided among the tasks sharing the host. */
    final int limit;
    /** How many tasks the host is spread over. */
    final int share;
    final ArrayDeque<Pending<T>> queue = new ArrayDeque<>();
    int inFlight;
    /** Earliest start of the next request (host delay, Crawl-delay, Retry-After pause). */
    long nextStartNanos;
    long delayNanos;
    boolean inReady;
    boolean wakeScheduled;
    int consecutiveFailures;
    /** Why the host was cut off; null while it is still tried. */
    String cutOff;

    HostQueue(String name, int limit, int share, long delayNanos, long nowNanos) {
        this.name = name;
        this.limit = limit;
        this.share = share;
        this.delayNanos = delayNanos;
        this.nextStartNanos = nowNanos;
    }

    /** Nothing queued, nothing running, nothing remembered: the run can forget this host. */
    boolean idle(long nowNanos) {
        return queue.isEmpty() && inFlight == 0 && !inReady && !wakeScheduled
                && consecutiveFailures == 0 && cutOff == null && nowNanos - nextStartNanos >= 0;
    }
}
