package io.harvest.images;

import io.harvest.HarvestException;
import io.harvest.io.HadoopConf;
import io.harvest.io.Storage;
import io.harvest.items.UrlInput;
import io.harvest.items.WorkItem;
import io.harvest.items.WorkPlan;
import io.harvest.job.ErrorList;
import io.harvest.job.LostTasks;
import io.harvest.job.Manifest;
import io.harvest.job.Summary;
import io.harvest.net.FetchPipeline;
import io.harvest.spark.Progress;
import io.harvest.spark.ProgressCounter;
import io.harvest.spark.Slots;
import io.harvest.spark.Tally;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The images job: a list of image URLs in, a thumbnail dataset out, one pass per item. Each
 * task fetches its items with many requests in flight and hands every body to the
 * {@link ImageHandler} on a thread of its own, so downloads stay in flight while the cores
 * decode. A host with more than a task's share of the list is spread over several tasks
 * with its per-host limit divided among them ({@link WorkPlan.Spread#SPLIT_BIG_HOSTS}).
 *
 * <p>Stages: {@link UrlInput} reads the list, {@link WorkPlan} numbers and places the items,
 * a {@link FetchPipeline} fetches them (every guard of the fetch job), the handler makes the
 * thumbnails and stores them through a {@link io.harvest.io.Sink}, {@link ImageRows} makes the
 * rows, {@link Manifest#write} commits them; a re-run keeps rows of the previous manifest
 * ({@link PreviousRun}). Then errors.txt and summary.json.
 */
public final class ImagesJob {
    public static final String NAME = "images";
    static final String SHARDS = "shards";

    private static final Logger LOG = LoggerFactory.getLogger(ImagesJob.class);

    private ImagesJob() {}

    static String shardsFolder(String output) {
        return new Path(output, SHARDS).toString();
    }

    public static Summary run(SparkSession spark, ImagesConfig requested) {
        long start = System.nanoTime();
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        ImagesConfig config = requested.toBuilder().output(Storage.qualify(requested.output(), hadoop)).build();
        UrlInput.Table input = UrlInput.read(spark, config.input(), config.inputFormat(), config.urlColumn(),
                ImageRows.reservedNames());
        UrlInput.requireOutputOutside(config.input(), config.output(), hadoop);
        List<StructField> carried = config.links() != null ? PageStage.carried(input.carried()) : input.carried();
        int captionAt = captionAt(config, carried);
        boolean inline = config.sink() == ImagesConfig.SinkKind.PARQUET;
        StructType schema = ImageRows.schema(inline, config.keepOriginal(), carried);
        ImageRows rowMaker = new ImageRows(inline, config.keepOriginal(), carried.size());
        int partitions = config.partitions() > 0 ? config.partitions()
                : Slots.of(spark.sparkContext());
        LongAccumulator cpuNanos = spark.sparkContext().longAccumulator(NAME + ".cpu_nanos");
        Tally tally = Tally.register(spark.sparkContext(), NAME + ".tally");

        Dataset<Row> pages = null;
        UrlInput.Table images = input;
        long first = 0;
        if (config.links() != null) {
            PageStage.Result found = PageStage.run(spark, config, input, schema, rowMaker, partitions, tally,
                    cpuNanos);
            pages = found.pages();
            images = found.images();
            first = found.pageCount();
        }
        WorkPlan.Plan plan = WorkPlan.plan(spark, images, partitions, WorkPlan.Spread.SPLIT_BIG_HOSTS, first);
        PreviousRun previous = PreviousRun.load(spark, config, schema, plan.items());
        LOG.info("{} items from {} in {} tasks (the largest host over {}), {} requests in flight per task,"
                        + " {} kept from the previous run", plan.count(), config.input(), partitions,
                plan.widestSpread(), config.fetch().concurrency(), previous.keptCount());

        previous.countInto(tally);
        long fetchStart = System.nanoTime();
        // To the millisecond: a re-run started within the same second must not overwrite the
        // shards holding the rows it keeps.
        String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS"));
        try (Progress progress = Progress.start(spark, NAME, plan.count() - previous.keptCount())) {
            ImageHandler handler = new ImageHandler(config, rowMaker, schema, captionAt, runId, new HadoopConf(hadoop));
            // Images found on pages are fetched without the pages' extra headers (an API key).
            FetchPipeline<WorkItem, Row> pipeline = new FetchPipeline<>(
                    pages != null ? config.foundImageOptions() : config.fetchOptions(), new Items(),
                    handler, FetchPipeline.BACKLOG_BYTES, cpuNanos);
            ProgressCounter counter = progress.counter();
            JavaRDD<Row> rows = previous.withoutKept(plan.items())
                    .mapPartitions(items -> pipeline.run(items, row -> {
                        counter.finished(ImageRows.failed(row));
                        ImageRows.tally(row, tally);
                    }));
            Dataset<Row> fresh = previous.union(spark.createDataFrame(rows, schema));
            Manifest.write(pages == null ? fresh : pages.unionByName(fresh), config.output());
        }
        LostTasks.removeUnfinishedWrites(config.output(), hadoop);
        if (config.sink() == ImagesConfig.SinkKind.WEBDATASET) {
            LostTasks.remove(config.output(), "shards that no manifest row names (left by an earlier, failed attempt)",
                    () -> UnnamedShards.remove(spark, config.output()));
        }
        double fetchS = (System.nanoTime() - fetchStart) / 1e9;
        Summary counted = Manifest.summarize(NAME, config.output(), tally, 0);
        ErrorList.write(spark, counted);
        Summary summary = withDetails(config, counted.withElapsed((System.nanoTime() - start) / 1e9), tally,
                fetchS, cpuNanos.value(), previous.keptCount());
        Manifest.writeSummary(spark, summary);
        return summary;
    }

    /** The carried column the shards' captions come from; -1 for none. */
    private static int captionAt(ImagesConfig config, List<StructField> carried) {
        String name = config.captionColumn() != null ? config.captionColumn() : "caption";
        for (int i = 0; i < carried.size(); i++) {
            if (carried.get(i).name().equals(name)) {
                return i;
            }
        }
        if (config.captionColumn() != null) {
            throw new HarvestException("no column '" + name + "' in input " + config.input()
                    + " for --caption-column (columns: " + String.join(", ",
                    carried.stream().map(StructField::name).toList()) + ")");
        }
        return -1;
    }

    /**
     * Figures only this job has: responses by HTTP status, images per second of the fetch and
     * thumbnail stage, and CPU per image made: the executors' process CPU while the tasks ran
     * (see {@link io.harvest.spark.CpuClock}) over the images made in this run.
     */
    private static Summary withDetails(ImagesConfig config, Summary summary, Tally tally, double stageS,
                                       long cpuNanos, long kept) {
        long made = tally.get("images_made");
        return summary
                .withDetail("sizes", config.spec().sizes().stream().map(Object::toString).toList())
                .withDetail("resize_mode", config.spec().resize().toString())
                .withDetail("output_format", config.sink().toString())
                .withDetail("by_http_status", tally.dimension("http_status"))
                .withDetail("kept_from_previous_run", kept)
                .withDetail("images_made", made)
                .withDetail("thumbnails_written", tally.get("thumbnails_written"))
                .withDetail("bytes_written", tally.get("bytes_written"))
                .withDetail("stage_s", Summary.rounded(stageS))
                .withDetail("images_per_s", Summary.rounded(stageS > 0 ? made / stageS : 0))
                .withCpuAndErrorList(cpuNanos, "cpu_ms_per_image", made);
    }

    /** How the pipeline reads a work item. */
    private static final class Items implements FetchPipeline.Items<WorkItem> {
        private static final long serialVersionUID = 1L;

        @Override
        public String urlOf(WorkItem item) {
            return item.urlToFetch();
        }

        @Override
        public int shareOf(WorkItem item) {
            return item.share();
        }
    }
}
