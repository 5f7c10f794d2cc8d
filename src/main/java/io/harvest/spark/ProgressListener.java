package io.harvest.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.scheduler.TaskInfo;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What {@link Progress} learns from Spark's events: the latest accumulator values of each
 * running task (from executor heartbeats), how many tasks are running, and every task
 * attempt that ended.
 */
final class ProgressListener extends SparkListener {
    /** The local property that marks the empty job of {@link #awaitEarlierEvents}. */
    static final String MARKER = "harvest.progress.marker";

    private final String marker = UUID.randomUUID().toString();
    private final CountDownLatch markerSeen = new CountDownLatch(1);
    private final long doneId;
    private final long failedId;
    private final Map<Long, long[]> runningValues = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private final List<TaskRecord> ended = new ArrayList<>();

    ProgressListener(long doneId, long failedId) {
        this.doneId = doneId;
        this.failedId = failedId;
    }

    /** The sum of one accumulator over the running tasks' last heartbeats. */
    long running(long accumulatorId) {
        int slot = accumulatorId == doneId ? 0 : 1;
        return runningValues.values().stream().mapToLong(v -> v[slot]).sum();
    }

    int runningTasks() {
        return Math.max(0, running.get());
    }

    synchronized List<TaskRecord> tasks() {
        return List.copyOf(ended);
    }

    /**
     * Waits until this listener has received every event Spark posted before this call (the
     * task ends of the job's actions, which reach listeners asynchronously), at most
     * {@code timeoutMillis}; false on time-out. Spark's own wait for that is not public
     * ({@code listenerBus().waitUntilEmpty}), so this runs an empty job, tagged with a local
     * property: a job without partitions posts its start event at once, from this thread, and
     * the listener queue delivers in order, so when its start arrives everything before it has.
     */
    boolean awaitEarlierEvents(SparkContext sc, long timeoutMillis) throws InterruptedException {
        String previous = sc.getLocalProperty(MARKER);
        sc.setLocalProperty(MARKER, marker);
        try {
            JavaSparkContext.fromSparkContext(sc).emptyRDD().count();
        } finally {
            sc.setLocalProperty(MARKER, previous);
        }
        return markerSeen.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onJobStart(SparkListenerJobStart start) {
        if (start.properties() != null && marker.equals(start.properties().getProperty(MARKER))) {
            markerSeen.countDown();
        }
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        for (Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>> task
                : CollectionConverters.asJava(update.accumUpdates())) {
            long[] values = new long[2];
            boolean ours = false;
            for (AccumulableInfo info : CollectionConverters.asJava(task._4())) {
                if ((info.id() == doneId || info.id() == failedId) && info.update().isDefined()) {
                    values[info.id() == doneId ? 0 : 1] = ((Number) info.update().get()).longValue();
                    ours = true;
                }
            }
            if (ours) {
                runningValues.put((Long) task._1(), values);
            }
        }
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart start) {
        running.incrementAndGet();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        TaskInfo info = end.taskInfo();
        runningValues.remove(info.taskId());
        running.decrementAndGet();
        TaskMetrics metrics = end.taskMetrics();
        String reason = end.reason().getClass().getSimpleName().replace("$", "");
        synchronized (this) {
            ended.add(new TaskRecord(end.stageId(), info.partitionId(), info.attemptNumber(),
                    info.launchTime(), info.finishTime(), info.executorId(), reason,
                    metrics == null ? 0 : metrics.executorCpuTime() / 1_000_000));
        }
    }
}
