package io.harvest.image;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import io.harvest.samples.SampleImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thumbnails against the ideal: an exact area-averaged reduction of the fully decoded
 * source, as PSNR. The bounds come from measurement on photo-like images (the project's
 * sample generator) with PNG output, so that only decoding and resizing are measured:
 * libjpeg-turbo route 48.2-54.1 dB, pure-Java route 51.0-54.9 dB over these images and sizes;
 * the bounds sit 2 dB below the worst. Subsampling that keeps only twice the target scores
 * 39.3 dB at worst here, which the control test shows the bounds catch.
 */
class ThumbnailerQualityTest {
    private static final double TURBO_BOUND = 46.0;
    private static final double JAVA_BOUND = 49.0;
    private static final List<ThumbnailSize> SIZES = List.of(new ThumbnailSize(75, 75), new ThumbnailSize(256, 256));

    @TempDir
    static Path folder;
    private static List<byte[]> jpegs;
    private static List<byte[]> pngs;

    @BeforeAll
    static void makeImages() throws IOException {
        new SampleImages(6, 700, 2600, 0.0, 17).writeTo(folder.resolve("jpeg"));
        new SampleImages(2, 700, 1600, 1.0, 18).writeTo(folder.resolve("png"));
        jpegs = read(folder.resolve("jpeg"));
        pngs = read(folder.resolve("png"));
    }

    private static List<byte[]> read(Path dir) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                out.add(Files.readAllBytes(p));
            }
        }
        return out;
    }

    @Test
    void turboRouteIsCloseToTheAreaAverage() throws Exception {
        try (Thumbnailer thumbnailer = new Thumbnailer(new ThumbnailSpec(SIZES, OutputFormat.PNG, 0.9f, 50_000_000))) {
            assumeTrue(thumbnailer.decoderName().equals("turbojpeg"), "no libjpeg-turbo here");
            assertAbove(thumbnailer, jpegs, TURBO_BOUND, "turbojpeg");
        }
    }

    @Test
    void pureJavaRouteIsCloseToTheAreaAverage() throws Exception {
        ThumbnailSpec spec = new ThumbnailSpec(SIZES, OutputFormat.PNG, 0.9f, 50_000_000);
        try (Thumbnailer thumbnailer = new Thumbnailer(spec, NativeJpeg.NONE)) {
            assertAbove(thumbnailer, jpegs, JAVA_BOUND, "imageio");
            assertAbove(thumbnailer, pngs, JAVA_BOUND, "imageio");
        }
    }

    /** The bounds catch aliasing: subsampling to twice the target, then the same resize, fails them. */
    @Test
    void aliasingFromSubsamplingToTwiceTheTargetFallsBelowTheBounds() throws Exception {
        double worst = 99;
        for (byte[] data : jpegs) {
            BufferedImage full = TestImages.decode(data);
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
            BufferedImage full = TestImages.decode(data);
            Thumbnails made = thumbnailer.make(data, "photo.png");
            assertTrue(made.decoder().startsWith(route), made.decoder());
            for (Thumbnail t : made.images()) {
                double psnr = Reference.psnr(Reference.areaAverage(full, t.width(), t.height()), TestImages.decode(t.bytes()));
                assertTrue(psnr >= bound, String.format("%s %dx%d from %dx%d: %.1f dB < %.1f", made.decoder(),
                        t.width(), t.height(), full.getWidth(), full.getHeight(), psnr, bound));
                worst = Math.min(worst, psnr);
                best = Math.max(best, psnr);
            }
        }
        System.out.printf("%s: %.1f to %.1f dB%n", route, worst, best);
    }
}
