package io.harvest.image;

import static io.harvest.image.EncodedImages.BLUE;
import static io.harvest.image.EncodedImages.GREEN;
import static io.harvest.image.EncodedImages.RED;
import static io.harvest.image.EncodedImages.YELLOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;

class ThumbnailerFormatsTest {
    private static final Color WHITE = Color.WHITE;
    private static final ThumbnailSize BOX = new ThumbnailSize(48, 48);

    /** Makes a 48x32 (or as fits) thumbnail on both routes and checks the four quadrant colours. */
    private static void assertQuadrants(byte[] data, String name, OutputFormat format, Color[] expected,
                                        int tolerance, String expectedFormat) throws ImageException {
        for (Thumbnailer thumbnailer : EncodedImages.bothRoutes(EncodedImages.spec(format, BOX))) {
            try (thumbnailer) {
                Thumbnails made = thumbnailer.make(data);
                assertEquals(expectedFormat, made.sourceFormat());
                BufferedImage image = EncodedImages.decode(made.images().get(0).bytes());
                assertEquals(made.images().get(0).width(), image.getWidth());
                assertEquals(made.images().get(0).height(), image.getHeight());
                int w = image.getWidth();
                int h = image.getHeight();
                for (int q = 0; q < 4; q++) {
                    int argb = image.getRGB((2 * (q % 2) + 1) * w / 4, (2 * (q / 2) + 1) * h / 4);
                    assertTrue(EncodedImages.near(argb, expected[q], tolerance), name + " via " + made.decoder()
                            + " quadrant " + q + ": expected " + EncodedImages.hex(expected[q].getRGB())
                            + ", got " + EncodedImages.hex(argb));
                }
            }
        }
    }

    private static final Color[] QUADRANTS = {RED, GREEN, BLUE, YELLOW};
    /** The fixtures' quadrants (src/test/resources/images/make-fixtures.py). */
    private static final Color[] FIXTURE = {RED, GREEN, BLUE, WHITE};

    @Test
    void cmykJpegKeepsItsColours() throws Exception {
        // Through a CMYK profile pure inks are not pure RGB: this checks hue and saturation, as
        // the JDK's reader (washed out or refused) fails it.
        assertCmyk(EncodedImages.resource("cmyk.jpg"));
    }

    @Test
    void ycckJpegKeepsItsColours() throws Exception {
        assertCmyk(EncodedImages.resource("ycck.jpg"));
    }

    private static void assertCmyk(byte[] data) throws ImageException {
        for (Thumbnailer thumbnailer : EncodedImages.bothRoutes(EncodedImages.spec(OutputFormat.PNG, BOX))) {
            try (thumbnailer) {
                Thumbnails made = thumbnailer.make(data);
                assertEquals("imageio", made.decoder(), "libjpeg-turbo cannot do CMYK: the pure-Java route must");
                BufferedImage image = EncodedImages.decode(made.images().get(0).bytes());
                assertEquals(48, image.getWidth());
                assertEquals(32, image.getHeight());
                int[] quadrant = new int[4];
                for (int q = 0; q < 4; q++) {
                    quadrant[q] = image.getRGB((2 * (q % 2) + 1) * 12, (2 * (q / 2) + 1) * 8);
                }
                assertDominant(quadrant[0], 16, "red");
                assertDominant(quadrant[1], 8, "green");
                assertDominant(quadrant[2], 0, "blue");
                assertTrue(EncodedImages.near(quadrant[3], WHITE, 40), "white: " + EncodedImages.hex(quadrant[3]));
            }
        }
    }

    /** The channel at {@code shift} is strong and at least 90 above both others. */
    private static void assertDominant(int argb, int shift, String name) {
        int main = (argb >> shift) & 0xFF;
        for (int other = 0; other <= 16; other += 8) {
            if (other != shift) {
                assertTrue(main - ((argb >> other) & 0xFF) >= 90, name + " is washed out: " + EncodedImages.hex(argb));
            }
        }
        assertTrue(main >= 130, name + " is too dark: " + EncodedImages.hex(argb));
    }

    @Test
    void progressiveJpeg() throws Exception {
        byte[] jpeg = EncodedImages.jpeg(EncodedImages.quadrants(192, 128), 0.95f, true);
        assertQuadrants(jpeg, "p.jpg", OutputFormat.JPG, QUADRANTS, 40, "jpeg");
    }

