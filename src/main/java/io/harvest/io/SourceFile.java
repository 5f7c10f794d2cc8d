package io.harvest.io;

import java.io.Serializable;

/**
 * One input file as listed on the driver: metadata only, never its content.
 *
 * @param path     the fully qualified path (a Hadoop URI string)
 * @param relative its path relative to the input root, which names its outputs
 */
public record SourceFile(String path, String relative, long size, long modifiedMillis)
        implements Serializable {
}
