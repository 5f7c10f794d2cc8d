package io.harvest.samples;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.MultipleGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Makes photo-like test images: smooth gradients, overlapping soft shapes and sensor-like
 * noise, so that they compress and decode like photographs rather than flat colours. The
 * same seed always makes the same images.
 *
 * @param count    how many images
 * @param minSize  smallest long edge, in pixels
 * @param maxSize  largest long edge, in pixels
 * @param pngShare the share of images written as PNG, 0 to 1 (the rest are JPEG)
 * @param seed     images are a function of the seed and their index
 */
public record SampleImages(int count, int minSize, int maxSize, double pngShare, long seed) {
    private static final double[] ASPECTS = {4.0 / 3, 3.0 / 2, 16.0 / 9, 1.0, 3.0 / 4, 2.0 / 3};

    public SampleImages {
        if (count < 0 || minSize < 8 || maxSize < minSize || pngShare < 0 || pngShare > 1) {
            throw new IllegalArgumentException("count >= 0, 8 <= min size <= max size, 0 <= png share <= 1");
        }
    }

    /** Writes the images under {@code folder} (in sub-folders of 500), in parallel. */
    public void writeTo(Path folder) {
        IntStream.range(0, count).parallel().forEach(i -> {
            try {
                write(folder, i);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void write(Path folder, int index) throws IOException {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
        boolean png = random.nextDouble() < pngShare;
        Path file = folder.resolve(String.format("set-%03d/img-%05d.%s", index / 500, index, png ? "png" : "jpg"));
        if (Files.exists(file)) {
            return;
        }
        Files.createDirectories(file.getParent());
        int longEdge = minSize + random.nextInt(maxSize - minSize + 1);
        double aspect = ASPECTS[random.nextInt(ASPECTS.length)];
        int w = aspect >= 1 ? longEdge : (int) Math.round(longEdge * aspect);
        int h = aspect >= 1 ? (int) Math.round(longEdge / aspect) : longEdge;
        BufferedImage image = paint(w, h, random);
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        if (png) {
            ImageIO.write(image, "png", temp.toFile());
        } else {
            writeJpeg(image, temp, 0.9f);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A gradient sky, soft shapes, a few hard edges and per-pixel noise. */
    public static BufferedImage paint(int w, int h, SplittableRandom random) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new LinearGradientPaint(new Point2D.Double(0, 0),
                new Point2D.Double(w * random.nextDouble(), h),
                new float[] {0f, 0.5f, 1f}, new Color[] {color(random), color(random), color(random)}));
        g.fill(new Rectangle2D.Double(0, 0, w, h));
        int shapes = 8 + random.nextInt(24);
        for (int s = 0; s < shapes; s++) {
            double cx = random.nextDouble() * w;
            double cy = random.nextDouble() * h;
            double r = (0.03 + random.nextDouble() * 0.3) * Math.max(w, h);
            Color c = color(random);
            if (random.nextBoolean()) {
                g.setPaint(new RadialGradientPaint(new Point2D.Double(cx, cy), (float) r,
                        new float[] {0f, 1f}, new Color[] {c, new Color(c.getRed(), c.getGreen(), c.getBlue(), 0)},
                        MultipleGradientPaint.CycleMethod.NO_CYCLE));
                g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
            } else {
                g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 120 + random.nextInt(136)));
                g.rotate(random.nextDouble() * Math.PI, cx, cy);
                g.fill(new Rectangle2D.Double(cx - r / 2, cy - r / 4, r, r / 2));
                g.rotate(0);
                g.setTransform(new java.awt.geom.AffineTransform());
            }
        }
        g.dispose();
        addNoise(((DataBufferInt) image.getRaster().getDataBuffer()).getData(), random.nextLong(),
                2 + random.nextInt(8));
        return image;
    }

    /** Adds about +-amplitude of noise to every channel: what makes JPEGs photo-sized. */
    private static void addNoise(int[] pixels, long seed, int amplitude) {
        long x = seed | 1;
        int span = 2 * amplitude + 1;
        for (int i = 0; i < pixels.length; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            int p = pixels[i];
            int r = clamp(((p >> 16) & 0xff) + (int) ((x & 0xffff) % span) - amplitude);
            int g = clamp(((p >> 8) & 0xff) + (int) (((x >>> 16) & 0xffff) % span) - amplitude);
            int b = clamp((p & 0xff) + (int) (((x >>> 32) & 0xffff) % span) - amplitude);
            pixels[i] = (r << 16) | (g << 8) | b;
        }
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }

    private static Color color(SplittableRandom random) {
        return Color.getHSBColor((float) random.nextDouble(), 0.2f + 0.7f * (float) random.nextDouble(),
                0.3f + 0.7f * (float) random.nextDouble());
    }

    /** Writes a baseline JPEG at the given quality. */
    public static void writeJpeg(BufferedImage image, Path file, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