    @Test
    void grayscaleJpegKeepsItsLevels() throws Exception {
        BufferedImage gray = new BufferedImage(96, 64, BufferedImage.TYPE_BYTE_GRAY);
        fillGray(gray, 128);
        Color mid = new Color(128, 128, 128);
        assertQuadrants(EncodedImages.jpeg(gray, 0.95f), "g.jpg", OutputFormat.JPG, new Color[] {mid, mid, mid, mid}, 4, "jpeg");
    }

    @Test
    void grayPngsOfEveryDepthKeepTheirLevels() throws Exception {
        Color mid = new Color(128, 128, 128);
        Color[] all = {mid, mid, mid, mid};
        BufferedImage gray8 = new BufferedImage(96, 64, BufferedImage.TYPE_BYTE_GRAY);
        fillGray(gray8, 128);
        assertQuadrants(EncodedImages.encode(gray8, "png"), "g8.png", OutputFormat.PNG, all, 1, "png");
        BufferedImage gray16 = new BufferedImage(96, 64, BufferedImage.TYPE_USHORT_GRAY);
        fillGray(gray16, 0x8080);
        assertQuadrants(EncodedImages.encode(gray16, "png"), "g16.png", OutputFormat.PNG, all, 1, "png");
        // Gray with alpha: Java2D would take it as linear gray and brighten it to about 188.
        assertQuadrants(EncodedImages.encode(grayAlpha(128, 255), "png"), "ga.png", OutputFormat.JPG, all, 3, "png");
    }

    @Test
    void halfTransparentGrayIsFlattenedOntoWhiteForJpeg() throws Exception {
        Color expected = new Color(191, 191, 191);
        assertQuadrants(EncodedImages.encode(grayAlpha(128, 128), "png"), "ga.png", OutputFormat.JPG,
                new Color[] {expected, expected, expected, expected}, 4, "png");
    }

