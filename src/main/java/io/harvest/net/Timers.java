package io.harvest.net;

import java.util.PriorityQueue;

/** Actions due at System.nanoTime() instants, run by the fetch run's own thread. */
final class Timers {
    private final PriorityQueue<Timer> queue = new PriorityQueue<>();
    private long seq;

    void at(long dueNanos, Runnable action) {
        queue.add(new Timer(dueNanos, seq++, action));
    }

    /** Runs what is due by {@code nowNanos}, in time order (actions may add more). */
    void runDue(long nowNanos) {
        while (!queue.isEmpty() && queue.peek().dueNanos() - nowNanos <= 0) {
            queue.poll().action().run();
        }
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Until the next action is due; Long.MAX_VALUE when none is waiting. */
    long nanosUntilNext(long nowNanos) {
        return queue.isEmpty() ? Long.MAX_VALUE : queue.peek().dueNanos() - nowNanos;
    }

    private record Timer(long dueNanos, long seq, Runnable action) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(dueNanos - o.dueNanos, 0); // nanoTime values may wrap
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
