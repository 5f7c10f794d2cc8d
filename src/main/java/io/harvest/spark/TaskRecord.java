package io.harvest.spark;

/**
 * One task attempt of a job, as Spark reported its end: what the report's task-duration
 * section draws.
 *
 * @param launchMillis when the attempt started, epoch milliseconds
 * @param finishMillis when it ended, epoch milliseconds
 * @param status       Spark's reason: {@code Success}, {@code ExceptionFailure},
 *                     {@code TaskKilled}, {@code FetchFailed}, {@code ExecutorLostFailure}, ...
 * @param cpuMillis    CPU time of the task's own thread (work it hands to other threads is not in it)
 */
public record TaskRecord(int stage, int partition, int attempt, long launchMillis, long finishMillis,
                         String executor, String status, long cpuMillis) {

    public long durationMillis() {
        return Math.max(0, finishMillis - launchMillis);
    }

    public boolean succeeded() {
        return "Success".equals(status);
    }
}
