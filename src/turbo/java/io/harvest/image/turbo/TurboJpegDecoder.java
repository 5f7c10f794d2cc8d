package io.harvest.image.turbo;

import io.harvest.image.NativeJpegDecoder;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.ByteOrder;
import org.libjpegturbo.turbojpeg.TJ;
import org.libjpegturbo.turbojpeg.TJDecompressor;
import org.libjpegturbo.turbojpeg.TJException;

/**
 * libjpeg-turbo through its JNI binding: DCT-scaled decoding straight into the int pixels of a
 * {@code TYPE_INT_RGB} image, the layout Java2D (and so thumbnailator) resizes fastest. The
 * decompressor and the pixel buffer are kept from one image to the next.
 */
public final class TurboJpegDecoder implements NativeJpegDecoder {
    private static final DirectColorModel RGB = new DirectColorModel(24, 0xFF0000, 0xFF00, 0xFF);
    /** An int of TYPE_INT_RGB is 0x00RRGGBB: in memory B,G,R,X on little-endian machines. */
    private static final int PIXEL_FORMAT =
            ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? TJ.PF_BGRX : TJ.PF_XRGB;
    /** Buffers up to this many pixels (16 MiB) are kept for the next image; larger ones are not. */
    private static final int KEPT_PIXELS = 4 << 20;

    private final TJDecompressor tj;
    private int[] pixels = new int[0];

    TurboJpegDecoder() throws TJException {
        tj = new TJDecompressor();
    }

    @Override
    public String name() {
        return "turbojpeg";
    }

    @Override
    public BufferedImage decode(byte[] jpeg, int eighths) throws IOException {
        tj.setSourceImage(jpeg, jpeg.length);
        int w = scaled(tj.getWidth(), eighths);
        int h = scaled(tj.getHeight(), eighths);
        int[] buffer = buffer(Math.multiplyExact(w, h));
        try {
            tj.decompress(buffer, 0, 0, w, w, h, PIXEL_FORMAT, 0);
        } catch (TJException e) {
            // A warning ("Corrupt JPEG data: 12 extraneous bytes") comes after a full decode.
            if (e.getErrorCode() != TJ.ERR_WARNING) {
                throw e;
            }
        }
        WritableRaster raster = Raster.createPackedRaster(new DataBufferInt(buffer, w * h), w, h, w,
                RGB.getMasks(), null);
        return new BufferedImage(RGB, raster, false, null);
    }

    /** libjpeg-turbo's rounding of a scaled dimension: up. */
    private static int scaled(int size, int eighths) {
        return (size * eighths + 7) / 8;
    }

    private int[] buffer(int size) {
        if (pixels.length >= size) {
            return pixels;
        }
        int[] fresh = new int[size];
        if (size <= KEPT_PIXELS) {
            pixels = fresh;
        }
        return fresh;
    }

    @Override
    public void close() {
        try {
            tj.close();
        } catch (TJException e) {
            // Nothing left to release.
        }
        pixels = new int[0];
    }

    /** The provider named in META-INF/services. */
    public static final class Provider implements NativeJpegDecoder.Provider {
        @Override
        public NativeJpegDecoder open() throws IOException {
            return new TurboJpegDecoder();
        }
    }
}
