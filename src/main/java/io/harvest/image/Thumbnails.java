package io.harvest.image;

import java.util.List;

/**
 * The thumbnails of one source image, in the order of the spec's sizes.
 *
 * @param sourceFormat the format found in the data ("jpeg", "png", ...), whatever the name says
 * @param sourceWidth  width as displayed, after EXIF orientation
 * @param sourceHeight height as displayed, after EXIF orientation
 * @param decoder      the route that decoded it, e.g. "turbojpeg 1/8" or "imageio"
 */
public record Thumbnails(String sourceFormat, int sourceWidth, int sourceHeight, String decoder,
                         List<Thumbnail> images) {
}
