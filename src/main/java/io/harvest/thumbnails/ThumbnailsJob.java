package io.harvest.thumbnails;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.harvest.io.FileListing;
import io.harvest.io.HadoopConf;
import io.harvest.io.SourceFile;
import io.harvest.io.Storage;
import io.harvest.job.Manifest;
import io.harvest.job.Summary;
import io.harvest.spark.Balance;
import io.harvest.spark.Progress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thumbnails job: every image under an input folder, made into thumbnails of one or more
 * sizes. CPU-bound, so one task per core and no threads inside a task; the files are spread
 * over the tasks by count and size.
 */
public final class ThumbnailsJob {
    public static final String NAME = "thumbnails";
    /** Image files by extension, compared in lower case. */
    public static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "gif", "bmp", "webp");
    /** Tasks per core by default: enough that one slow image does not leave a core idle. */
    private static final int TASKS_PER_CORE = 4;

    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailsJob.class);

    private ThumbnailsJob() {}

    public static Summary run(SparkSession spark, ThumbnailsConfig requested) {
        long start = System.nanoTime();
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        ThumbnailsConfig config = requested.withOutput(Storage.qualify(requested.output(), hadoop));
        List<SourceFile> files = withoutOutput(FileListing.list(config.input(), EXTENSIONS, hadoop),
                config.output());
        List<PlannedItem> items = OutputPlan.plan(files, config.spec().format());
        int tasks = config.partitions() > 0 ? config.partitions()
                : spark.sparkContext().defaultParallelism() * TASKS_PER_CORE;
        List<List<PlannedItem>> bins = Balance.bins(items, tasks, i -> i.source().size());
        LOG.info("{} images under {} in {} tasks", items.size(), config.input(), bins.size());

        try (Progress progress = Progress.start(spark, NAME, items.size())) {
            ThumbnailTask task = new ThumbnailTask(config, new HadoopConf(hadoop), progress.counter());
            JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                    .parallelize(bins, bins.size())
                    .mapPartitions(partition -> task.run(flatten(partition)));
            Manifest.write(spark.createDataFrame(rows, ManifestRows.SCHEMA), config.output());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Summary summary = withDetails(spark, config,
                Manifest.summarize(spark, NAME, config.output(), "source_bytes", elapsed));
        Manifest.writeSummary(spark, summary);
        return summary;
    }

    /** Figures only this job has: which decoders ran, and what was written. */
    private static Summary withDetails(SparkSession spark, ThumbnailsConfig config, Summary summary) {
        Dataset<Row> manifest = spark.read().parquet(Manifest.path(config.output()).toString());
        Map<String, Long> decoders = new LinkedHashMap<>();
        for (Row r : manifest.where(col("decoder").isNotNull()).groupBy(col("decoder"))
                .agg(count(lit(1))).orderBy(col("decoder")).collectAsList()) {
            decoders.put(r.getString(0), r.getLong(1));
        }
        Row written = manifest.agg(expr("sum(aggregate(thumbnails, 0L, (a, t) -> a + t.bytes))"),
                expr("sum(size(thumbnails))")).first();
        return summary
                .withDetail("sizes", config.spec().sizes().stream().map(Object::toString).toList())
                .withDetail("decoders", decoders)
                .withDetail("thumbnails_written", written.isNullAt(1) ? 0L : written.getLong(1))
                .withDetail("bytes_written", written.isNullAt(0) ? 0L : written.getLong(0));
    }

    /** Leaves out the files under the (qualified) output folder, when it lies inside the input. */
    private static List<SourceFile> withoutOutput(List<SourceFile> files, String output) {
        String prefix = output + "/";
        return files.stream().filter(f -> !f.path().startsWith(prefix)).toList();
    }

    private static <T> Iterator<T> flatten(Iterator<List<T>> lists) {
        return new Iterator<>() {
            private Iterator<T> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && lists.hasNext()) {
                    current = lists.next().iterator();
                }
                return current.hasNext();
            }

            @Override
            public T next() {
                hasNext();
                return current.next();
            }
        };
    }
}
