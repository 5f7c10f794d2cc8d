package io.harvest.image;

import java.awt.image.BufferedImage;

/**
 * Pixels of a source image as a decoder gave them: stored orientation, possibly reduced in
 * size, any pixel layout.
 *
 * @param route the decoder and scale, for the manifest: "turbojpeg 1/8", "imageio 1/6"
 */
record Decoded(BufferedImage image, String route) {
}
