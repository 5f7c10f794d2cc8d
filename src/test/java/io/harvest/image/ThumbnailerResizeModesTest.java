package io.harvest.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThumbnailerResizeModesTest {
    private static final ThumbnailSize BOX = new ThumbnailSize(100, 100);

    /** The size of the one thumbnail {@code mode} makes of {@code data}, checked against its bytes. */
    private static int[] made(byte[] data, ResizeMode mode, boolean upscale, OutputFormat format)
            throws ImageException {
        ThumbnailSpec spec = new ThumbnailSpec(List.of(BOX), format, 0.9f, ThumbnailSpec.DEFAULT_MAX_PIXELS,
                mode, upscale);
        int[] size = null;
        for (Thumbnailer thumbnailer : EncodedImages.bothRoutes(spec)) {
            try (thumbnailer) {
                Thumbnail t = thumbnailer.make(data).images().get(0);
                BufferedImage image = EncodedImages.decode(t.bytes());
                assertEquals(t.width(), image.getWidth(), mode + " width as recorded");
                assertEquals(t.height(), image.getHeight(), mode + " height as recorded");
                size = new int[] {t.width(), t.height()};
            }
        }
        return size;
    }

    private static String wh(int[] size) {
        return size[0] + "x" + size[1];
    }

    @Test
    void eachModeGivesItsExactSizeForALargeImage() throws ImageException {
        byte[] wide = EncodedImages.jpeg(EncodedImages.quadrants(400, 200), 0.9f);
        assertEquals("100x50", wh(made(wide, ResizeMode.FIT, false, OutputFormat.JPG)));
        assertEquals("200x100", wh(made(wide, ResizeMode.FILL, false, OutputFormat.JPG)));
        assertEquals("100x100", wh(made(wide, ResizeMode.CROP, false, OutputFormat.JPG)));
        assertEquals("100x100", wh(made(wide, ResizeMode.PAD, false, OutputFormat.JPG)));
        assertEquals("400x200", wh(made(wide, ResizeMode.NONE, false, OutputFormat.JPG)));
    }

    @Test
    void aSmallImageIsNeverEnlargedUnlessUpscaleIsAsked() throws ImageException {
        byte[] small = EncodedImages.jpeg(EncodedImages.quadrants(40, 30), 0.9f);
        assertEquals("40x30", wh(made(small, ResizeMode.FIT, false, OutputFormat.JPG)));
        assertEquals("40x30", wh(made(small, ResizeMode.FILL, false, OutputFormat.JPG)));
        assertEquals("40x30", wh(made(small, ResizeMode.CROP, false, OutputFormat.JPG)));
        assertEquals("100x100", wh(made(small, ResizeMode.PAD, false, OutputFormat.JPG)), "centred on the box");
        assertEquals("100x75", wh(made(small, ResizeMode.FIT, true, OutputFormat.JPG)));
        assertEquals("133x100", wh(made(small, ResizeMode.FILL, true, OutputFormat.JPG)));
        assertEquals("100x100", wh(made(small, ResizeMode.CROP, true, OutputFormat.JPG)));
        assertEquals("100x100", wh(made(small, ResizeMode.PAD, true, OutputFormat.JPG)));
    }

    @Test
    void padFillsWhiteInJpegAndTransparentInPngAndCropKeepsTheCentre() throws ImageException {
        byte[] wide = EncodedImages.jpeg(EncodedImages.quadrants(400, 200), 0.9f);
        ThumbnailSpec pad = new ThumbnailSpec(List.of(BOX), OutputFormat.JPG, 0.9f, 50_000_000, ResizeMode.PAD, false);
        try (Thumbnailer thumbnailer = new Thumbnailer(pad)) {
            BufferedImage jpg = EncodedImages.decode(thumbnailer.make(wide).images().get(0).bytes());
            assertTrue(EncodedImages.near(jpg.getRGB(50, 5), Color.WHITE, 8), EncodedImages.hex(jpg.getRGB(50, 5)));
            assertTrue(EncodedImages.near(jpg.getRGB(50, 94), Color.WHITE, 8));
            BufferedImage png = EncodedImages.decode(thumbnailer.make(wide, OutputFormat.PNG).images().get(0).bytes());
            assertEquals(0, png.getRGB(50, 5) >>> 24, "letterbox is transparent in PNG");
            assertEquals(255, png.getRGB(50, 50) >>> 24, "the image itself is opaque");
        }
        // Cropped to the centre: a 400x200 image's middle 200x200 holds all four quadrants equally.
        ThumbnailSpec crop = new ThumbnailSpec(List.of(BOX), OutputFormat.PNG, 0.9f, 50_000_000, ResizeMode.CROP, false);
        byte[] png = EncodedImages.encode(EncodedImages.quadrants(400, 200), "png");
        try (Thumbnailer thumbnailer = new Thumbnailer(crop)) {
            BufferedImage out = EncodedImages.decode(thumbnailer.make(png).images().get(0).bytes());
            BufferedImage source = EncodedImages.quadrants(400, 200);
            assertTrue(EncodedImages.near(out.getRGB(25, 25), new Color(source.getRGB(150, 50)), 12));
            assertTrue(EncodedImages.near(out.getRGB(75, 75), new Color(source.getRGB(250, 150)), 12));
        }
    }

    @Test
    void sameFollowsTheSniffedFormat() throws ImageException {
        byte[] png = EncodedImages.encode(EncodedImages.quadrants(64, 64), "png");
        byte[] jpeg = EncodedImages.jpeg(EncodedImages.quadrants(64, 64), 0.9f);
        try (Thumbnailer thumbnailer = new Thumbnailer(EncodedImages.spec(OutputFormat.SAME, BOX))) {
            assertEquals(OutputFormat.PNG, thumbnailer.make(png).images().get(0).format());
            assertEquals(OutputFormat.JPG, thumbnailer.make(jpeg).images().get(0).format());
        }
    }
}
