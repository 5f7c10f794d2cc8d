package io.harvest.image;

/**
 * What an image's header says, read without decoding pixels.
 *
 * @param width       stored width
 * @param height      stored height
 * @param orientation EXIF orientation, 1 (as stored) to 8
 */
public record ImageInfo(String format, int width, int height, int orientation) {
    /** True when the orientation swaps width and height (EXIF 5 to 8). */
    public boolean transposed() {
        return orientation >= 5 && orientation <= 8;
    }

    public int displayWidth() {
        return transposed() ? height : width;
    }

    public int displayHeight() {
        return transposed() ? width : height;
    }

    public long pixels() {
        return (long) width * height;
    }
}
