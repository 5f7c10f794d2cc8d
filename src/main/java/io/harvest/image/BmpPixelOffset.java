package io.harvest.image;

/**
 * The pixel-data offset of a BMP file header, mended where writers left it unusable. Some
 * write 0 (or a value inside the headers, or past the end) and rely on the pixels following
 * the palette, as Pillow reads them; ImageIO's readers refuse such files ("Invalid pixel
 * offset"). The offset is then worked out from the DIB header: headers, bit masks, palette.
 */
final class BmpPixelOffset {
    private static final int FILE_HEADER = 14;
    private static final int OS2_V1_HEADER = 12;
    private static final int BITFIELDS = 3;
    private static final int ALPHA_BITFIELDS = 6;

    private BmpPixelOffset() {}

    /** {@code data} itself when its offset is usable, else a copy with the offset mended. */
    static byte[] mended(byte[] data) {
        if (data.length < FILE_HEADER + 16) {
            return data;
        }
        int headerSize = int32(data, 14);
        long offset = int32(data, 10) & 0xFFFFFFFFL;
        if (offset >= FILE_HEADER + headerSize && offset < data.length) {
            return data;
        }
        byte[] copy = data.clone();
        int pixels = FILE_HEADER + headerSize + masks(data, headerSize) + palette(data, headerSize);
        for (int i = 0; i < 4; i++) {
            copy[10 + i] = (byte) (pixels >>> (8 * i));
        }
        return copy;
    }

    /** The bit masks that follow a 40-byte header; longer headers hold them inside. */
    private static int masks(byte[] data, int headerSize) {
        if (headerSize != 40 || data.length < 34) {
            return 0;
        }
        int compression = int32(data, 30);
        return compression == BITFIELDS ? 12 : compression == ALPHA_BITFIELDS ? 16 : 0;
    }

    private static int palette(byte[] data, int headerSize) {
        if (headerSize == OS2_V1_HEADER) {
            int bits = int16(data, 24);
            return bits <= 8 ? 3 << bits : 0;
        }
        int bits = int16(data, 28);
        int used = headerSize >= 36 && data.length >= 50 ? int32(data, 46) : 0;
        int entries = used > 0 && used <= 256 ? used : bits <= 8 ? 1 << bits : 0;
        return 4 * entries;
    }

    private static int int16(byte[] d, int at) {
        return (d[at] & 0xFF) | (d[at + 1] & 0xFF) << 8;
    }

    private static int int32(byte[] d, int at) {
        return ImageFormat.littleEndianInt(d, at);
    }
}
