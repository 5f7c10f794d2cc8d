package io.harvest.image;

import java.awt.image.BufferedImage;
import java.io.IOException;

/**
 * A native JPEG decoder that decodes at a reduced DCT scale (libjpeg-turbo). It is an
 * extension point, found with {@link java.util.ServiceLoader}: the core builds, tests and runs
 * without any, and then uses the pure-Java route. One per thumbnailer, so not thread-safe.
 */
public interface NativeJpegDecoder extends AutoCloseable {
    /** The route's name in manifests, e.g. "turbojpeg". */
    String name();

    /**
     * Decodes an 8-bit YCbCr, RGB or grayscale JPEG, the first {@code length} bytes of
     * {@code jpeg}, at {@code eighths}/8 of its size, as
     * {@code TYPE_INT_RGB}. The image may share its pixels with the decoder: it is valid until
     * the next call. Warnings about damaged data are not errors (viewers show such files);
     * whatever the decoder cannot do at all is an {@code IOException}.
     */
    BufferedImage decode(byte[] jpeg, int length, int eighths) throws IOException;

    @Override
    void close();

    /** Makes decoders. Registered in {@code META-INF/services} under this interface's name. */
    interface Provider {
        /**
         * A new decoder. May throw {@link LinkageError} when the native library is missing or
         * does not match the binding: callers fall back to the pure-Java route.
         */
        NativeJpegDecoder open() throws IOException;

        /** A new encoder, or null when this provider has none; may throw as {@link #open}. */
        default NativeJpegEncoder openEncoder() throws IOException {
            return null;
        }
    }
}
