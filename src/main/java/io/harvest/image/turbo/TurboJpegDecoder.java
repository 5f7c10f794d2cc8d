package io.harvest.image.turbo;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import io.harvest.image.NativeJpegDecoder;
import io.harvest.image.NativeJpegEncoder;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.ByteOrder;

/**
 * libjpeg-turbo through JNA (always in the jar; the native library is looked for at run time on
 * each machine): DCT-scaled decoding straight into the int pixels of a {@code TYPE_INT_RGB}
 * image, the layout Java2D (and so thumbnailator) resizes fastest. The decompressor and the
 * buffers (native ones for the JPEG and the decoded pixels, a Java one for the image) are kept
 * from one image to the next.
 */
public final class TurboJpegDecoder implements NativeJpegDecoder {
    private static final DirectColorModel RGB = new DirectColorModel(24, 0xFF0000, 0xFF00, 0xFF);
    /** An int of TYPE_INT_RGB is 0x00RRGGBB: in memory B,G,R,X on little-endian machines. */
    static final int PIXEL_FORMAT = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
            ? TurboJpegLibrary.PF_BGRX : TurboJpegLibrary.PF_XRGB;
    /** Buffers up to this many pixels (16 MiB) are kept for the next image; larger ones are not. */
    private static final int KEPT_PIXELS = 4 << 20;

    private final int[] width = new int[1];
    private final int[] height = new int[1];
    private final int[] subsampling = new int[1];
    private final int[] colorspace = new int[1];
    private Pointer handle;
    private Memory jpegIn = new Memory(1);
    private Memory pixelsOut = new Memory(4);
    private int[] pixels = new int[0];

    TurboJpegDecoder() throws IOException {
        handle = TurboJpegLibrary.tjInitDecompress();
        if (handle == null) {
            throw new IOException("tjInitDecompress: " + TurboJpegLibrary.tjGetErrorStr2(null));
        }
    }

    @Override
    public String name() {
        return "turbojpeg";
    }

    @Override
    public BufferedImage decode(byte[] jpeg, int length, int eighths) throws IOException {
        try {
            NativeLong size = new NativeLong(length);
            jpegIn = atLeast(jpegIn, length);
            jpegIn.write(0, jpeg, 0, length);
            check(TurboJpegLibrary.tjDecompressHeader3(handle, jpegIn, size, width, height, subsampling, colorspace));
            if (width[0] <= 0 || height[0] <= 0) {
                throw new IOException("no image size in the JPEG header");
            }
            int w = scaled(width[0], eighths);
            int h = scaled(height[0], eighths);
            int count = Math.multiplyExact(w, h);
            pixelsOut = atLeast(pixelsOut, 4L * count);
            check(TurboJpegLibrary.tjDecompress2(handle, jpegIn, size, pixelsOut, w, 0, h, PIXEL_FORMAT, 0));
            int[] buffer = buffer(count);
            pixelsOut.read(0, buffer, 0, count);
            WritableRaster raster = Raster.createPackedRaster(new DataBufferInt(buffer, count), w, h, w,
                    RGB.getMasks(), null);
            return new BufferedImage(RGB, raster, false, null);
        } finally {
            jpegIn = kept(jpegIn);
            pixelsOut = kept(pixelsOut);
        }
    }

    /** A warning ("Corrupt JPEG data: 12 extraneous bytes") comes after a full decode: not an error. */
    private void check(int result) throws IOException {
        if (result != 0 && TurboJpegLibrary.tjGetErrorCode(handle) != TurboJpegLibrary.ERR_WARNING) {
            throw new IOException(TurboJpegLibrary.tjGetErrorStr2(handle));
        }
    }

    /** libjpeg-turbo's rounding of a scaled dimension: up. */
    private static int scaled(int size, int eighths) {
        return (size * eighths + 7) / 8;
    }

    /** The native buffer, or a larger one in its place. */
    static Memory atLeast(Memory memory, long size) {
        if (memory.size() >= size) {
            return memory;
        }
        memory.close();
        return new Memory(Math.max(size, memory.size() * 2));
    }

    /** The native buffer, unless it is too large to keep for the next image. */
    static Memory kept(Memory memory) {
        if (memory.size() <= 4L * KEPT_PIXELS) {
            return memory;
        }
        memory.close();
        return new Memory(4);
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
        if (handle != null) {
            TurboJpegLibrary.tjDestroy(handle);
            handle = null;
        }
        jpegIn.close();
        pixelsOut.close();
        pixels = new int[0];
    }

    /** The provider named in META-INF/services. */
    public static final class Provider implements NativeJpegDecoder.Provider {
        @Override
        public NativeJpegDecoder open() throws IOException {
            return new TurboJpegDecoder();
        }

        @Override
        public NativeJpegEncoder openEncoder() throws IOException {
            return new TurboJpegEncoder();
        }
    }
}
