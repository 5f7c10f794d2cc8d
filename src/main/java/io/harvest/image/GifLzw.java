package io.harvest.image;

import io.harvest.job.Status;
import java.io.ByteArrayOutputStream;

/**
 * A GIF frame's LZW data with a minimum code size the JDK's reader refuses (0, or 9 to 12),
 * which Pillow reads: decoded to palette indices as Pillow decodes them (codes start one bit
 * wider than the minimum, grow up to 12 bits as the table fills, a literal over 255 keeps its
 * low byte) and written again with a minimum code size of 8, which every reader takes. No
 * maintained Java library reads these (the JDK's reader and Commons Imaging stop at 8 and 10;
 * TwelveMonkeys has no GIF reader), hence this small decoder.
 */
final class GifLzw {
    /** Pillow reads minimum code sizes up to this; the JDK's reader up to 8. */
    static final int MAX_CODE_SIZE = 12;
    private static final int TABLE = 4096;

    private final byte[] data;
    private int at;
    private int blockLeft;
    private boolean ended;
    private long bitBuffer;
    private int bitCount;

    private GifLzw(byte[] data, int firstBlock) {
        this.data = data;
        this.at = firstBlock;
    }

    /** Whether the JDK's reader refuses this minimum code size and Pillow reads it. */
    static boolean needed(int codeSize) {
        return codeSize == 0 || (codeSize > 8 && codeSize <= MAX_CODE_SIZE);
    }

    /**
     * The first {@code count} palette indices of the LZW data whose sub-blocks start at
     * {@code firstBlock}; indices the data does not reach stay 0, as in Pillow's lenient mode.
     */
    static byte[] indices(byte[] data, int firstBlock, int codeSize, int count) throws ImageException {
        return new GifLzw(data, firstBlock).decode(codeSize, count);
    }

    private byte[] decode(int codeSize, int count) throws ImageException {
        int clear = 1 << codeSize;
        int[] prefix = new int[TABLE];
        byte[] suffix = new byte[TABLE];
        byte[] stack = new byte[TABLE + 1];
        byte[] out = new byte[count];
        int filled = 0;
        int width = codeSize + 1;
        int next = clear + 2;
        int previous = -1;
        while (filled < count) {
            int code = read(width);
            if (code < 0 || code == clear + 1) {
                break;
            }
            if (code == clear) {
                width = codeSize + 1;
                next = clear + 2;
                previous = -1;
                continue;
            }
            int depth = 0;
            int walk = code;
            if (code >= next || code >= TABLE) {
                if (code != next || previous < 0 || next >= TABLE) {
                    throw new ImageException(Status.DECODE_ERROR, "corrupt GIF: LZW code " + code + " not yet defined");
                }
                depth = 1; // the new entry: the previous string and its own first byte, set below
                walk = previous;
            }
            while (walk >= clear) {
                stack[depth++] = suffix[walk];
                walk = prefix[walk];
            }
            byte first = (byte) walk;
            stack[depth++] = first;
            if (code >= next) {
                stack[0] = first;
            }
            while (depth > 0 && filled < count) {
                out[filled++] = stack[--depth];
            }
            if (previous >= 0 && next < TABLE) {
                prefix[next] = previous;
                suffix[next] = first;
                next++;
                if (next >= 1 << width && width < MAX_CODE_SIZE) {
                    width++;
                }
            }
            previous = code;
        }
        return out;
    }

    /** The next code, least significant bit first across sub-blocks; -1 at the end of the data. */
    private int read(int width) {
        while (bitCount < width) {
            if (blockLeft == 0) {
                if (ended || at >= data.length || data[at] == 0) {
                    ended = true;
                    return -1;
                }
                blockLeft = data[at++] & 0xFF;
            }
            if (at >= data.length) {
                ended = true;
                return -1;
            }
            bitBuffer |= (long) (data[at++] & 0xFF) << bitCount;
            bitCount += 8;
            blockLeft--;
        }
        int code = (int) (bitBuffer & ((1L << width) - 1));
        bitBuffer >>>= width;
        bitCount -= width;
        return code;
    }

    /**
     * Indices as GIF image data of minimum code size 8: the code size byte, sub-blocks, the
     * terminator. Literals only, with a clear code before the table would widen the codes.
     */
    static byte[] asCodeSize8(byte[] indices) {
        ByteArrayOutputStream codes = new ByteArrayOutputStream(indices.length * 9 / 8 + 16);
        long buffer = 0;
        int bits = 0;
        for (int i = 0; i <= indices.length; i++) {
            boolean clearFirst = i % 254 == 0 && i < indices.length;
            int[] emit = i == indices.length ? new int[] {257}
                    : clearFirst ? new int[] {256, indices[i] & 0xFF} : new int[] {indices[i] & 0xFF};
            for (int code : emit) {
                buffer |= (long) code << bits;
                bits += 9;
                while (bits >= 8) {
                    codes.write((int) (buffer & 0xFF));
                    buffer >>>= 8;
                    bits -= 8;
                }
            }
        }
        if (bits > 0) {
            codes.write((int) buffer);
        }
        byte[] lzw = codes.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(lzw.length + lzw.length / 255 + 3);
        out.write(8);
        for (int i = 0; i < lzw.length; i += 255) {
            int n = Math.min(255, lzw.length - i);
            out.write(n);
            out.write(lzw, i, n);
        }
        out.write(0);
        return out.toByteArray();
    }
}
