package io.harvest.image;

import io.harvest.io.FileListing;

/** The encoding of thumbnails. A JVM WebP encoder is not maintained (TwelveMonkeys only reads WebP). */
public enum OutputFormat {
    /** JPEG stays JPEG, PNG stays PNG, every other source becomes PNG. */
    SAME,
    JPG,
    PNG;

    /**
     * The concrete format for a source in {@code sniffed} format (told by its bytes): how the
     * thumbnailer resolves {@link #SAME}.
     */
    OutputFormat forFormat(ImageFormat sniffed) {
        if (this != SAME) {
            return this;
        }
        return sniffed == ImageFormat.JPEG ? JPG : PNG;
    }

    /**
     * The concrete format for a source named {@code sourceName} (by its extension): for jobs
     * that must name outputs before reading the sources.
     */
    public OutputFormat forSource(String sourceName) {
        if (this != SAME) {
            return this;
        }
        return isJpegName(sourceName) ? JPG : PNG;
    }

    /** The extension written for this format; {@code SAME} has none of its own. */
    public String extension() {
        if (this == SAME) {
            throw new IllegalStateException("SAME has no extension; call forSource first");
        }
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** True when a file so named is already in this (concrete) format. */
    public boolean matchesName(String name) {
        String ext = FileListing.extension(name);
        return this == JPG ? isJpegName(name) : this == PNG && ext.equals("png");
    }

    private static boolean isJpegName(String name) {
        String ext = FileListing.extension(name);
        return ext.equals("jpg") || ext.equals("jpeg");
    }
}
