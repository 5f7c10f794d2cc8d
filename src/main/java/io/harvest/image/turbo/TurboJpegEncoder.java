package io.harvest.image.turbo;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import io.harvest.image.NativeJpegEncoder;
import java.io.IOException;

/**
 * libjpeg-turbo's compressor through JNA, into a native buffer sized by {@code tjBufSize} (so
 * the library never reallocates it). The compressor and buffers are kept between images.
 */
final class TurboJpegEncoder implements NativeJpegEncoder {
    private Pointer handle;
    private Memory pixels = new Memory(4);
    private Memory jpeg = new Memory(1);
    private final Memory jpegAddress = new Memory(Native.POINTER_SIZE);
    private final Memory jpegSize = new Memory(Native.LONG_SIZE);

    TurboJpegEncoder() throws IOException {
        handle = TurboJpegLibrary.tjInitCompress();
        if (handle == null) {
            throw new IOException("tjInitCompress: " + TurboJpegLibrary.tjGetErrorStr2(null));
        }
    }

    @Override
    public byte[] encode(int[] rgb, int width, int height, int stride, int quality) throws IOException {
        try {
            int count = Math.addExact(Math.multiplyExact(stride, height - 1), width);
            pixels = TurboJpegDecoder.atLeast(pixels, 4L * count);
            pixels.write(0, rgb, 0, count);
            long capacity = TurboJpegLibrary.tjBufSize(width, height, TurboJpegLibrary.SAMP_420).longValue();
            jpeg = TurboJpegDecoder.atLeast(jpeg, capacity);
            jpegAddress.setPointer(0, jpeg);
            jpegSize.setNativeLong(0, new NativeLong(capacity));
            int result = TurboJpegLibrary.tjCompress2(handle, pixels, width, stride * 4, height,
                    TurboJpegDecoder.PIXEL_FORMAT, jpegAddress, jpegSize, TurboJpegLibrary.SAMP_420, quality,
                    TurboJpegLibrary.FLAG_NOREALLOC);
            if (result != 0) {
                throw new IOException("tjCompress2: " + TurboJpegLibrary.tjGetErrorStr2(handle));
            }
            byte[] out = new byte[Math.toIntExact(jpegSize.getNativeLong(0).longValue())];
            jpeg.read(0, out, 0, out.length);
            return out;
        } finally {
            // As the decoder: a huge thumbnail's buffers are not kept for the next, small one.
            pixels = TurboJpegDecoder.kept(pixels);
            jpeg = TurboJpegDecoder.kept(jpeg);
        }
    }

    @Override
    public void close() {
        if (handle != null) {
            TurboJpegLibrary.tjDestroy(handle);
            handle = null;
        }
        pixels.close();
        jpeg.close();
    }
}
