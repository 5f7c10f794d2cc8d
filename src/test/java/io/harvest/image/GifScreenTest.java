package io.harvest.image;

import io.harvest.job.Status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** GIFs are thumbnailed as a browser shows their first frame: on the logical screen. */
class GifScreenTest {
    private static final int MAGENTA = GifBytes.PALETTE[GifBytes.BACKGROUND];

    private static BufferedImage decoded(byte[] gif) throws ImageException {
        try (ImageIoDecoder decoder = new ImageIoDecoder()) {
            ImageInfo info = decoder.header(ImageFormat.of(gif), gif, 1);
            return decoder.decode(ImageFormat.GIF, info, info.width(), info.height()).image();
        }
    }

    /** Every pixel: the frame's quadrants inside its rectangle, {@code outside} elsewhere (ARGB). */
    private static void assertScreen(BufferedImage image, int w, int h, int left, int top, int frameW, int frameH,
                                     int outside) {
        assertEquals(w, image.getWidth());
        assertEquals(h, image.getHeight());
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean inFrame = x >= left && x < left + frameW && y >= top && y < top + frameH;
                int expected = inFrame
                        ? 0xFF000000 | GifBytes.PALETTE[GifBytes.quadrant(x - left, y - top, frameW, frameH)] : outside;
                assertEquals(Integer.toHexString(expected), Integer.toHexString(image.getRGB(x, y)), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void aFrameFillingItsScreenIsReadAsIs() throws Exception {
        assertScreen(decoded(GifBytes.frame(8, 4).bytes()), 8, 4, 0, 0, 8, 4, 0);
    }

    @Test
    void aSmallFirstFrameIsPlacedAtItsOffsetOnTheBackground() throws Exception {
        byte[] gif = GifBytes.frame(8, 4).onScreen(20, 10, 6, 3).bytes();
        assertScreen(decoded(gif), 20, 10, 6, 3, 8, 4, 0xFF000000 | MAGENTA);
    }

    @Test
    void withoutAGlobalTableTheUncoveredScreenIsTransparent() throws Exception {
        byte[] gif = GifBytes.frame(8, 4).onScreen(20, 10, 12, 0).localTableOnly().bytes();
        assertScreen(decoded(gif), 20, 10, 12, 0, 8, 4, 0);
    }

    @Test
    void aFrameReachingPastTheScreenGrowsIt() throws Exception {
        byte[] gif = GifBytes.frame(8, 4).onScreen(6, 2, 2, 1).bytes();
        assertScreen(decoded(gif), 10, 5, 2, 1, 8, 4, 0xFF000000 | MAGENTA);
    }

    @Test
    void strayBytesBetweenBlocksAndAMissingTrailerAreSkippedAsPillowDoes() throws Exception {
        // The JDK's reader stops at these: "Unexpected block type 0!".
        assertScreen(decoded(GifBytes.frame(8, 4).strayBytes(0).bytes()), 8, 4, 0, 0, 8, 4, 0);
        assertScreen(decoded(GifBytes.frame(8, 4).strayBytes(0x41, 0x42, 0).withoutTrailer().bytes()), 8, 4, 0, 0, 8, 4, 0);
    }

    @Test
    void aGifWithoutAnImageIsADecodeError() {
        byte[] gif = GifBytes.frame(8, 4).bytes();
        byte[] headerOnly = java.util.Arrays.copyOf(gif, 13 + 3 * GifBytes.PALETTE.length);
        ImageException e = assertThrows(ImageException.class, () -> decoded(headerOnly));
        assertEquals(Status.DECODE_ERROR, e.failure());
    }

    @Test
    void theThumbnailIsOfTheScreenWithTransparencyOntoWhiteForJpeg() throws Exception {
        // 64x32 screen, the 32x32 frame on its right half; palette entry 3 (yellow) transparent.
        byte[] gif = GifBytes.frame(32, 32).onScreen(64, 32, 32, 0).localTableOnly().transparentIndex(3).bytes();
        try (Thumbnailer thumbnailer = new Thumbnailer(EncodedImages.spec(OutputFormat.JPG, new ThumbnailSize(48, 48)))) {
            Thumbnails made = thumbnailer.make(gif);
            assertEquals(64, made.sourceWidth());
            assertEquals(32, made.sourceHeight());
            BufferedImage thumb = EncodedImages.decode(made.images().get(0).bytes());
            assertEquals(48, thumb.getWidth());
            assertEquals(24, thumb.getHeight());
            Color white = Color.WHITE;
            assertTrue(EncodedImages.near(thumb.getRGB(10, 12), white, 8), "uncovered screen: white");
            assertTrue(EncodedImages.near(thumb.getRGB(27, 6), EncodedImages.RED, 24), "frame's red quadrant");
            assertTrue(EncodedImages.near(thumb.getRGB(45, 18), white, 8), "transparent yellow: white");
        }
    }

    @Test
    void aScreenOverThePixelCapIsRefusedBeforeDecoding() throws Exception {
        byte[] gif = GifBytes.frame(8, 4).onScreen(60000, 60000, 0, 0).bytes();
        try (Thumbnailer thumbnailer = new Thumbnailer(EncodedImages.spec(OutputFormat.PNG, new ThumbnailSize(48, 48)))) {
            ImageException e = assertThrows(ImageException.class, () -> thumbnailer.make(gif));
            assertEquals(Status.TOO_MANY_PIXELS, e.failure());
        }
    }

    @Test
    void lzwCodeSizesTheJdkRefusesAreReadAsPillowReadsThem() throws Exception {
        for (int bits = 9; bits <= GifLzw.MAX_CODE_SIZE; bits++) {
            byte[] gif = GifBytes.frame(8, 4).onScreen(20, 10, 6, 3).lzwCodeSize(bits).bytes();
            assertScreen(decoded(gif), 20, 10, 6, 3, 8, 4, 0xFF000000 | MAGENTA);
        }
        BufferedImage zero = decoded(GifBytes.frame(8, 4).lzwCodeSize(0).bytes());
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 8; x++) {
                assertEquals(0xFFFF0000, zero.getRGB(x, y), "code size 0: every pixel is entry 0");
            }
        }
        ImageException over = assertThrows(ImageException.class,
                () -> decoded(GifBytes.frame(8, 4).lzwCodeSize(13).bytes()), "Pillow refuses 13 too");
        assertEquals(Status.DECODE_ERROR, over.failure());
    }

