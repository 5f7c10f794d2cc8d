package io.harvest.image;

import io.harvest.job.Status;
import java.util.Arrays;
import java.util.Locale;

/**
 * An image format told by its first bytes, never by the file's name: a {@code .jpg} that
 * holds a PNG is read as a PNG, and a {@code .jpg} that holds text is not an image.
 */
enum ImageFormat {
    JPEG(true),
    PNG(true),
    GIF(true),
    BMP(true),
    WEBP(true),
    // Real images that Harvest does not read: their rows say "unsupported", not "decode_error".
    TIFF(false),
    HEIF(false),
    JPEG2000(false),
    JPEGXL(false);

    private final boolean readable;

    ImageFormat(boolean readable) {
        this.readable = readable;
    }

    boolean readable() {
        return readable;
    }

    /** The name in manifests and {@link ImageInfo#format()}: "jpeg", "png", ... */
    String formatName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format of {@code data}, refusing data that is not a readable image. */
    static ImageFormat of(byte[] data) throws ImageException {
        return of(data, data.length);
    }

    /** As {@link #of(byte[])}, for the first {@code length} bytes of {@code data}. */
    static ImageFormat of(byte[] data, int length) throws ImageException {
        if (length == 0) {
            throw new ImageException(Status.NOT_IMAGE, "empty file");
        }
        // The signatures are in the first 16 bytes; a shorter image must not match bytes past its end.
        ImageFormat format = sniff(length < 16 && length < data.length ? Arrays.copyOf(data, length) : data);
        if (format == null) {
            throw new ImageException(Status.NOT_IMAGE,
                    "not an image: no JPEG, PNG, GIF, BMP or WebP signature");
        }
        if (!format.readable) {
            throw new ImageException(Status.UNSUPPORTED, format.formatName() + " images are not supported");
        }
        return format;
    }

    /** The format whose signature {@code data} starts with, or null. */
    static ImageFormat sniff(byte[] d) {
        if (startsWith(d, 0, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (startsWith(d, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (ascii(d, 0, "GIF87a") || ascii(d, 0, "GIF89a")) {
            return GIF;
        }
        if (ascii(d, 0, "RIFF") && ascii(d, 8, "WEBP")) {
            return WEBP;
        }
        // "BM" alone is too weak a signature: also ask for the header size of a known DIB version.
        if (ascii(d, 0, "BM") && d.length >= 18 && isDibHeaderSize(littleEndianInt(d, 14))) {
            return BMP;
        }
        if (ascii(d, 0, "II*\0") || ascii(d, 0, "MM\0*")) {
            return TIFF;
        }
        if (ascii(d, 4, "ftyp") && (ascii(d, 8, "heic") || ascii(d, 8, "heix") || ascii(d, 8, "mif1")
                || ascii(d, 8, "avif") || ascii(d, 8, "avis"))) {
            return HEIF;
        }
        if (startsWith(d, 0, 0xFF, 0x4F, 0xFF, 0x51) || ascii(d, 4, "jP  ")) {
            return JPEG2000;
        }
        if (startsWith(d, 0, 0xFF, 0x0A) || ascii(d, 4, "JXL ")) {
            return JPEGXL;
        }
        return null;
    }

    private static boolean isDibHeaderSize(int size) {
        return size == 12 || size == 16 || size == 40 || size == 52 || size == 56 || size == 64
                || size == 108 || size == 124;
    }

    static int littleEndianInt(byte[] d, int at) {
        return (d[at] & 0xFF) | (d[at + 1] & 0xFF) << 8 | (d[at + 2] & 0xFF) << 16 | (d[at + 3] & 0xFF) << 24;
    }

    private static boolean startsWith(byte[] d, int at, int... bytes) {
        if (d.length < at + bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((d[at + i] & 0xFF) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] d, int at, String text) {
        if (d.length < at + text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if ((d[at + i] & 0xFF) != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
