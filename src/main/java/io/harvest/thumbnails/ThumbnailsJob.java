package io.harvest.thumbnails;

import io.harvest.io.FileListing;
import io.harvest.io.HadoopConf;
import io.harvest.io.SourceFile;
import io.harvest.io.Storage;
import io.harvest.job.LostTasks;
import io.harvest.job.Manifest;
import io.harvest.job.Summary;
import io.harvest.spark.Balance;
import io.harvest.spark.Progress;
import io.harvest.spark.Slots;
import io.harvest.spark.Tally;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thumbnails job: every image under an input folder, made into thumbnails of one or more
 * sizes. CPU-bound, so one task per core at a time and no threads inside a task; the files
 * are spread over the tasks by size, largest first.
 */
public final class ThumbnailsJob {
    public static final String NAME = "thumbnails";
    /** Image files by extension, compared in lower case. */
    public static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "gif", "bmp", "webp");
    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailsJob.class);

    private ThumbnailsJob() {}

    public static Summary run(SparkSession spark, ThumbnailsConfig requested) {
        long start = System.nanoTime();
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        ThumbnailsConfig config = requested.withOutput(Storage.qualify(requested.output(), hadoop));
        List<SourceFile> files = withoutOutput(FileListing.list(config.input(), EXTENSIONS, hadoop),
                config.output());
        List<PlannedItem> items = OutputPlan.plan(files, config.spec().format());
        // By default the largest images first, in tasks that shrink toward the end, so that no
        // core waits long for the last task of another.
        List<List<PlannedItem>> bins = config.partitions() > 0
                ? Balance.bins(items, config.partitions(), i -> i.source().size())
                : Balance.longestFirst(items, Slots.of(spark.sparkContext()), i -> i.source().size());
        LOG.info("{} images under {} in {} tasks", items.size(), config.input(), bins.size());

        Tally tally = Tally.register(spark.sparkContext(), NAME + ".tally");
        LongAccumulator cpuNanos = spark.sparkContext().longAccumulator(NAME + ".cpu_nanos");
        try (Progress progress = Progress.start(spark, NAME, items.size())) {
            ThumbnailTask task = new ThumbnailTask(config, new HadoopConf(hadoop), progress.counter(), tally, cpuNanos);
            JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                    .parallelize(bins, bins.size())
                    .mapPartitions(partition -> task.run(flatten(partition)));
            Manifest.write(spark.createDataFrame(rows, ManifestRows.SCHEMA), config.output());
        }
        LostTasks.removeUnfinishedWrites(config.output(), hadoop);
        double elapsed = (System.nanoTime() - start) / 1e9;
        Summary counted = Manifest.summarize(NAME, config.output(), tally, elapsed);
        // Per image made in this run: the ones --resume kept cost next to nothing.
        Summary summary = counted
                .withDetail("sizes", config.spec().sizes().stream().map(Object::toString).toList())
                .withDetail("decoders", tally.dimension("decoder"))
                .withDetail("thumbnails_written", tally.get("thumbnails_written"))
                .withDetail("bytes_written", tally.get("bytes_written"))
                .withCpu(cpuNanos.value(), "cpu_ms_per_image", counted.input() - counted.skipped());
        Manifest.writeSummary(spark, summary);
        return summary;
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
