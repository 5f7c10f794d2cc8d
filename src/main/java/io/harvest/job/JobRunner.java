package io.harvest.job;

import io.harvest.HarvestException;
import io.harvest.report.RunReport;
import io.harvest.spark.Sessions;
import java.io.PrintStream;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin life cycle around every job: build the session, run, write the report page, print
 * the summary, stop the session whatever happens, and turn the outcome into an exit code.
 */
public final class JobRunner {
    /** The job ran; items that failed are rows in its manifest, not a failed job. */
    public static final int OK = 0;
    /** The job itself failed (a bug, a lost cluster, an output that cannot be written). */
    public static final int FAILED = 1;
    /** The user asked for something that cannot run: a bad argument or a missing input. */
    public static final int USAGE = 2;

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private JobRunner() {}

    public static int run(String job, Runnable preflight, Function<SparkSession, Summary> body,
                          PrintStream out, PrintStream err) {
        try {
            // Checks that need no Spark run first: a typo should not cost a session start-up.
            preflight.run();
        } catch (HarvestException e) {
            err.println("harvest " + job + ": " + e.getMessage());
            return USAGE;
        }
        SparkSession spark = null;
        try {
            spark = Sessions.create("harvest " + job);
            Summary summary = body.apply(spark);
            RunReport.afterRun(spark, job, summary);
            out.println(summary.render());
            return OK;
        } catch (HarvestException e) {
            err.println("harvest " + job + ": " + e.getMessage());
            return USAGE;
        } catch (RuntimeException | Error e) {
            LOG.error("harvest {} failed", job, e);
            err.println("harvest " + job + " failed: " + e);
            return FAILED;
        } finally {
            if (spark != null) {
                spark.stop();
            }
        }
    }
}
