package io.harvest.image;

/**
 * Reads an image's header: format, stored size and EXIF orientation, without decoding pixels.
 * The first 256 KiB of a file are enough (EXIF blocks are at most 64 KiB and come first).
 */
public final class ImageHeaders {
    private ImageHeaders() {}

    public static ImageInfo probe(byte[] data) throws ImageException {
        ImageFormat format = ImageFormat.of(data);
        if (format == ImageFormat.JPEG) {
            return JpegHeader.read(data).info();
        }
        try (ImageIoDecoder decoder = new ImageIoDecoder()) {
            return decoder.header(format, data, 1);
        }
    }
}
