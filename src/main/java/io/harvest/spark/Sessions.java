package io.harvest.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession of a Harvest run. Settings come from spark-submit and conf/; the
 * only defaults set here are ones a user would not want to repeat, and only when missing.
 */
public final class Sessions {
    private Sessions() {}

    public static SparkSession create(String appName) {
        SparkConf conf = new SparkConf();
        conf.setIfMissing("spark.master", "local[*]");
        conf.setIfMissing("spark.app.name", appName);
        // Harvest prints its own progress line; Spark's bar would interleave with it.
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
