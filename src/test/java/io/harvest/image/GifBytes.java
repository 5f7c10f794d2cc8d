package io.harvest.image;

import java.io.ByteArrayOutputStream;

/**
 * GIF files written byte by byte, with the quirks real files have: a first frame smaller than
 * the logical screen or reaching past it, stray bytes between blocks, no trailer. The frame
 * is the four quadrants red, green / blue, yellow (palette entries 0 to 3); the global table
 * has {@link #PALETTE} and its entry 5, magenta, is the background.
 */
public final class GifBytes {
    static final int[] PALETTE = {0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0x000000, 0xFF00FF, 0xFFFFFF, 0x00FFFF};
    static final int BACKGROUND = 5;

    private int screenW;
    private int screenH;
    private int left;
    private int top;
    private int frameW;
    private int frameH;
    private boolean globalTable = true;
    private int transparent = -1;
    private byte[] stray = new byte[0];
    private boolean trailer = true;
    private int laterFrames;

    private GifBytes(int screenW, int screenH, int frameW, int frameH) {
        this.screenW = screenW;
        this.screenH = screenH;
        this.frameW = frameW;
        this.frameH = frameH;
    }

    /** A frame of {@code w} x {@code h} filling a screen of its size. */
    public static GifBytes frame(int w, int h) {
        return new GifBytes(w, h, w, h);
    }

    public GifBytes onScreen(int w, int h, int frameLeft, int frameTop) {
        screenW = w;
        screenH = h;
        left = frameLeft;
        top = frameTop;
        return this;
    }

    /** The palette as the frame's local table instead of a global one: no background colour. */
    GifBytes localTableOnly() {
        globalTable = false;
        return this;
    }

    /** Palette entry {@code index} is transparent in the frame (graphic control extension). */
    GifBytes transparentIndex(int index) {
        transparent = index;
        return this;
    }

    /** Bytes that are no block, between the colour table and the first block. */
    GifBytes strayBytes(int... bytes) {
        stray = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            stray[i] = (byte) bytes[i];
        }
        return this;
    }

    /**
     * An animation: {@code count} more frames after the first, each covering the whole screen in
     * palette entry 4 (black), with a looping extension and a delay per frame as animated GIFs
     * carry. A reader that shows them instead of the first frame gives a black thumbnail.
     */
    public GifBytes thenFullScreenFrames(int count) {
        laterFrames = count;
        return this;
    }

    GifBytes withoutTrailer() {
        trailer = false;
        return this;
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("GIF89a".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        short16(out, screenW);
        short16(out, screenH);
        out.write(globalTable ? 0x80 | 2 : 0); // 8 entries
        out.write(globalTable ? BACKGROUND : 0);
        out.write(0);
        if (globalTable) {
            palette(out);
        }
        out.writeBytes(stray);
        if (laterFrames > 0) {
            out.writeBytes(new byte[] {0x21, (byte) 0xFF, 11});
            out.writeBytes("NETSCAPE2.0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.writeBytes(new byte[] {3, 1, 0, 0, 0});
        }
        if (transparent >= 0 || laterFrames > 0) {
            out.writeBytes(new byte[] {0x21, (byte) 0xF9, 4, (byte) (transparent >= 0 ? 1 : 0),
                (byte) (laterFrames > 0 ? 10 : 0), 0, (byte) Math.max(0, transparent), 0});
        }
        image(out, left, top, frameW, frameH, !globalTable, (x, y) -> quadrant(x, y, frameW, frameH));
        for (int i = 0; i < laterFrames; i++) {
            out.writeBytes(new byte[] {0x21, (byte) 0xF9, 4, 0, 10, 0, 0, 0});
            image(out, 0, 0, screenW, screenH, false, (x, y) -> 4);
        }
        if (trailer) {
            out.write(0x3B);
        }
        return out.toByteArray();
    }

    /**
     * Checks a thumbnail of this GIF's whole screen scaled by {@code scale}: the first frame's
     * quadrants at its offset, the background colour around it, nothing of a later frame.
     */
    public void assertFirstFrameOnScreen(java.awt.image.BufferedImage thumb, double scale) {
        assertColour(thumb, 1, 1, PALETTE[BACKGROUND], "the screen's background around the first frame");
        for (int q = 0; q < 4; q++) {
            int x = (int) ((left + frameW / 4 + (q % 2) * frameW / 2) * scale);
            int y = (int) ((top + frameH / 4 + (q / 2) * frameH / 2) * scale);
            assertColour(thumb, x, y, PALETTE[q], "quadrant " + q + " of the first frame");
        }
    }

    private static void assertColour(java.awt.image.BufferedImage image, int x, int y, int rgb, String what) {
        int got = image.getRGB(x, y);
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs((got >> shift & 0xFF) - (rgb >> shift & 0xFF)) > 60) {
                throw new AssertionError(what + " at " + x + "," + y + ": expected "
                        + String.format("%06x", rgb) + ", got " + String.format("%06x", got & 0xFFFFFF));
            }
        }
    }

    /** An image descriptor and its pixels. */
    private static void image(ByteArrayOutputStream out, int left, int top, int w, int h, boolean localTable,
                              java.util.function.IntBinaryOperator pixel) {
        out.write(0x2C);
        short16(out, left);
        short16(out, top);
        short16(out, w);
        short16(out, h);
        out.write(localTable ? 0x80 | 2 : 0);
        if (localTable) {
            palette(out);
        }
        int codeSize = 3;
        out.write(codeSize);
        byte[] lzw = lzw(codeSize, w, h, pixel);
        for (int i = 0; i < lzw.length; i += 255) {
            int n = Math.min(255, lzw.length - i);
            out.write(n);
            out.write(lzw, i, n);
        }
        out.write(0);
    }

    /** Quadrant index of a frame pixel. */
    static int quadrant(int x, int y, int w, int h) {
        return (x >= w / 2 ? 1 : 0) + (y >= h / 2 ? 2 : 0);
    }

    /**
     * The frame's pixels as LZW codes of fixed width: a clear code before the table would
     * need a wider code, so every code is a literal (valid LZW, just not compressed).
     */
    private static byte[] lzw(int codeSize, int frameW, int frameH, java.util.function.IntBinaryOperator pixel) {
        int clear = 1 << codeSize;
        int bits = codeSize + 1;
        int literalsPerClear = (1 << codeSize) - 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long acc = 0;
        int filled = 0;
        int sinceClear = literalsPerClear;
        int total = frameW * frameH;
        for (int i = 0; i <= total; i++) {
            int[] codes;
            if (i == total) {
                codes = new int[] {clear + 1};
            } else {
                int index = pixel.applyAsInt(i % frameW, i / frameW);
                codes = sinceClear == literalsPerClear ? new int[] {clear, index} : new int[] {index};
                sinceClear = sinceClear == literalsPerClear ? 1 : sinceClear + 1;
            }
            for (int code : codes) {
                acc |= (long) code << filled;
                filled += bits;
                while (filled >= 8) {
                    out.write((int) (acc & 0xFF));
                    acc >>>= 8;
                    filled -= 8;
                }
            }
        }
        if (filled > 0) {
            out.write((int) acc);
        }
        return out.toByteArray();
    }

    private static void palette(ByteArrayOutputStream out) {
        for (int rgb : PALETTE) {
            out.write(rgb >> 16);
            out.write((rgb >> 8) & 0xFF);
            out.write(rgb & 0xFF);
        }
    }

    private static void short16(ByteArrayOutputStream out, int value) {
        out.write(value & 0xFF);
        out.write(value >> 8);
    }
}
