package io.harvest.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ThumbnailerOrientationTest {
    /**
     * Where display pixel (x, y) comes from in the stored W x H image, for each EXIF
     * orientation as the EXIF standard defines them (2: mirrored, 3: 180 degrees, 4: flipped,
     * 5: transposed, 6: rotated right, 7: transversed, 8: rotated left).
     */
    private static int[] stored(int orientation, int x, int y, int w, int h) {
        return switch (orientation) {
            case 1 -> new int[] {x, y};
            case 2 -> new int[] {w - 1 - x, y};
            case 3 -> new int[] {w - 1 - x, h - 1 - y};
            case 4 -> new int[] {x, h - 1 - y};
            case 5 -> new int[] {y, x};
            case 6 -> new int[] {y, h - 1 - x};
            case 7 -> new int[] {w - 1 - y, h - 1 - x};
            case 8 -> new int[] {w - 1 - y, x};
            default -> throw new IllegalArgumentException("orientation " + orientation);
        };
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void appliesExifOrientationWithoutResizing(int orientation) throws Exception {
        checkOrientation(orientation, 40, 20, new ThumbnailSize(75, 75), 40, 20);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void appliesExifOrientationWhenResizing(int orientation) throws Exception {
        checkOrientation(orientation, 800, 400, new ThumbnailSize(50, 50), 50, 25);
    }

    private void checkOrientation(int orientation, int w, int h, ThumbnailSize box, int thumbLong, int thumbShort)
            throws Exception {
        BufferedImage source = EncodedImages.quadrants(w, h);
        byte[] jpeg = EncodedImages.withOrientation(EncodedImages.jpeg(source, 0.95f), orientation);
        boolean transposed = orientation >= 5;
        int displayW = transposed ? h : w;
        int displayH = transposed ? w : h;
        for (Thumbnailer thumbnailer : EncodedImages.bothRoutes(EncodedImages.spec(OutputFormat.PNG, box))) {
            try (thumbnailer) {
                Thumbnails made = thumbnailer.make(jpeg);
                String route = made.decoder();
                assertEquals(displayW, made.sourceWidth(), route);
                assertEquals(displayH, made.sourceHeight(), route);
                Thumbnail thumb = made.images().get(0);
                BufferedImage image = EncodedImages.decode(thumb.bytes());
                int tw = transposed ? thumbShort : thumbLong;
                int th = transposed ? thumbLong : thumbShort;
                assertEquals(tw, image.getWidth(), route);
                assertEquals(th, image.getHeight(), route);
                assertEquals(tw, thumb.width(), route);
                assertEquals(th, thumb.height(), route);
                // The centre and the outer corner of each display quadrant show the colour of
                // the stored pixel they map to: rotated, mirrored, and with no border left over.
                for (double[] at : new double[][] {{0.25, 0.25}, {0.75, 0.25}, {0.25, 0.75}, {0.75, 0.75},
                        {0, 0}, {1, 0}, {0, 1}, {1, 1}}) {
                    int dx = (int) Math.min(displayW - 1, at[0] * displayW);
                    int dy = (int) Math.min(displayH - 1, at[1] * displayH);
                    int[] s = stored(orientation, dx, dy, w, h);
                    int expected = source.getRGB(s[0], s[1]);
                    int actual = image.getRGB((int) Math.min(tw - 1, at[0] * tw), (int) Math.min(th - 1, at[1] * th));
                    assertTrue(EncodedImages.near(actual, new java.awt.Color(expected), 60),
                            route + " orientation " + orientation + " at " + at[0] + "," + at[1] + ": expected "
                                    + EncodedImages.hex(expected) + ", got " + EncodedImages.hex(actual));
                }
            }
        }
    }
}
