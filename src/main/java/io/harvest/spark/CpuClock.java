package io.harvest.spark;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The CPU time a run costs on its executors: the whole JVM of each executor (HTTP client
 * threads, parser and task threads, Spark's own work, GC) from the start of the run's first
 * task on it to the end of its last, each stretch counted once however many tasks run side by
 * side. Per task, only the task thread could be measured; the client's threads are most of a
 * fetch's CPU, and they are shared by nothing but the tasks of this run.
 */
public final class CpuClock {
    /** The process CPU time each run last counted, per run, in this JVM. */
    private static final Map<Long, AtomicLong> COUNTED = new ConcurrentHashMap<>();

    private CpuClock() {}

    /** The CPU time of this JVM's process, all threads; -1 when the JVM cannot tell. */
    public static long process() {
        if (ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** Marks the start of a task of run {@code run}: counting starts with the run's first. */
    public static void taskStarts(long run) {
        long now = process();
        if (now >= 0) {
            COUNTED.computeIfAbsent(run, r -> new AtomicLong(now));
        }
    }

    /** The process CPU time not yet counted for run {@code run}; 0 when it cannot be told. */
    public static long taskEnds(long run) {
        AtomicLong counted = COUNTED.get(run);
        long now = process();
        return counted == null || now < 0 ? 0 : Math.max(0, now - counted.getAndSet(now));
    }
}
