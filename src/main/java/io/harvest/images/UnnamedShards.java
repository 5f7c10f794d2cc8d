package io.harvest.images;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.substring_index;

import io.harvest.io.Storage;
import io.harvest.job.Manifest;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Shards under {@code <output>/shards/} that the run's final manifest does not name. Shards are
 * named by run id, so an attempt that failed after some of its tasks committed (a killed driver,
 * a run Airflow retries) leaves shards whose samples are in no manifest beside the retry's: a
 * reader of the folder would take them as data. At the end of a run they, and temp shards, go.
 * Shards of an earlier run that hold rows a {@code --resume} kept are named, so they stay.
 */
final class UnnamedShards {
    private UnnamedShards() {}

    /** Removes the files in the shards folder that no manifest row names; returns how many. */
    static int remove(SparkSession spark, String output) throws IOException {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        Path folder = new Path(ImagesJob.shardsFolder(output));
        FileSystem fs = Storage.fileSystem(folder, hadoop);
        if (!fs.exists(folder)) {
            return 0;
        }
        Set<String> named = named(spark, output);
        int removed = 0;
        for (FileStatus file : fs.listStatus(folder)) {
            if (file.isFile() && !named.contains(file.getPath().getName()) && fs.delete(file.getPath(), false)) {
                removed++;
            }
        }
        return removed;
    }

    /** The shard names in the manifest's paths ({@code <shard>.tar/<member>}). */
    private static Set<String> named(SparkSession spark, String output) {
        Dataset<Row> manifest = spark.read().parquet(Manifest.path(output).toString());
        Dataset<Row> paths = manifest.select(explode(col("thumbnails.path")).as("path"));
        if (Arrays.asList(manifest.columns()).contains("original_path")) {
            paths = paths.union(manifest.select(col("original_path").as("path")));
        }
        Column shard = substring_index(col("path"), "/", 1);
        return new HashSet<>(paths.where(col("path").isNotNull()).select(shard).distinct()
                .as(Encoders.STRING()).collectAsList());
    }
}
