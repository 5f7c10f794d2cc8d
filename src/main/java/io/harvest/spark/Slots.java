package io.harvest.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;

/**
 * How many tasks a run's executors will run at once: what a job splits its input for when
 * the user does not say. Spark's default parallelism counts only the executors registered so
 * far (at least 2), and a job plans its tasks a few seconds after it starts. On a standalone
 * cluster nothing waits for the executors, so a job that plans before they are up would plan
 * for 2 slots on a cluster of 100 cores. So the cores the submit asked for count too.
 */
public final class Slots {
    private Slots() {}

    public static int of(SparkContext context) {
        return of(context.getConf(), context.defaultParallelism());
    }

    /**
     * The larger of {@code defaultParallelism} and the cores asked for: {@code spark.cores.max}
     * (standalone, {@code --total-executor-cores}) or {@code spark.executor.instances} x
     * {@code spark.executor.cores} (YARN, Kubernetes), over {@code spark.task.cpus}. A
     * {@code spark.default.parallelism} the user set is taken as it is.
     */
    static int of(SparkConf conf, int defaultParallelism) {
        if (conf.contains("spark.default.parallelism")) {
            return defaultParallelism;
        }
        long cores = Math.max(conf.getInt("spark.cores.max", 0),
                (long) conf.getInt("spark.executor.instances", 0) * conf.getInt("spark.executor.cores", 1));
        long asked = cores / Math.max(1, conf.getInt("spark.task.cpus", 1));
        return (int) Math.min(Integer.MAX_VALUE, Math.max(defaultParallelism, asked));
    }
}
