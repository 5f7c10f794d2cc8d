package io.harvest.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** BMPs that Pillow reads and the JDK's reader refuses, and their ordinary cousins. */
class OddBmpTest {
    private static final int W = 8;
    private static final int H = 4;

    /** Decodes through the pure-Java route and checks size and every pixel. */
    private static void assertReadsQuadrants(byte[] bmp, String what) throws ImageException {
        try (ImageIoDecoder decoder = new ImageIoDecoder()) {
            ImageInfo info = decoder.header(ImageFormat.of(bmp), bmp, 1);
            assertEquals(W, info.width(), what);
            assertEquals(H, info.height(), what);
            BufferedImage image = decoder.decode(ImageFormat.BMP, info, W, H).image();
            assertEquals(W, image.getWidth(), what);
            assertEquals(H, image.getHeight(), what);
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    int quadrant = (x >= W / 2 ? 1 : 0) + (y >= H / 2 ? 2 : 0);
                    assertEquals(BmpBytes.COLOURS[quadrant], image.getRGB(x, y) & 0xFFFFFF,
                            what + " pixel " + x + "," + y);
                }
            }
        }
    }

    @Test
    void os2Version2HeadersAreRead() throws Exception {
        assertReadsQuadrants(BmpBytes.quadrants(W, H, 64, 8, 0), "OS/2 2.x, 64-byte header, palette");
        assertReadsQuadrants(BmpBytes.quadrants(W, H, 64, 24, 0), "OS/2 2.x, 64-byte header, 24-bit");
        assertReadsQuadrants(BmpBytes.quadrants(W, H, 16, 8, 0), "OS/2 2.x, 16-byte header, palette");
    }

    @Test
    void everyWindowsAndOs2Version1HeaderIsRead() throws Exception {
        for (int headerSize : new int[] {12, 40, 52, 56, 108, 124}) {
            assertReadsQuadrants(BmpBytes.quadrants(W, H, headerSize, 8, 0), headerSize + "-byte header, palette");
            assertReadsQuadrants(BmpBytes.quadrants(W, H, headerSize, 24, 0), headerSize + "-byte header, 24-bit");
        }
    }

    @Test
    void pixelsAfterAGapAreFoundAtTheirOffset() throws Exception {
        assertReadsQuadrants(BmpBytes.quadrants(W, H, 40, 8, 100), "gap after the palette");
        assertReadsQuadrants(BmpBytes.quadrants(W, H, 12, 24, 37), "OS/2 1.x, gap after the header");
        assertReadsQuadrants(BmpBytes.quadrants(W, H, 64, 8, 9), "OS/2 2.x, gap after the palette");
    }

    @Test
    void anUnusablePixelOffsetMeansPixelsRightAfterThePalette() throws Exception {
        for (int headerSize : new int[] {12, 40, 64, 124}) {
            byte[] bmp = BmpBytes.quadrants(W, H, headerSize, 8, 0);
            assertReadsQuadrants(BmpBytes.withPixelOffset(bmp, 0), headerSize + "-byte header, offset 0");
            assertReadsQuadrants(BmpBytes.withPixelOffset(bmp, 20), headerSize + "-byte header, offset inside it");
            assertReadsQuadrants(BmpBytes.withPixelOffset(bmp, bmp.length + 10), headerSize + "-byte header, offset past the end");
        }
        byte[] rgb = BmpBytes.quadrants(W, H, 40, 24, 0);
        assertReadsQuadrants(BmpBytes.withPixelOffset(rgb, 0), "24-bit, offset 0");
    }

    @Test
    void os2BmpMakesThumbnailsOnBothRoutes() throws Exception {
        byte[] bmp = BmpBytes.quadrants(96, 64, 64, 8, 0);
        for (Thumbnailer thumbnailer : EncodedImages.bothRoutes(EncodedImages.spec(OutputFormat.PNG, new ThumbnailSize(48, 48)))) {
            try (thumbnailer) {
                Thumbnails made = thumbnailer.make(bmp);
                assertEquals("bmp", made.sourceFormat());
                assertEquals(96, made.sourceWidth());
                BufferedImage thumb = EncodedImages.decode(made.images().get(0).bytes());
                assertEquals(48, thumb.getWidth());
                assertEquals(32, thumb.getHeight());
                assertTrue(EncodedImages.near(thumb.getRGB(12, 8), EncodedImages.RED, 2));
                assertTrue(EncodedImages.near(thumb.getRGB(36, 24), EncodedImages.YELLOW, 2));
            }
        }
    }
}
