package io.harvest.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints a progress line while a job runs: items done out of the total, failures, the recent
 * rate and time left ({@link Eta}: "estimating" until that can be honest). Finished tasks
 * report through accumulators; running tasks through the accumulator values their executors
 * send with each heartbeat, so a long task still moves the count.
 *
 * <p>It samples every second (done, failed, tasks running) and records every task attempt;
 * on {@link #close()} that {@link RunTimeline} is handed over for the job's report
 * ({@link #takeTimeline}). Samples are thinned to every other one, and taken half as often,
 * whenever they reach {@link #MAX_SAMPLES}, so a long run keeps a bounded, even record.
 */
public final class Progress implements AutoCloseable {
    static final int MAX_SAMPLES = 2000;
    private static final long SAMPLE_MILLIS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger("io.harvest.progress");
    /** The timeline of each job's last closed progress, until its report takes it. */
    private static final Map<String, RunTimeline> CLOSED = new ConcurrentHashMap<>();

    private final SparkContext sc;
    private final String job;
    private final long total;
    private final ProgressCounter counter;
    private final ProgressListener listener;
    private final LongSupplier clock;
    private final long startMillis;
    private final long startEpochMillis = System.currentTimeMillis();
    private final ScheduledExecutorService timer;
    private final List<ProgressSample> samples = new ArrayList<>();
    private long sampleMillis;
    private long ticks;
    private long lastPrinted = -1;

    private Progress(SparkSession spark, String job, long total, LongSupplier clock) {
        this.sc = spark.sparkContext();
        this.job = job;
        this.total = total;
        this.clock = clock;
        this.startMillis = clock.getAsLong();
        this.counter = new ProgressCounter(sc.longAccumulator(job + ".done"),
                sc.longAccumulator(job + ".failed"));
        this.listener = new ProgressListener(counter.done().id(), counter.failed().id());
        sc.addSparkListener(listener);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "harvest-progress");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts reporting; {@code total} is the number of items, or -1 when unknown. */
    public static Progress start(SparkSession spark, String job, long total) {
        long interval = spark.conf().getOption("spark.harvest.progress.interval")
                .map(v -> (long) (Double.parseDouble(v) * 1000)).getOrElse(() -> 5000L);
        Progress progress = new Progress(spark, job, total, () -> System.nanoTime() / 1_000_000);
        progress.sampleMillis = Math.max(1, Math.min(SAMPLE_MILLIS, interval));
        long printEvery = Math.max(1, interval / progress.sampleMillis);
        // A sample at the start: a run shorter than one sampling period still has a throughput line.
        progress.sample(true);
        progress.timer.scheduleAtFixedRate(() -> progress.tick(printEvery), progress.sampleMillis,
                progress.sampleMillis, TimeUnit.MILLISECONDS);
        return progress;
    }

    /** Progress that samples only when {@link #sample()} is called, on the given clock (milliseconds). */
    static Progress manual(SparkSession spark, String job, long total, LongSupplier clockMillis) {
        Progress progress = new Progress(spark, job, total, clockMillis);
        progress.sampleMillis = SAMPLE_MILLIS;
        return progress;
    }

    /** The timeline of the last closed progress of {@code job}, removed from where it was kept. */
    public static Optional<RunTimeline> takeTimeline(String job) {
        return Optional.ofNullable(CLOSED.remove(job));
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

    private void tick(long printEvery) {
        try {
            ticks++;
            ProgressSample now = sample();
            if (ticks % printEvery == 0 && now.done() != lastPrinted) {
                lastPrinted = now.done();
                LOG.info(line());
            }
        } catch (RuntimeException e) {
            LOG.debug("progress sample failed", e);
        }
    }

    /** Takes a sample now (thinning the older ones when there are too many) and returns it. */
    synchronized ProgressSample sample() {
        return sample(false);
    }

    private synchronized ProgressSample sample(boolean keep) {
        ProgressSample s = new ProgressSample(clock.getAsLong() - startMillis, done(), failed(),
                listener.runningTasks());
        if (samples.size() >= MAX_SAMPLES) {
            for (int i = samples.size() - 1; i > 0; i -= 2) {
                samples.remove(i);
            }
            sampleMillis *= 2;
        }
        if (keep || samples.isEmpty() || s.atMillis() - samples.get(samples.size() - 1).atMillis() >= sampleMillis / 2) {
            samples.add(s);
        }
        return s;
    }

    /** The progress line for the latest sample. */
    synchronized String line() {
        ProgressSample last = samples.isEmpty() ? sample() : samples.get(samples.size() - 1);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s: %d", job, last.done()));
        if (total >= 0) {
            line.append(String.format(Locale.ROOT, "/%d (%.0f%%)", total,
                    100.0 * last.done() / Math.max(1, total)));
        }
        line.append(String.format(Locale.ROOT, " · %d failed", last.failed()));
        OptionalDouble rate = Eta.recentRate(samples);
        if (rate.isEmpty()) {
            return line.append(" · estimating").toString();
        }
        line.append(String.format(Locale.ROOT, " · %.1f/s", rate.getAsDouble()));
        OptionalDouble left = Eta.secondsLeft(samples, total);
        if (left.isPresent() && last.done() < total) {
            line.append(" · ").append(humanSeconds(left.getAsDouble())).append(" left");
        }
        return line.toString();
    }

    /** Seconds as people read them: "95 s", "12 min 05 s", "3 h 20 min". */
    public static String humanSeconds(double s) {
        long secs = Math.round(s);
        if (secs < 120) {
            return secs + " s";
        }
        if (secs < 7200) {
            return String.format(Locale.ROOT, "%d min %02d s", secs / 60, secs % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", secs / 3600, secs / 60 % 60);
    }

    /** The samples and tasks so far. */
    public synchronized RunTimeline timeline() {
        return new RunTimeline(job, total, startEpochMillis, sampleMillis, samples, listener.tasks());
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            // Task ends reach listeners asynchronously: let the last ones arrive before the record is closed.
            if (!listener.awaitEarlierEvents(sc, 5000)) {
                LOG.debug("Spark's events still queued after 5 s; the timeline may miss the last tasks");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("could not wait for Spark's last events; the timeline may miss the last tasks", e);
        }
        sample(true);
        sc.removeSparkListener(listener);
        CLOSED.put(job, timeline());
    }
}
