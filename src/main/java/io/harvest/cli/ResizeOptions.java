package io.harvest.cli;

import io.harvest.image.ResizeMode;
import picocli.CommandLine.Option;

/** How images are fitted to each --size: the same options for every job that makes thumbnails. */
final class ResizeOptions {
    @Option(names = "--resize-mode", defaultValue = "fit", paramLabel = "fit|fill|crop|pad|none",
            description = "fit: inside the box, ratio kept; fill: cover the box, ratio kept; crop: cover,"
                    + " then centre-crop to exactly the box; pad: fit, then letterbox to exactly the box"
                    + " (white for JPEG, transparent for PNG); none: the original size.")
    ResizeMode mode;

    @Option(names = "--upscale", description = "Enlarge images smaller than the box (never by default).")
    boolean upscale;
}
