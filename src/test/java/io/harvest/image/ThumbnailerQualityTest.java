package io.harvest.image;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Thumbnails against the ideal: an exact area-averaged reduction of the fully decoded
 * source, as PSNR, with PNG output so that only decoding and resizing are measured. Measured
 * on these images (photo-like, 700 to 2600 px, 75x75 and 256x256): libjpeg-turbo route
 * 50.8-61.1 dB, pure-Java route 71.1-99 dB with the area-averaging resize (50.1-53.4 and
 * 47.7-55.3 dB with thumbnailator's progressive bilinear one, whose bounds these kept).
 * Subsampling that keeps only twice the target scores 34.9 dB at worst here, which the
 * control test shows the bounds catch.
 */
class ThumbnailerQualityTest {
    private static final double TURBO_BOUND = 48.0;
    private static final double JAVA_BOUND = 46.0;
    private static final List<ThumbnailSize> SIZES = List.of(new ThumbnailSize(75, 75), new ThumbnailSize(256, 256));

    /** Photo-like JPEGs (as the sample generator writes them) and PNGs of mixed sizes. */
    private static final List<byte[]> JPEGS = new ArrayList<>();
    private static final List<byte[]> PNGS = new ArrayList<>();

    @BeforeAll
    static void makeImages() {
        int[][] sizes = {{700, 525}, {1200, 800}, {1600, 1600}, {1800, 1013}, {2600, 1950}, {975, 1300}};
        for (int i = 0; i < sizes.length; i++) {
            JPEGS.add(EncodedImages.jpeg(EncodedImages.photo(sizes[i][0], sizes[i][1], i), 0.9f));
        }
        PNGS.add(EncodedImages.encode(EncodedImages.photo(1400, 1050, 7), "png"));
        PNGS.add(EncodedImages.encode(EncodedImages.photo(700, 933, 8), "png"));
    }

    @Test
    void turboRouteIsCloseToTheAreaAverage() throws Exception {
        try (Thumbnailer thumbnailer = new Thumbnailer(new ThumbnailSpec(SIZES, OutputFormat.PNG, 0.9f, 50_000_000))) {
            assumeTrue(thumbnailer.decoderName().equals("turbojpeg"), "no libjpeg-turbo here");
            assertAbove(thumbnailer, JPEGS, TURBO_BOUND, "turbojpeg");
        }
    }

    @Test
    void pureJavaRouteIsCloseToTheAreaAverage() throws Exception {
        ThumbnailSpec spec = new ThumbnailSpec(SIZES, OutputFormat.PNG, 0.9f, 50_000_000);
        try (Thumbnailer thumbnailer = new Thumbnailer(spec, NativeJpeg.NONE)) {
            assertAbove(thumbnailer, JPEGS, JAVA_BOUND, "imageio");
            assertAbove(thumbnailer, PNGS, JAVA_BOUND, "imageio");
        }
    }

    /** The bounds catch aliasing: subsampling to twice the target, then the same resize, fails them. */
    @Test
    void aliasingFromSubsamplingToTwiceTheTargetFallsBelowTheBounds() throws Exception {
        double worst = 99;
        for (byte[] data : JPEGS) {
            BufferedImage full = EncodedImages.decode(data);
            int[] wh = SIZES.get(0).fit(full.getWidth(), full.getHeight());
            ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
            reader.setInput(new ByteArrayImageInputStream(data));
            ImageReadParam param = reader.getDefaultReadParam();
            int step = Math.max(1, Math.min(full.getWidth() / (2 * wh[0]), full.getHeight() / (2 * wh[1])));
            param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage aliased = net.coobird.thumbnailator.Thumbnails.of(reader.read(0, param))
                    .forceSize(wh[0], wh[1]).asBufferedImage();
            reader.dispose();
            worst = Math.min(worst, Reference.psnr(Reference.areaAverage(full, wh[0], wh[1]), aliased));
        }
        System.out.printf("2x subsampling: worst %.1f dB%n", worst);
        assertTrue(worst < TURBO_BOUND, "worst " + worst);
    }

    private static void assertAbove(Thumbnailer thumbnailer, List<byte[]> sources, double bound, String route)
            throws Exception {
        double worst = 99;
        double best = 0;
        for (byte[] data : sources) {
            BufferedImage full = EncodedImages.decode(data);
            Thumbnails made = thumbnailer.make(data);
            assertTrue(made.decoder().startsWith(route), made.decoder());
            for (Thumbnail t : made.images()) {
                double psnr = Reference.psnr(Reference.areaAverage(full, t.width(), t.height()), EncodedImages.decode(t.bytes()));
                assertTrue(psnr >= bound, String.format("%s %dx%d from %dx%d: %.1f dB < %.1f", made.decoder(),
                        t.width(), t.height(), full.getWidth(), full.getHeight(), psnr, bound));
                worst = Math.min(worst, psnr);
                best = Math.max(best, psnr);
            }
        }
        System.out.printf("%s: %.1f to %.1f dB%n", route, worst, best);
    }
}
