package io.harvest.thumbnails;

import io.harvest.image.OutputFormat;
import io.harvest.io.SourceFile;
import java.io.Serializable;

/**
 * A source image and the name its thumbnails get under each size folder, fixed on the driver
 * so that names never collide.
 */
record PlannedItem(SourceFile source, String outputName, OutputFormat format) implements Serializable {
}
