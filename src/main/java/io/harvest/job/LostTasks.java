package io.harvest.job;

import io.harvest.io.Storage;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What tasks killed with their executor leave behind, cleaned up at the end of a job that writes files. */
public final class LostTasks {
    private static final Logger LOG = LoggerFactory.getLogger(LostTasks.class);

    /** One kind of leftover's removal under an output folder; returns how many files went. */
    public interface Removal {
        int remove() throws IOException;
    }

    private LostTasks() {}

    /**
     * Deletes the temp files of writes that never finished under {@code output}: every item has
     * its row by now (its retried attempt wrote the file again), so they are orphans.
     */
    public static void removeUnfinishedWrites(String output, Configuration hadoop) {
        remove(output, "temp files of tasks that were lost mid-write",
                () -> Storage.removeUnfinishedWrites(output, hadoop));
    }

    /**
     * Runs one removal of leftovers under {@code output} and logs how many went. A failure to
     * look is a warning, never a failed job: the manifest is the result.
     */
    public static void remove(String output, String leftovers, Removal removal) {
        try {
            int removed = removal.remove();
            if (removed > 0) {
                LOG.info("removed {} {}", removed, leftovers);
            }
        } catch (IOException e) {
            LOG.warn("could not look for {} under {}: {}", leftovers, output, e.toString());
        }
    }
}
