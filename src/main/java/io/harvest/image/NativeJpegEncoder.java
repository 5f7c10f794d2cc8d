package io.harvest.image;

import java.io.IOException;

/**
 * A native JPEG encoder (libjpeg-turbo), found through {@link NativeJpegDecoder.Provider}:
 * a thumbnail of 256 px costs the JDK's encoder about 2 ms, libjpeg-turbo a fraction of that.
 * One per thumbnailer, so not thread-safe.
 */
public interface NativeJpegEncoder extends AutoCloseable {
    /**
     * {@code rgb}: {@code width x height} pixels as {@code TYPE_INT_RGB} holds them, rows
     * {@code stride} pixels apart from index 0; {@code quality} as IJG's scale, 1 to 100.
     * Baseline JPEG, 4:2:0 chroma, JFIF.
     */
    byte[] encode(int[] rgb, int width, int height, int stride, int quality) throws IOException;

    @Override
    void close();
}
