package io.harvest.image;

import io.harvest.job.Status;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A GIF's logical screen and its first frame, read leniently as browsers and Pillow read them:
 * bytes between blocks that are no block (the JDK's reader stops at them: "Unexpected block
 * type 0!") are skipped, a missing trailer is no error, and a first frame that reaches past
 * the screen grows it. The first frame is handed to ImageIO's reader as a clean one-frame GIF
 * ({@link #frameOnly}), and what it decodes is placed at its offset on the screen
 * ({@link #compose}): the thumbnail is of the picture as shown, not of the frame alone.
 */
final class GifScreen {
    private static final int IMAGE = 0x2C;
    private static final int EXTENSION = 0x21;
    private static final int TRAILER = 0x3B;
    private static final int GRAPHIC_CONTROL = 0xF9;

    private final byte[] data;
    private final int width;
    private final int height;
    /** The background colour of the uncovered screen, ARGB: transparent without a global table. */
    private final int background;
    private final int globalTableEnd;
    private int control = -1;
    private int descriptor = -1;
    private int frameLeft;
    private int frameTop;
    private int frameWidth;
    private int frameHeight;
    /** Where the first frame's LZW minimum code size is. */
    private int codeSizeAt = -1;

    private GifScreen(byte[] data) throws ImageException {
        this.data = data;
        if (data.length < 13) {
            throw new ImageException(Status.DECODE_ERROR, "truncated GIF header");
        }
        int flags = data[10] & 0xFF;
        boolean globalTable = (flags & 0x80) != 0;
        globalTableEnd = 13 + (globalTable ? 3 << ((flags & 7) + 1) : 0);
        int backgroundIndex = data[11] & 0xFF;
        // GIF89a: the background colour is the global table's entry, and none without a table.
        background = globalTable && 13 + 3 * backgroundIndex + 2 < Math.min(globalTableEnd, data.length)
                ? 0xFF000000 | rgb(13 + 3 * backgroundIndex) : 0;
        findFirstFrame();
        int screenW = unsigned16(6);
        int screenH = unsigned16(8);
        width = Math.max(screenW, frameLeft + frameWidth);
        height = Math.max(screenH, frameTop + frameHeight);
    }

    static GifScreen read(byte[] data) throws ImageException {
        return new GifScreen(data);
    }

    ImageInfo info() {
        return new ImageInfo(ImageFormat.GIF.formatName(), width, height, 1);
    }

    /**
     * The first frame alone, at 0,0 on a screen of its size, with its colour tables and
     * transparency; its LZW data rewritten at code size 8 when it has one the JDK's reader
     * refuses ({@link GifLzw}). For the decode, after the pixel cap: a rewrite decodes the frame.
     */
    byte[] frameOnly() throws ImageException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        out.write(data, 0, 6);
        out.write(frameWidth & 0xFF);
        out.write(frameWidth >> 8);
        out.write(frameHeight & 0xFF);
        out.write(frameHeight >> 8);
        out.write(data, 10, Math.min(globalTableEnd, data.length) - 10);
        if (control >= 0) {
            out.write(data, control, 8);
        }
        out.write(IMAGE);
        out.write(new byte[4], 0, 4);
        int codeSize = codeSizeAt >= 0 && codeSizeAt < data.length ? data[codeSizeAt] & 0xFF : -1;
        if (GifLzw.needed(codeSize)) {
            out.write(data, descriptor + 5, codeSizeAt - descriptor - 5);
            out.writeBytes(GifLzw.asCodeSize8(GifLzw.indices(data, codeSizeAt + 1, codeSize,
                    frameWidth * frameHeight)));
        } else {
            out.write(data, descriptor + 5, data.length - descriptor - 5);
        }
        out.write(TRAILER);
        return out.toByteArray();
    }

    /**
     * The screen with {@code frame} at its offset, all scaled down by {@code step} (the
     * subsampling the frame was read with); the frame itself when it covers the screen.
     */
    BufferedImage compose(BufferedImage frame, int step) {
        if (frameLeft == 0 && frameTop == 0 && frameWidth == width && frameHeight == height) {
            return frame;
        }
        BufferedImage screen = new BufferedImage(ceilDiv(width, step), ceilDiv(height, step),
                BufferedImage.TYPE_INT_ARGB);
        if (background != 0) {
            Arrays.fill(((DataBufferInt) screen.getRaster().getDataBuffer()).getData(), background);
        }
        Graphics2D g = screen.createGraphics();
        g.drawImage(frame, frameLeft / step, frameTop / step, null);
        g.dispose();
        return screen;
    }

    /** Walks the blocks up to the first image descriptor, noting the graphic control before it. */
    private void findFirstFrame() throws ImageException {
        int at = globalTableEnd;
        while (at < data.length) {
            int type = data[at] & 0xFF;
            if (type == IMAGE) {
                if (at + 10 > data.length) {
                    break;
                }
                descriptor = at;
                frameLeft = unsigned16(at + 1);
                frameTop = unsigned16(at + 3);
                frameWidth = unsigned16(at + 5);
                frameHeight = unsigned16(at + 7);
                int flags = data[at + 9] & 0xFF;
                codeSizeAt = at + 10 + ((flags & 0x80) != 0 ? 3 << ((flags & 7) + 1) : 0);
                return;
            } else if (type == EXTENSION && at + 1 < data.length) {
                int label = data[at + 1] & 0xFF;
                if (label == GRAPHIC_CONTROL && at + 8 <= data.length && data[at + 2] == 4) {
                    control = at;
                }
                at = afterSubBlocks(at + 2);
            } else if (type == TRAILER) {
                break;
            } else {
                at++; // not a block: skipped, as Pillow and browsers do
            }
        }
        throw new ImageException(Status.DECODE_ERROR, "GIF without an image");
    }

    private int afterSubBlocks(int at) {
        while (at < data.length && data[at] != 0) {
            at += 1 + (data[at] & 0xFF);
        }
        return at + 1;
    }

    private int unsigned16(int at) {
        return (data[at] & 0xFF) | (data[at + 1] & 0xFF) << 8;
    }

    private int rgb(int at) {
        return (data[at] & 0xFF) << 16 | (data[at + 1] & 0xFF) << 8 | (data[at + 2] & 0xFF);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
