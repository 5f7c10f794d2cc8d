package io.harvest.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThumbnailerSizesTest {
    private static final int[][] SOURCES = {{1000, 3}, {3, 1000}, {1600, 1200}, {1200, 1600}, {1023, 767},
        {77, 75}, {75, 75}, {40, 30}, {1, 1}, {2000, 1125}};
    private static final ThumbnailSize[] BOXES = {new ThumbnailSize(75, 75), new ThumbnailSize(100, 50),
        new ThumbnailSize(200, 300)};

    @Test
    void thumbnailsFitTheBoxKeepTheAspectAndAreNeverEnlarged() throws Exception {
        ThumbnailSpec spec = EncodedImages.spec(OutputFormat.SAME, BOXES);
        for (int[] source : SOURCES) {
            byte[] jpeg = EncodedImages.jpeg(EncodedImages.quadrants(source[0], source[1]), 0.9f);
            for (Thumbnailer thumbnailer : EncodedImages.bothRoutes(spec)) {
                try (thumbnailer) {
                    Thumbnails made = thumbnailer.make(jpeg);
                    assertEquals(BOXES.length, made.images().size());
                    for (int i = 0; i < BOXES.length; i++) {
                        Thumbnail t = made.images().get(i);
                        String what = source[0] + "x" + source[1] + " in " + BOXES[i] + " via " + made.decoder();
                        BufferedImage image = EncodedImages.decode(t.bytes());
                        assertEquals(t.width(), image.getWidth(), what);
                        assertEquals(t.height(), image.getHeight(), what);
                        assertArrayEquals(BOXES[i].fit(source[0], source[1]), new int[] {t.width(), t.height()}, what);
                        assertTrue(t.width() <= BOXES[i].width() && t.height() <= BOXES[i].height(), what);
                        assertTrue(t.width() <= source[0] && t.height() <= source[1], what + ": enlarged");
                        boolean widthLimited = (double) source[0] / source[1] >= (double) t.width() / t.height();
                        double exact = widthLimited ? (double) t.width() * source[1] / source[0]
                                : (double) t.height() * source[0] / source[1];
                        int other = widthLimited ? t.height() : t.width();
                        assertTrue(Math.abs(other - exact) <= 1 || other == 1, what + ": aspect");
                    }
                }
            }
        }
    }

    @Test
    void smallImagesKeepTheirSize() throws Exception {
        byte[] png = EncodedImages.encode(EncodedImages.quadrants(40, 30), "png");
        try (Thumbnailer thumbnailer = new Thumbnailer(EncodedImages.spec(OutputFormat.SAME, new ThumbnailSize(75, 75)))) {
            Thumbnail t = thumbnailer.make(png).images().get(0);
            assertEquals(40, t.width());
            assertEquals(30, t.height());
        }
    }

    @Test
    void allSizesComeFromOneDecodeAtTheScaleTheLargestNeeds() throws Exception {
        byte[] jpeg = EncodedImages.jpeg(EncodedImages.photo(3200, 2400, 11), 0.9f);
        ThumbnailSpec both = EncodedImages.spec(OutputFormat.JPG, new ThumbnailSize(75, 75), new ThumbnailSize(500, 500));
        ThumbnailSpec small = EncodedImages.spec(OutputFormat.JPG, new ThumbnailSize(75, 75));
        try (Thumbnailer turbo = new Thumbnailer(both); Thumbnailer java = new Thumbnailer(both, NativeJpeg.NONE);
             Thumbnailer turboSmall = new Thumbnailer(small); Thumbnailer javaSmall = new Thumbnailer(small, NativeJpeg.NONE)) {
            Thumbnails made = turbo.make(jpeg);
            assertEquals(List.of(75, 500), made.images().stream().map(Thumbnail::width).toList());
            if (turbo.decoderName().equals("turbojpeg")) {
                // 500x375: 1/8 (400x300) is too small, so the smallest scale keeping twice: 3/8.
                // For 75x75 alone, 1/8 is plenty.
                assertEquals("turbojpeg 3/8", made.decoder());
                assertEquals("turbojpeg 1/8", turboSmall.make(jpeg).decoder());
            }
            // Subsampling keeps 8 times the target: no step fits 500 wide, step 5 fits 75 wide.
            assertEquals("imageio", java.make(jpeg).decoder());
            assertEquals("imageio 1/5", javaSmall.make(jpeg).decoder());
        }
    }

    @Test
    void largeImagesAreDecodedWithoutHoldingTheirFullSize() throws Exception {
        // A full decode of 4000x3000 holds 36 MB (3 bytes a pixel) at least: what is decoded
        // follows the thumbnail's size, not the source's.
        byte[] jpeg = EncodedImages.jpeg(EncodedImages.quadrants(4000, 3000), 0.9f);
        byte[] png = EncodedImages.encode(EncodedImages.quadrants(4000, 3000), "png");
        ThumbnailSpec spec = EncodedImages.spec(OutputFormat.JPG, new ThumbnailSize(100, 100));
        for (Thumbnailer thumbnailer : EncodedImages.bothRoutes(spec)) {
            try (thumbnailer) {
                thumbnailer.make(jpeg);
                for (byte[] data : List.of(jpeg, png)) {
                    long before = allocatedBytes();
                    Thumbnails made = thumbnailer.make(data);
                    long allocated = allocatedBytes() - before;
                    assertTrue(allocated < 9 << 20, made.decoder() + " allocated " + allocated + " bytes");
                }
            }
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
