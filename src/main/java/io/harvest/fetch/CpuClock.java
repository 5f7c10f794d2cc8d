package io.harvest.fetch;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** CPU time, in nanoseconds, of the whole JVM or of the calling thread. */
final class CpuClock {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuClock() {}

    /** The CPU time of this JVM's process, all threads; -1 when the JVM cannot tell. */
    static long process() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** The CPU time of the calling thread; 0 when the JVM does not measure it. */
    static long thread() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? Math.max(0, THREADS.getCurrentThreadCpuTime()) : 0;
    }

    /** The CPU time of another live thread; 0 for none, or when the JVM does not measure it. */
    static long of(Thread thread) {
        return thread != null && THREADS.isThreadCpuTimeSupported()
                ? Math.max(0, THREADS.getThreadCpuTime(thread.getId())) : 0;
    }
}
