package io.harvest.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import io.harvest.io.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * {@code <output>/errors.txt}: the URL of every failed item, one per line in input order,
 * duplicates kept — a text input for a re-run of just those. Items refused as invalid URLs are
 * left out: no re-run can fetch them (they are in the manifest, with why). Made from the
 * manifest by one Spark task into a staging folder, then renamed into place, so it always
 * matches the manifest beside it and a killed run never leaves half a list.
 */
public final class ErrorList {
    public static final String FILE = "errors.txt";
    /** Statuses whose URLs are not listed; every other status is a failure worth a re-run. */
    private static final List<String> NOT_LISTED =
            List.of(Status.OK.label(), Status.SKIPPED.label(), Status.INVALID_URL.label());

    private ErrorList() {}

    public static Path path(String output) {
        return new Path(output, FILE);
    }

    /** How many URLs the list of a run with this summary holds. */
    public static long size(Summary summary) {
        return summary.input()
                - NOT_LISTED.stream().mapToLong(s -> summary.byStatus().getOrDefault(s, 0L)).sum();
    }

    /**
     * Writes the list of the manifest summarised by {@code summary}; without a Spark job when
     * nothing is to be listed, the common case.
     */
    public static void write(SparkSession spark, Summary summary) {
        String output = summary.output();
        Path target = path(output);
        try {
            FileSystem fs = Storage.fileSystem(target, spark.sparkContext().hadoopConfiguration());
            if (size(summary) == 0) {
                Storage.writeAtomically(fs, target, "");
                return;
            }
            Path staging = new Path(output, "_errors.staging-" + UUID.randomUUID());
            // A global sort then one partition: the sorted ranges are read in order.
            spark.read().parquet(Manifest.path(output).toString())
                    .where(not(col("status").isin(NOT_LISTED.toArray())).and(col("url").isNotNull()))
                    .orderBy(col("item")).select(col("url")).coalesce(1)
                    .write().text(staging.toString());
            FileStatus[] parts = fs.globStatus(new Path(staging, "part-*"));
            if (parts == null || parts.length != 1) {
                throw new IOException("expected one part file in " + staging);
            }
            Storage.replace(fs, parts[0].getPath(), target);
            fs.delete(staging, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot put " + target + " in place", e);
        }
    }
}
