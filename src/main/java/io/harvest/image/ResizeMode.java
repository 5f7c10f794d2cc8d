package io.harvest.image;

import java.util.Locale;

/**
 * How an image is fitted to a thumbnail box. None of them enlarges an image unless asked to
 * ({@code upscale}): a smaller image keeps its size (and {@link #PAD} centres it on the box).
 */
public enum ResizeMode {
    /** Inside the box, aspect ratio kept: one side equals the box, the other is within it. */
    FIT,
    /** Covering the box, aspect ratio kept: one side equals the box, the other overflows it. */
    FILL,
    /** Covering the box, then centre-cropped to exactly the box. */
    CROP,
    /** Inside the box, then centred on a canvas of exactly the box (letterbox). */
    PAD,
    /** The original size: the box is not used. */
    NONE;

    /**
     * The geometry of the thumbnail of a {@code w} x {@code h} image (as displayed) for
     * {@code box}.
     */
    public Geometry geometry(ThumbnailSize box, int w, int h, boolean upscale) {
        if (this == NONE) {
            return new Geometry(w, h, w, h);
        }
        double fit = Math.min((double) box.width() / w, (double) box.height() / h);
        double cover = Math.max((double) box.width() / w, (double) box.height() / h);
        double scale = this == FIT || this == PAD ? fit : cover;
        if (!upscale) {
            scale = Math.min(1, scale);
        }
        int sw = scale == 1 ? w : (int) Math.max(1, Math.round(w * scale));
        int sh = scale == 1 ? h : (int) Math.max(1, Math.round(h * scale));
        if ((this == FIT || this == PAD) && scale != 1) {
            // Rounding never takes a side past the box.
            sw = Math.min(sw, box.width());
            sh = Math.min(sh, box.height());
        }
        return switch (this) {
            case FIT, FILL -> new Geometry(sw, sh, sw, sh);
            case CROP -> new Geometry(sw, sh, Math.min(box.width(), sw), Math.min(box.height(), sh));
            case PAD -> new Geometry(sw, sh, box.width(), box.height());
            case NONE -> throw new IllegalStateException();
        };
    }

    /** The spelling on the command line: {@code fit}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * A thumbnail's geometry, as displayed.
     *
     * @param scaledWidth  the image resized to this...
     * @param scaledHeight ...by this
     * @param width        then cropped or padded (centred) to this...
     * @param height       ...by this: the thumbnail's size
     */
    public record Geometry(int scaledWidth, int scaledHeight, int width, int height) {
        public boolean reframed() {
            return width != scaledWidth || height != scaledHeight;
        }
    }
}
