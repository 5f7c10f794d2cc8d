package io.harvest.image;

import java.io.Serializable;
import java.util.List;

/**
 * What thumbnails to make of each image.
 *
 * @param sizes     the bounding boxes, all made from one decode
 * @param format    the output encoding
 * @param quality   JPEG quality, 0 to 1
 * @param maxPixels images with more pixels are refused from their header
 * @param resize    how an image is fitted to each box
 * @param upscale   whether images smaller than a box are enlarged to it
 */
public record ThumbnailSpec(List<ThumbnailSize> sizes, OutputFormat format, float quality,
                            long maxPixels, ResizeMode resize, boolean upscale) implements Serializable {
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
    public static final float DEFAULT_QUALITY = 0.85f;

    public ThumbnailSpec {
        sizes = List.copyOf(sizes);
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException("at least one size is needed");
        }
        if (!(quality > 0 && quality <= 1)) {
            throw new IllegalArgumentException("quality must be in (0, 1], not " + quality);
        }
        java.util.Objects.requireNonNull(resize, "resize");
        if (maxPixels < 1) {
            throw new IllegalArgumentException("max pixels must be positive, not " + maxPixels);
        }
    }

    /** Boxes filled as {@link ResizeMode#FIT}, never enlarging. */
    public ThumbnailSpec(List<ThumbnailSize> sizes, OutputFormat format, float quality, long maxPixels) {
        this(sizes, format, quality, maxPixels, ResizeMode.FIT, false);
    }

    /** The geometry of the thumbnail for {@code box} of an image of {@code w} x {@code h} as displayed. */
    public ResizeMode.Geometry geometry(ThumbnailSize box, int w, int h) {
        return resize.geometry(box, w, h, upscale);
    }
}
