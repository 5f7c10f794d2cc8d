package io.harvest.image;

import io.harvest.io.FileListing;

/**
 * The encoding of thumbnails. WebP is written by com.github.usefulness:webp-imageio (libwebp,
 * lossy at the spec's quality); TwelveMonkeys reads it.
 */
public enum OutputFormat {
    /** JPEG stays JPEG, WebP stays WebP, PNG stays PNG, every other source becomes PNG. */
    SAME,
    JPG,
    PNG,
    WEBP;

    /**
     * The concrete format for a source in {@code sniffed} format (told by its bytes): how the
     * thumbnailer resolves {@link #SAME}.
     */
    OutputFormat forFormat(ImageFormat sniffed) {
        if (this != SAME) {
            return this;
        }
        return switch (sniffed) {
            case JPEG -> JPG;
            case WEBP -> WEBP;
            default -> PNG;
        };
    }

    /**
     * The concrete format for a source named {@code sourceName} (by its extension): for jobs
     * that must name outputs before reading the sources.
     */
    public OutputFormat forSource(String sourceName) {
        if (this != SAME) {
            return this;
        }
        return isJpegName(sourceName) ? JPG : FileListing.extension(sourceName).equals("webp") ? WEBP : PNG;
    }

    /** The extension written for this format; {@code SAME} has none of its own. */
    public String extension() {
        if (this == SAME) {
            throw new IllegalStateException("SAME has no extension; call forSource first");
        }
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** True when the thumbnails take the spec's quality (lossy encoders). */
    public boolean lossy() {
        return this == JPG || this == WEBP;
    }

    /** True when a file so named is already in this (concrete) format. */
    public boolean matchesName(String name) {
        String ext = FileListing.extension(name);
        return switch (this) {
            case JPG -> isJpegName(name);
            case PNG, WEBP -> ext.equals(extension());
            case SAME -> false;
        };
    }

    private static boolean isJpegName(String name) {
        String ext = FileListing.extension(name);
        return ext.equals("jpg") || ext.equals("jpeg");
    }
}
