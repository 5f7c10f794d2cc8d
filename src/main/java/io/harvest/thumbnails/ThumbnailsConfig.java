package io.harvest.thumbnails;

import io.harvest.image.ThumbnailSpec;
import java.io.Serializable;

/**
 * Everything the thumbnails job needs to run.
 *
 * @param input        a folder (recursive), a file or a glob, on any Hadoop file system
 * @param output       the output folder: one sub-folder per size, plus manifest and summary
 * @param partitions   how many tasks to spread the images over; 0 chooses from the cluster
 * @param maxFileBytes source files larger than this are refused without being read
 */
public record ThumbnailsConfig(String input, String output, ThumbnailSpec spec, boolean resume,
                               int partitions, long maxFileBytes) implements Serializable {
    public static final long DEFAULT_MAX_FILE_BYTES = 256L << 20;

    public ThumbnailsConfig {
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions must be 0 (auto) or more: " + partitions);
        }
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("max file bytes must be positive: " + maxFileBytes);
        }
    }

    public ThumbnailsConfig withOutput(String newOutput) {
        return new ThumbnailsConfig(input, newOutput, spec, resume, partitions, maxFileBytes);
    }
}
