package io.harvest.testing;

import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of the test JVM: starting Spark costs seconds, so every test class
 * shares it. Stopped when the JVM exits.
 */
public final class SharedSpark {
    private static SparkSession session;

    private SharedSpark() {}

    public static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("harvest-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.ui.showConsoleProgress", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.executor.heartbeatInterval", "1s")
                    .config("spark.harvest.progress.interval", "1")
                    .getOrCreate();
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop, "stop-shared-spark"));
        }
        return session;
    }
}
