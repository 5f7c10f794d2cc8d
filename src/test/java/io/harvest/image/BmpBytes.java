package io.harvest.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * BMP files written byte by byte, in the header versions and layouts real files have: OS/2
 * 1.x (12-byte header, 3-byte palette entries), OS/2 2.x (16- or 64-byte header), Windows
 * (40 to 124 bytes), with a gap before the pixels or a pixel offset of 0. The picture is
 * {@link #COLOURS}' four quadrants: red, green on top; blue, yellow below.
 */
final class BmpBytes {
    static final int[] COLOURS = {0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00};

    private BmpBytes() {}

    /**
     * @param headerSize DIB header size: 12, 16, 40, 52, 56, 64, 108 or 124
     * @param bits       8 (palette of the four colours) or 24
     * @param gap        bytes between the palette and the pixels (the offset says where they are)
     */
    static byte[] quadrants(int w, int h, int headerSize, int bits, int gap) {
        boolean os2v1 = headerSize == 12;
        // Headers without a "colours used" field (under 40 bytes) have all 256 entries.
        int entries = bits != 8 ? 0 : headerSize < 40 ? 256 : COLOURS.length;
        int paletteBytes = entries * (os2v1 ? 3 : 4);
        int rowBytes = (w * bits + 31) / 32 * 4;
        int offset = 14 + headerSize + paletteBytes + gap;
        ByteBuffer b = ByteBuffer.allocate(offset + rowBytes * h).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(b.capacity()).putInt(0).putInt(offset).putInt(headerSize);
        if (os2v1) {
            b.putShort((short) w).putShort((short) h).putShort((short) 1).putShort((short) bits);
        } else {
            b.putInt(w).putInt(h).putShort((short) 1).putShort((short) bits);
            if (headerSize >= 40) {
                // compression none, image size, 72 dpi both ways, colours used, colours important
                b.putInt(0).putInt(rowBytes * h).putInt(2835).putInt(2835).putInt(entries).putInt(0);
            }
            b.position(14 + headerSize);
        }
        if (bits == 8) {
            for (int colour : COLOURS) {
                putBgr(b, colour);
                if (!os2v1) {
                    b.put((byte) 0);
                }
            }
        }
        b.position(offset - gap); // unused palette entries stay black
        for (int i = 0; i < gap; i++) {
            b.put((byte) 0x5A);
        }
        for (int row = 0; row < h; row++) {
            int y = h - 1 - row; // bottom-up
            b.position(offset + row * rowBytes);
            for (int x = 0; x < w; x++) {
                int quadrant = (x >= w / 2 ? 1 : 0) + (y >= h / 2 ? 2 : 0);
                if (bits == 8) {
                    b.put((byte) quadrant);
                } else {
                    putBgr(b, COLOURS[quadrant]);
                }
            }
        }
        return b.array();
    }

    /** The same file with its pixel-data offset set to {@code offset} (some writers leave 0). */
    static byte[] withPixelOffset(byte[] bmp, int offset) {
        byte[] copy = bmp.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(10, offset);
        return copy;
    }

    private static void putBgr(ByteBuffer b, int rgb) {
        b.put((byte) rgb).put((byte) (rgb >> 8)).put((byte) (rgb >> 16));
    }
}
