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
}
