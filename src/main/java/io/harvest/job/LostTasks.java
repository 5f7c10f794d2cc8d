package io.harvest.job;

import io.harvest.io.Storage;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What tasks killed with their executor leave behind, cleaned up at the end of a job that writes files. */
public final class LostTasks {
    private static final Logger LOG = LoggerFactory.getLogger(LostTasks.class);

    private LostTasks() {}

    /**
     * Deletes the temp files of writes that never finished under {@code output}: every item has
     * its row by now (its retried attempt wrote the file again), so they are orphans. A failure
     * to look is a warning, never a failed job.
     */
    public static void removeUnfinishedWrites(String output, Configuration hadoop) {
        try {
            int removed = Storage.removeUnfinishedWrites(output, hadoop);
            if (removed > 0) {
                LOG.info("removed {} temp files of tasks that were lost mid-write", removed);
            }
        } catch (IOException e) {
            LOG.warn("could not look for temp files left by lost tasks under {}: {}", output, e.toString());
        }
    }
}
