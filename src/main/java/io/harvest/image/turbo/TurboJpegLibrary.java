package io.harvest.image.turbo;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The few functions of libturbojpeg's C API that decoding and encoding need, bound through JNA's direct
 * mapping when this class is first used. The TurboJPEG 2 names are used because libjpeg-turbo
 * 2.x (Debian 12) and 3.x both export them. Loading fails with a {@link LinkageError} where the
 * library is missing; JNA also finds the versioned name ({@code libturbojpeg.so.0}) that the
 * runtime package alone installs. Buffers are native memory ({@code Pointer}) rather than Java
 * arrays, which JNA would copy in and back out on every call.
 */
final class TurboJpegLibrary {
    /** TJERR_WARNING from tjGetErrorCode: the image was decoded, the data had a flaw. */
    static final int ERR_WARNING = 0;
    /** TJPF_BGRX and TJPF_XRGB: a 32-bit pixel per int, as TYPE_INT_RGB holds it. */
    static final int PF_BGRX = 3;
    static final int PF_XRGB = 5;
    /** TJSAMP_420: chroma halved both ways, as the JDK's JPEG writer and Pillow do by default. */
    static final int SAMP_420 = 2;
    /** TJFLAG_NOREALLOC: encode into the buffer given, sized by tjBufSize. */
    static final int FLAG_NOREALLOC = 1024;

    static {
        Native.register(TurboJpegLibrary.class, NativeLibrary.getInstance("turbojpeg"));
    }

    private TurboJpegLibrary() {}

    static native Pointer tjInitDecompress();

    static native int tjDecompressHeader3(Pointer handle, Pointer jpeg, NativeLong size, int[] width, int[] height,
            int[] subsampling, int[] colorspace);

    static native int tjDecompress2(Pointer handle, Pointer jpeg, NativeLong size, Pointer pixels, int width, int pitch,
            int height, int pixelFormat, int flags);

    static native Pointer tjInitCompress();

    static native NativeLong tjBufSize(int width, int height, int subsampling);

    /** {@code jpeg}: where the address of the output buffer is; {@code size}: an unsigned long. */
    static native int tjCompress2(Pointer handle, Pointer pixels, int width, int pitch, int height, int pixelFormat,
            Pointer jpeg, Pointer size, int subsampling, int quality, int flags);

    static native int tjGetErrorCode(Pointer handle);

    static native String tjGetErrorStr2(Pointer handle);

    static native int tjDestroy(Pointer handle);
}
