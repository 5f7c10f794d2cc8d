package io.harvest.testing;

import io.harvest.samples.SampleImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/** Real image files for tests, photo-like, of exact sizes. */
public final class TestImages {
    private TestImages() {}

    public static BufferedImage photo(int w, int h, long seed) {
        return SampleImages.paint(w, h, new SplittableRandom(seed));
    }

    public static Path jpeg(Path file, int w, int h) {
        try {
            Files.createDirectories(file.getParent());
            SampleImages.writeJpeg(photo(w, h, file.hashCode()), file, 0.9f);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path png(Path file, int w, int h) {
        return write(file, photo(w, h, file.hashCode()), "png");
    }

    public static Path write(Path file, BufferedImage image, String format) {
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(image, format, file.toFile())) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path bytes(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Width and height of an image file, read back with ImageIO. */
    public static int[] size(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new IllegalStateException("not an image: " + file);
            }
            return new int[] {image.getWidth(), image.getHeight()};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
