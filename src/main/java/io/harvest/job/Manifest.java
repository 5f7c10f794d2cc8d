package io.harvest.job;

import io.harvest.io.Storage;
import io.harvest.spark.Tally;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The manifest of a run: one Parquet row per input item, in {@code <output>/manifest}.
 * Written to a staging folder and swapped into place, so a re-run replaces it whole (never
 * appends) and a run killed while writing leaves the previous manifest intact until the swap.
 */
public final class Manifest {
    public static final String FOLDER = "manifest";
    public static final String SUMMARY_FILE = "summary.json";

    private Manifest() {}

    public static Path path(String output) {
        return new Path(output, FOLDER);
    }

    /** Runs the job's row computation by writing it; returns the manifest's path. */
    public static Path write(Dataset<Row> rows, String output) {
        SparkSession spark = rows.sparkSession();
        Path target = path(output);
        Path staging = new Path(output, "_" + FOLDER + ".staging-" + UUID.randomUUID());
        rows.write().mode(SaveMode.ErrorIfExists).parquet(staging.toString());
        try {
            FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
            fs.delete(target, true);
            if (!fs.rename(staging, target)) {
                throw new IOException("could not rename " + staging + " to " + target);
            }
            // The staging folders of earlier runs whose driver was killed mid-write.
            FileStatus[] stale = fs.globStatus(new Path(output, "_" + FOLDER + ".staging-*"));
            for (FileStatus folder : stale == null ? new FileStatus[0] : stale) {
                fs.delete(folder.getPath(), true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot put the manifest in place at " + target, e);
        }
        return target;
    }

    /**
     * The summary of a run from the tally its tasks kept while writing the manifest: items by
     * {@code status=...}, and {@code bytes}.
     */
    public static Summary summarize(String job, String output, Tally tally, double elapsedS) {
        SortedMap<String, Long> byStatus = tally.dimension("status");
        long input = byStatus.values().stream().mapToLong(Long::longValue).sum();
        return new Summary(job, output, input, byStatus, tally.get("bytes"), elapsedS, Map.of());
    }

    /** Writes {@code summary.json} next to the manifest. */
    public static void writeSummary(SparkSession spark, Summary summary) {
        Path file = new Path(summary.output(), SUMMARY_FILE);
        try {
            FileSystem fs = Storage.fileSystem(file, spark.sparkContext().hadoopConfiguration());
            Storage.writeAtomically(fs, file, summary.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
