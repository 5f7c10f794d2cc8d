package io.harvest.image;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A bounding box for thumbnails: aspect ratio kept, never enlarged. */
public record ThumbnailSize(int width, int height) implements Serializable {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,5})x(\\d{1,5})");

    public ThumbnailSize {
        if (width < 1 || height < 1 || width > 16384 || height > 16384) {
            throw new IllegalArgumentException("size must be between 1x1 and 16384x16384: "
                    + width + "x" + height);
        }
    }

    /** Parses {@code WxH}, e.g. {@code 75x75}. */
    public static ThumbnailSize parse(String text) {
        Matcher m = FORMAT.matcher(text.trim().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("size must look like 75x75, not '" + text + "'");
        }
        return new ThumbnailSize(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /**
     * The size of the thumbnail of a {@code w} x {@code h} image: the largest that fits the
     * box with the image's aspect ratio, or the image's own size when it already fits.
     */
    public int[] fit(int w, int h) {
        if (w <= width && h <= height) {
            return new int[] {w, h};
        }
        double scale = Math.min((double) width / w, (double) height / h);
        int tw = (int) Math.max(1, Math.min(width, Math.round(w * scale)));
        int th = (int) Math.max(1, Math.min(height, Math.round(h * scale)));
        return new int[] {tw, th};
    }

    /** The folder name of this size under the output: {@code 75x75}. */
    @Override
    public String toString() {
        return width + "x" + height;
    }
}
