package io.harvest.image;

/** One encoded thumbnail. */
public record Thumbnail(ThumbnailSize size, int width, int height, OutputFormat format, byte[] bytes) {
}
