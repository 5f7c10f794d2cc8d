package io.harvest.fetch;

import io.harvest.io.Storage;
import io.harvest.items.UrlInput;
import io.harvest.items.WorkItem;
import io.harvest.items.WorkPlan;
import io.harvest.job.ErrorList;
import io.harvest.job.Manifest;
import io.harvest.job.Summary;
import io.harvest.net.FetchPipeline;
import io.harvest.spark.Progress;
import io.harvest.spark.ProgressCounter;
import io.harvest.spark.Slots;
import io.harvest.spark.Tally;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fetch job: every URL of an input list fetched, many requests in flight per task, HTML
 * pages parsed with jsoup, one manifest row per input item. IO-bound: a host's URLs share one
 * task (so its per-host limits hold across the cluster), and each task keeps
 * {@code concurrency} requests in flight.
 *
 * <p>Stages: {@link UrlInput} reads the list in its format; {@link WorkPlan} numbers the
 * items in input order and groups them by host; a {@link FetchPipeline} fetches each task's
 * items with one {@link io.harvest.net.Fetcher} and hands HTML pages to the
 * {@link PageHandler} on its own thread ({@link PageParser}); {@link FetchRows} makes the rows, written by
 * {@link Manifest#write} (staging folder swapped in: a re-run replaces, never appends; a
 * retried task's rows are committed once). The summary comes from the {@link Tally} the tasks
 * kept while writing those rows; then {@link ErrorList} writes errors.txt from the manifest.
 *
 * <p>Manifest: {@code item} (0-based position in the input, in the order Spark reads it: line
 * order within a file), {@code url} (as given, trimmed), {@code final_url}, {@code status},
 * {@code http_status}, {@code error}, {@code content_type}, {@code charset} (the charset an
 * HTML body was decoded with), {@code bytes}, {@code elapsed_ms}, {@code attempts},
 * {@code fetched_at}, {@code sha256}, and for HTML pages that answered 2xx {@code title},
 * {@code description}, {@code canonical}, {@code lang}, {@code links}, {@code images} (null
 * for anything else); then one string column per {@code --extract} field, {@code body} with
 * {@code --save-body} (2xx bodies only, as received after content decoding, up to the body
 * limit), and the input's other columns.
 */
public final class FetchJob {
    public static final String NAME = "fetch";

    private static final Logger LOG = LoggerFactory.getLogger(FetchJob.class);

    private FetchJob() {}

    public static Summary run(SparkSession spark, FetchConfig requested) {
        long start = System.nanoTime();
        FetchConfig config = requested.withOutput(
                Storage.qualify(requested.output(), spark.sparkContext().hadoopConfiguration()));
        UrlInput.Table input = UrlInput.read(spark, config.input(), config.inputFormat(),
                config.urlColumn(), FetchRows.reservedNames(config.extract()));
        UrlInput.requireOutputOutside(config.input(), config.output(),
                spark.sparkContext().hadoopConfiguration());
        int partitions = config.partitions() > 0 ? config.partitions()
                : Slots.of(spark.sparkContext());
        WorkPlan.Plan plan = WorkPlan.plan(spark, input, partitions);
        LOG.info("{} items from {} ({}) in {} tasks, {} requests in flight per task ({} s to plan)",
                plan.count(), config.input(), input.format().label(), partitions,
                config.fetch().concurrency(), Summary.rounded((System.nanoTime() - start) / 1e9));

        LongAccumulator cpuNanos = spark.sparkContext().longAccumulator(NAME + ".cpu_nanos");
        Tally tally = Tally.register(spark.sparkContext(), NAME + ".tally");
        long fetchStart = System.nanoTime();
        try (Progress progress = Progress.start(spark, NAME, plan.count())) {
            PageHandler pages = new PageHandler(new PageParser(config.extract()),
                    new FetchRows(config.extract(), config.saveBody(), input.carried().size()));
            FetchPipeline<WorkItem, Row> pipeline = new FetchPipeline<>(config.fetchOptions(),
                    WorkItem::urlToFetch, pages, FetchPipeline.BACKLOG_BYTES, cpuNanos);
            ProgressCounter counter = progress.counter();
            JavaRDD<Row> rows = plan.items().mapPartitions(items -> pipeline.run(items, row -> {
                counter.finished(FetchRows.failed(row));
                FetchRows.tally(row, tally);
            }));
            Manifest.write(spark.createDataFrame(rows, FetchRows.schema(config.extract(), config.saveBody(),
                    input.carried())), config.output());
        }
        double fetchS = (System.nanoTime() - fetchStart) / 1e9;
        Summary counted = Manifest.summarize(NAME, config.output(), tally, 0);
        ErrorList.write(spark, counted);
        double elapsed = (System.nanoTime() - start) / 1e9;
        Summary summary = withDetails(counted.withElapsed(elapsed), tally, fetchS, cpuNanos.value());
        Manifest.writeSummary(spark, summary);
        return summary;
    }

    /**
     * Figures only this job has: responses by HTTP status, ok pages per second of the fetch
     * stage, and CPU time per page: the executors' process CPU while the fetch tasks ran
     * (see {@link io.harvest.spark.CpuClock}; in local mode the driver's JVM is the executor) over the responses
     * received, whatever their status.
     */
    private static Summary withDetails(Summary summary, Tally tally, double fetchS, long cpuNanos) {
        Map<String, Long> byHttpStatus = tally.dimension("http_status");
        long responses = byHttpStatus.values().stream().mapToLong(Long::longValue).sum();
        return summary
                .withDetail("responses", responses)
                .withDetail("by_http_status", byHttpStatus)
                .withDetail("fetch_s", Summary.rounded(fetchS))
                .withDetail("pages_per_s", Summary.rounded(fetchS > 0 ? summary.ok() / fetchS : 0))
                .withCpuAndErrorList(cpuNanos, "cpu_ms_per_page", responses);
    }
}