    /** Codes packed least significant bit first into one sub-block, as GIF image data. */
    private static byte[] subBlocks(int[] codes, int[] widths) {
        java.io.ByteArrayOutputStream packed = new java.io.ByteArrayOutputStream();
        long buffer = 0;
        int bits = 0;
        for (int i = 0; i < codes.length; i++) {
            buffer |= (long) codes[i] << bits;
            bits += widths[i];
            for (; bits >= 8; bits -= 8, buffer >>>= 8) {
                packed.write((int) (buffer & 0xFF));
            }
        }
        packed.write((int) buffer);
        java.io.ByteArrayOutputStream blocks = new java.io.ByteArrayOutputStream();
        byte[] lzw = packed.toByteArray();
        for (int i = 0; i < lzw.length; i += 255) {
            blocks.write(Math.min(255, lzw.length - i));
            blocks.write(lzw, i, Math.min(255, lzw.length - i));
        }
        blocks.write(0);
        return blocks.toByteArray();
    }

    @Test
    void wideLzwCodesUseTheTableAndWidenAsItFills() throws Exception {
        // Code size 9: clear 512, end 513, entries from 514, codes 10 bits wide. 1, 2, then
        // entry 514 (1 2), then 516, the entry being defined (1 2 1).
        byte[] data = subBlocks(new int[] {512, 1, 2, 514, 516, 513}, new int[] {10, 10, 10, 10, 10, 10});
        assertEquals(java.util.List.of(1, 2, 1, 2, 1, 2, 1), toList(GifLzw.indices(data, 0, 9, 7)));

        // 600 literals: each code after the first adds an entry, so once the 511th code has taken
        // entry 1023 the codes are 11 bits wide.
        int[] codes = new int[602];
        int[] widths = new int[602];
        codes[0] = 512;
        for (int i = 1; i <= 600; i++) {
            codes[i] = 3 + i % 2;
            widths[i] = i <= 511 ? 10 : 11;
        }
        widths[0] = 10;
        codes[601] = 513;
        widths[601] = 11;
        byte[] indices = GifLzw.indices(subBlocks(codes, widths), 0, 9, 600);
        for (int i = 0; i < 600; i++) {
            assertEquals(3 + (i + 1) % 2, indices[i], "index " + i);
        }
    }

    private static java.util.List<Integer> toList(byte[] bytes) {
        java.util.List<Integer> list = new java.util.ArrayList<>();
        for (byte b : bytes) {
            list.add((int) b);
        }
        return list;
    }
}
