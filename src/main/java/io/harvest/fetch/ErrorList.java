package io.harvest.fetch;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import io.harvest.io.Storage;
import io.harvest.job.Manifest;
import io.harvest.job.Summary;
import io.harvest.net.FetchStatus;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code <output>/errors.txt}: the URL of every failed item, one per line in input order,
 * duplicates kept — a text input for a re-run of just those. Items refused as invalid URLs are
 * left out: no re-run can fetch them (they are in the manifest, with why). Written from the
 * manifest, streamed and renamed into place, so it always matches the manifest beside it.
 */
final class ErrorList {
    static final String FILE = "errors.txt";

    private ErrorList() {}

    static Path path(String output) {
        return new Path(output, FILE);
    }

    /** Writes the list; returns how many URLs it holds. */
    static long write(SparkSession spark, String output) {
        Iterator<Row> urls = spark.read().parquet(Manifest.path(output).toString())
                .where(not(col("status").isin(Summary.OK, Summary.SKIPPED, FetchStatus.INVALID_URL.status()))
                        .and(col("url").isNotNull()))
                .orderBy(col("item")).select(col("url")).toLocalIterator();
        Path file = path(output);
        long[] count = {0};
        try {
            Storage.writeAtomically(Storage.fileSystem(file, spark.sparkContext().hadoopConfiguration()), file,
                    out -> {
                        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                        while (urls.hasNext()) {
                            w.write(urls.next().getString(0));
                            w.write('\n');
                            count[0]++;
                        }
                        w.flush();
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return count[0];
    }
}