    @Test
    void sixteenBitRgbPng() throws Exception {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false,
                false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(96, 64);
        BufferedImage source = EncodedImages.quadrants(96, 64);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 96; x++) {
                int rgb = source.getRGB(x, y);
                raster.setPixel(x, y, new int[] {((rgb >> 16) & 0xFF) * 257, ((rgb >> 8) & 0xFF) * 257, (rgb & 0xFF) * 257});
            }
        }
        byte[] png = EncodedImages.encode(new BufferedImage(model, raster, false, null), "png");
        assertQuadrants(png, "rgb16.png", OutputFormat.PNG, QUADRANTS, 2, "png");
    }

    @Test
    void palettePngIsResizedInFullColour() throws Exception {
        BufferedImage indexed = new BufferedImage(192, 128, BufferedImage.TYPE_BYTE_INDEXED);
        Graphics2D g = indexed.createGraphics();
        g.drawImage(EncodedImages.quadrants(192, 128), 0, 0, null);
        g.dispose();
        byte[] png = EncodedImages.encode(indexed, "png");
        assertQuadrants(png, "palette.png", OutputFormat.PNG, QUADRANTS, 2, "png");
        // Resizing in full colour makes blends on the quadrant border that no palette entry has.
        try (Thumbnailer thumbnailer = new Thumbnailer(EncodedImages.spec(OutputFormat.PNG, new ThumbnailSize(17, 17)))) {
            BufferedImage thumb = EncodedImages.decode(thumbnailer.make(png).images().get(0).bytes());
            assertTrue(thumb.getColorModel().getPixelSize() >= 24, "written in full colour");
        }
    }

    @Test
    void alphaIsFlattenedOntoWhiteForJpegAndKeptForPng() throws Exception {
        BufferedImage argb = new BufferedImage(96, 64, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = argb.createGraphics();
        g.setColor(RED);
        g.fillRect(0, 0, 48, 64);
        g.dispose();
        byte[] png = EncodedImages.encode(argb, "png");
        assertQuadrants(png, "a.png", OutputFormat.JPG, new Color[] {RED, WHITE, RED, WHITE}, 8, "png");
        try (Thumbnailer thumbnailer = new Thumbnailer(EncodedImages.spec(OutputFormat.PNG, BOX))) {
            BufferedImage thumb = EncodedImages.decode(thumbnailer.make(png).images().get(0).bytes());
            assertTrue(thumb.getColorModel().hasAlpha());
            assertEquals(0, thumb.getRGB(40, 16) >>> 24, "transparent stays transparent");
            assertEquals(0xFF, thumb.getRGB(8, 16) >>> 24, "opaque stays opaque");
            assertTrue(EncodedImages.near(thumb.getRGB(8, 16), RED, 2));
        }
    }

    @Test
    void animatedGifGivesItsFirstFrame() throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new IIOImage(EncodedImages.quadrants(96, 64), null, null), null);
            writer.writeToSequence(new IIOImage(flat(96, 64, Color.BLACK), null, null), null);
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        assertQuadrants(bytes.toByteArray(), "anim.gif", OutputFormat.SAME, QUADRANTS, 2, "gif");
    }

    @Test
    void bmp() throws Exception {
        assertQuadrants(EncodedImages.encode(EncodedImages.quadrants(96, 64), "bmp"), "q.bmp", OutputFormat.SAME,
                QUADRANTS, 2, "bmp");
    }

    @Test
    void lossyWebp() throws Exception {
        assertQuadrants(EncodedImages.resource("lossy.webp"), "q.webp", OutputFormat.SAME, FIXTURE, 24, "webp");
    }

    @Test
    void losslessWebpWithAlpha() throws Exception {
        byte[] webp = EncodedImages.resource("alpha-lossless.webp");
        assertQuadrants(webp, "a.webp", OutputFormat.JPG, new Color[] {RED, WHITE, RED, WHITE}, 2, "webp");
        try (Thumbnailer thumbnailer = new Thumbnailer(EncodedImages.spec(OutputFormat.PNG, BOX))) {
            BufferedImage thumb = EncodedImages.decode(thumbnailer.make(webp).images().get(0).bytes());
            assertEquals(0, thumb.getRGB(40, 16) >>> 24, "transparent stays transparent");
        }
    }

    @Test
    void webpThumbnailsAreWebpAtTheSpecsQuality() throws Exception {
        byte[] png = EncodedImages.encode(EncodedImages.quadrants(96, 64), "png");
        assertQuadrants(png, "q.png", OutputFormat.WEBP, QUADRANTS, 24, "png");
        int[] sizes = new int[2];
        float[] qualities = {0.2f, 0.95f};
        byte[] photo = EncodedImages.encode(EncodedImages.photo(400, 300, 7), "jpg");
        for (int i = 0; i < 2; i++) {
            ThumbnailSpec spec = new ThumbnailSpec(java.util.List.of(new ThumbnailSize(200, 200)), OutputFormat.WEBP,
                    qualities[i], ThumbnailSpec.DEFAULT_MAX_PIXELS);
            try (Thumbnailer thumbnailer = new Thumbnailer(spec)) {
                byte[] webp = thumbnailer.make(photo).images().get(0).bytes();
                assertEquals(ImageFormat.WEBP, ImageFormat.of(webp));
                sizes[i] = webp.length;
            }
        }
        assertTrue(sizes[0] < sizes[1], "quality 0.2 gives fewer bytes than 0.95: " + sizes[0] + " vs " + sizes[1]);
    }

    @Test
    void sameKeepsWebpAsWebp() throws Exception {
        try (Thumbnailer thumbnailer = new Thumbnailer(EncodedImages.spec(OutputFormat.SAME, BOX))) {
            Thumbnail made = thumbnailer.make(EncodedImages.resource("lossy.webp")).images().get(0);
            assertEquals(OutputFormat.WEBP, made.format());
            assertEquals(ImageFormat.WEBP, ImageFormat.of(made.bytes()));
        }
    }

    @Test
    void formatIsToldByContentNotByName() throws Exception {
        byte[] png = EncodedImages.encode(EncodedImages.quadrants(96, 64), "png");
        try (Thumbnailer thumbnailer = new Thumbnailer(EncodedImages.spec(OutputFormat.SAME, BOX))) {
            Thumbnails made = thumbnailer.make(png);
            assertEquals("png", made.sourceFormat());
            assertEquals(OutputFormat.PNG, made.images().get(0).format(), "output format follows the bytes");
            assertEquals("png", ImageHeaders.probe(made.images().get(0).bytes()).format());
        }
    }

    private static BufferedImage grayAlpha(int gray, int alpha) {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true,
                false, Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(96, 64);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 96; x++) {
                raster.setPixel(x, y, new int[] {gray, alpha});
            }
        }
        return new BufferedImage(model, raster, false, null);
    }

    private static void fillGray(BufferedImage image, int value) {
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                raster.setSample(x, y, 0, value);
            }
        }
    }

    private static BufferedImage flat(int w, int h, Color colour) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return image;
    }

}
