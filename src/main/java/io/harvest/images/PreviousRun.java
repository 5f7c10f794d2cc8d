package io.harvest.images;

import static org.apache.spark.sql.functions.col;

import io.harvest.HarvestException;
import io.harvest.job.Manifest;
import io.harvest.job.Status;
import io.harvest.spark.Tally;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import io.harvest.items.WorkItem;

/**
 * The rows a re-run keeps from the manifest already in its output ({@code --resume}: the ok
 * ones; {@code --only-failed}: all but the failures asked for), matched to the input by item
 * number and URL together: a list with the same URL twice keeps both of its rows, and a list
 * that changed since keeps only the rows whose item still has that URL (a row for a line now
 * gone, or now holding another URL, is dropped and the item fetched). The new manifest is
 * those rows plus the rows of the items fetched again: one row per item, none twice. Reading
 * the old manifest is done before it is replaced: the new one is written to a staging folder
 * first.
 */
final class PreviousRun {
    private static final StructType KEYS = new StructType()
            .add("item", DataTypes.LongType, false).add("url", DataTypes.StringType, true);

    private final Dataset<Row> kept;
    private final long[] keptItems;
    private final Broadcast<long[]> broadcast;

    private PreviousRun(Dataset<Row> kept, long[] keptItems, Broadcast<long[]> broadcast) {
        this.kept = kept;
        this.keptItems = keptItems;
        this.broadcast = broadcast;
    }

    /** @param planned the items of this run, to match the old rows to */
    static PreviousRun load(SparkSession spark, ImagesConfig config, StructType schema, JavaRDD<WorkItem> planned) {
        if (!config.rerun().active()) {
            return new PreviousRun(null, new long[0], null);
        }
        Path manifest = Manifest.path(config.output());
        try {
            FileSystem fs = manifest.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(manifest)) {
                return new PreviousRun(null, new long[0], null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look for " + manifest, e);
        }
        Dataset<Row> old = spark.read().parquet(manifest.toString());
        List<String> missing = Arrays.stream(schema.fieldNames())
                .filter(n -> !Arrays.asList(old.columns()).contains(n)).toList();
        if (!missing.isEmpty()) {
            throw new HarvestException("the manifest in " + config.output() + " was written with other options"
                    + " (it has no " + String.join(", ", missing) + "): re-run without --resume/--only-failed,"
                    + " or with the options of that run");
        }
        Object[] keptStatuses = Arrays.stream(Status.values()).map(Status::label)
                .filter(config.rerun()::keeps).toArray();
        Column[] columns = Arrays.stream(schema.fieldNames()).map(n -> col("`" + n + "`")).toArray(Column[]::new);
        Dataset<Row> keys = spark.createDataFrame(planned.map(w -> RowFactory.create(w.item(), w.url())), KEYS);
        Dataset<Row> candidates = old.where(col("status").isin(keptStatuses));
        Dataset<Row> kept = candidates.join(keys, candidates.col("item").equalTo(keys.col("item"))
                        .and(candidates.col("url").eqNullSafe(keys.col("url"))), "left_semi")
                .select(columns).cache();
        long[] items = kept.select("item").as(Encoders.LONG()).collectAsList().stream()
                .mapToLong(Long::longValue).sorted().toArray();
        return new PreviousRun(kept, items, spark.sparkContext().broadcast(items,
                scala.reflect.ClassTag$.MODULE$.apply(long[].class)));
    }

    long keptCount() {
        return keptItems.length;
    }

    /** The items still to fetch. */
    JavaRDD<WorkItem> withoutKept(JavaRDD<WorkItem> items) {
        if (broadcast == null) {
            return items;
        }
        Broadcast<long[]> done = broadcast;
        return items.filter(w -> Arrays.binarySearch(done.value(), w.item()) < 0);
    }

    /** The new rows with the kept ones. */
    Dataset<Row> union(Dataset<Row> fresh) {
        return kept == null ? fresh : kept.unionByName(fresh);
    }

    /** Counts the kept rows into the run's tally, by status, with their bytes. */
    void countInto(Tally tally) {
        if (kept == null) {
            return;
        }
        for (Row r : kept.groupBy("status").agg(org.apache.spark.sql.functions.count("*"),
                org.apache.spark.sql.functions.sum("bytes")).collectAsList()) {
            tally.add("status=" + r.getString(0), r.getLong(1));
            tally.add("bytes", r.isNullAt(2) ? 0 : r.getLong(2));
        }
    }
}
