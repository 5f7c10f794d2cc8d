package io.harvest.spark;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Prints a progress line while a job runs: items done out of the total, failures, rate and
 * time left. Finished tasks report through accumulators; running tasks through the
 * accumulator values their executors send with each heartbeat, so a long task still moves
 * the count.
 */
public final class Progress implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("io.harvest.progress");

    private final SparkContext sc;
    private final String job;
    private final long total;
    private final ProgressCounter counter;
    private final Listener listener;
    private final ScheduledExecutorService timer;
    private final long startNanos = System.nanoTime();
    private long lastPrinted;

    private Progress(SparkSession spark, String job, long total, long intervalMillis) {
        this.sc = spark.sparkContext();
        this.job = job;
        this.total = total;
        this.counter = new ProgressCounter(sc.longAccumulator(job + ".done"),
                sc.longAccumulator(job + ".failed"));
        this.listener = new Listener(counter.done().id(), counter.failed().id());
        sc.addSparkListener(listener);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "harvest-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::print, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Starts reporting; {@code total} is the number of items, or -1 when unknown. */
    public static Progress start(SparkSession spark, String job, long total) {
        long interval = spark.conf().getOption("spark.harvest.progress.interval")
                .map(v -> (long) (Double.parseDouble(v) * 1000)).getOrElse(() -> 5000L);
        return new Progress(spark, job, total, interval);
    }

    public ProgressCounter counter() {
        return counter;
    }

    /** Items done so far, counting what running tasks reported in their last heartbeat. */
    public long done() {
        return Math.min(total < 0 ? Long.MAX_VALUE : total,
                counter.done().value() + listener.running(counter.done().id()));
    }

    public long failed() {
        return counter.failed().value() + listener.running(counter.failed().id());
    }

    private void print() {
        long done = done();
        if (done == lastPrinted) {
            return;
        }
        lastPrinted = done;
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double rate = done / Math.max(seconds, 1e-3);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s: %d", job, done));
        if (total >= 0) {
            line.append(String.format(Locale.ROOT, "/%d (%.0f%%)", total, 100.0 * done / Math.max(1, total)));
        }
        line.append(String.format(Locale.ROOT, " · %d failed · %.1f/s", failed(), rate));
        if (total >= 0 && rate > 0 && done < total) {
            line.append(String.format(Locale.ROOT, " · %.0f s left", (total - done) / rate));
        }
        LOG.info(line.toString());
    }

    @Override
    public void close() {
        timer.shutdownNow();
        sc.removeSparkListener(listener);
    }

    /** Keeps the latest accumulator values of each running task, from executor heartbeats. */
    private static final class Listener extends SparkListener {
        private final long doneId;
        private final long failedId;
        private final Map<Long, long[]> runningTasks = new ConcurrentHashMap<>();

        Listener(long doneId, long failedId) {
            this.doneId = doneId;
            this.failedId = failedId;
        }

        long running(long accumulatorId) {
            int slot = accumulatorId == doneId ? 0 : 1;
            return runningTasks.values().stream().mapToLong(v -> v[slot]).sum();
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
                    runningTasks.put((Long) task._1(), values);
                }
            }
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            runningTasks.remove(end.taskInfo().taskId());
        }
    }
}
