package io.harvest.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harvest.testing.SharedSpark;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private final SparkSession spark = SharedSpark.get();

    @Test
    void linesSayEstimatingUntilTheRecentRateIsKnownThenGiveTimeLeft() {
        AtomicLong clock = new AtomicLong(0);
        try (Progress progress = Progress.manual(spark, "progress-test-line", 1000, clock::get)) {
            clock.set(4000);
            progress.sample();
            assertTrue(progress.line().endsWith("estimating"), progress.line());

            // Items done by a real Spark job, read back through the accumulators.
            runItems(progress, 100, 4);
            clock.set(5000);
            progress.sample();
            runItems(progress, 200, 4);
            clock.set(9000);
            progress.sample();
            assertEquals("progress-test-line: 300/1000 (30%) · 75 failed · 50.0/s · 14 s left", progress.line());
        }
    }

    @Test
    void keepsSamplesAndOneRecordPerTaskForTheReport() {
        AtomicLong clock = new AtomicLong(0);
        Progress progress = Progress.manual(spark, "progress-test-timeline", 40, clock::get);
        clock.set(1000);
        progress.sample();
        runItems(progress, 40, 4);
        clock.set(2500);
        progress.close();

        RunTimeline timeline = Progress.takeTimeline("progress-test-timeline").orElseThrow();
        assertEquals(40, timeline.total());
        ProgressSample last = timeline.samples().get(timeline.samples().size() - 1);
        assertEquals(new ProgressSample(2500, 40, 10, 0), last, "every 4th item failed; no task left running");
        assertEquals(List.of(0, 1, 2, 3), timeline.tasks().stream().map(TaskRecord::partition).sorted().toList());
        assertTrue(timeline.tasks().stream().allMatch(t -> t.succeeded() && t.finishMillis() >= t.launchMillis()
                && !t.executor().isEmpty()), timeline.tasks().toString());
        assertEquals(timeline, RunTimeline.fromJson(timeline.toJson()), "the sidecar file reads back");
        assertTrue(Progress.takeTimeline("progress-test-timeline").isEmpty(), "taken once");
    }

    @Test
    void closeWaitsForTaskEndsStillOnSparksEventQueue() {
        // A slow listener on the same queue holds back each task end it is handed after Progress's.
        SparkListener slow = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Progress progress = Progress.manual(spark, "progress-test-queued", 40, System::currentTimeMillis);
        spark.sparkContext().addSparkListener(slow);
        try {
            runItems(progress, 40, 4);
            progress.close();
        } finally {
            spark.sparkContext().removeSparkListener(slow);
        }
        assertEquals(4, Progress.takeTimeline("progress-test-queued").orElseThrow().tasks().size(),
                "every task of the job is in the record, however late its event came");
    }

    @Test
    void thinsItsSamplesInsteadOfGrowingWithoutBound() {
        AtomicLong clock = new AtomicLong(0);
        Progress progress = Progress.manual(spark, "progress-test-thin", -1, clock::get);
        for (int i = 1; i < 3 * Progress.MAX_SAMPLES; i++) {
            clock.set(i * 1000L);
            progress.sample();
        }
        clock.set(3L * Progress.MAX_SAMPLES * 1000);
        progress.close();
        List<ProgressSample> kept = Progress.takeTimeline("progress-test-thin").orElseThrow().samples();
        assertTrue(kept.size() <= Progress.MAX_SAMPLES + 1 && kept.size() >= Progress.MAX_SAMPLES / 2,
                kept.size() + " samples");
        assertEquals(3L * Progress.MAX_SAMPLES * 1000, kept.get(kept.size() - 1).atMillis(), "the last one is kept");
        assertEquals(1000, kept.get(0).atMillis(), "the first sample stays");
    }

    /** A Spark job of {@code n} items over {@code tasks} tasks, every 4th item failing. */
    private void runItems(Progress progress, int n, int tasks) {
        ProgressCounter counter = progress.counter();
        JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(IntStream.range(0, n).boxed().toList(), tasks)
                .foreach(i -> counter.finished(i % 4 == 3));
    }
}
