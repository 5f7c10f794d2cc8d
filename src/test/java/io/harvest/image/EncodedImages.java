package io.harvest.image;

import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFEntry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFWriter;
import io.harvest.testing.TestResources;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Images made by the tests as encoded bytes (in memory), and ways to look at thumbnails. */
public final class EncodedImages {
    static final Color RED = new Color(255, 0, 0);
    static final Color GREEN = new Color(0, 255, 0);
    static final Color BLUE = new Color(0, 0, 255);
    static final Color YELLOW = new Color(255, 255, 0);

    private EncodedImages() {}

    /** Four flat quadrants: red, green on top; blue, yellow below. */
    static BufferedImage quadrants(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        Color[] colours = {RED, GREEN, BLUE, YELLOW};
        for (int i = 0; i < 4; i++) {
            g.setColor(colours[i]);
            g.fillRect((i % 2) * w / 2, (i / 2) * h / 2, w - w / 2, h - h / 2);
        }
        g.dispose();
        return image;
    }

    /** Photo-like: gradients, soft shapes, hard edges and noise (the project's sample painter). */
    static BufferedImage photo(int w, int h, long seed) {
        return io.harvest.testing.TestImages.photo(w, h, seed);
    }

    static byte[] jpeg(BufferedImage image, float quality) {
        return jpeg(image, quality, false);
    }

    public static byte[] jpeg(BufferedImage image, float quality, boolean progressive) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            return write(writer, image, param);
        } finally {
            writer.dispose();
        }
    }

    /** Encodes with the JDK's writer of that format ("png", "gif", "bmp"). */
    static byte[] encode(BufferedImage image, String format) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        try {
            return write(writer, image, null);
        } finally {
            writer.dispose();
        }
    }

    private static byte[] write(ImageWriter writer, BufferedImage image, ImageWriteParam param) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The JPEG with an EXIF block (APP1) holding only the orientation, right after SOI. */
    public static byte[] withOrientation(byte[] jpeg, int orientation) {
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(tiff)) {
            List<Entry> entries = List.of(new TIFFEntry(TIFF.TAG_ORIENTATION, TIFF.TYPE_SHORT, (short) orientation));
            new TIFFWriter().write(entries, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = tiff.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        out.write(0xFF);
        out.write(0xE1);
        int length = 2 + 6 + body.length;
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    static byte[] resource(String name) {
        return TestResources.bytes("images/" + name);
    }

    static BufferedImage decode(byte[] data) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(data));
            if (image == null) {
                throw new IllegalStateException("not readable by ImageIO");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ThumbnailSpec spec(OutputFormat format, ThumbnailSize... sizes) {
        return new ThumbnailSpec(List.of(sizes), format, 0.9f, ThumbnailSpec.DEFAULT_MAX_PIXELS);
    }

    /** The thumbnailers every behaviour is checked with: libjpeg-turbo where it is, and pure Java. */
    static List<Thumbnailer> bothRoutes(ThumbnailSpec spec) {
        return List.of(new Thumbnailer(spec), new Thumbnailer(spec, NativeJpeg.NONE));
    }

    /** True when the colour is within {@code tolerance} of the expected one in every channel. */
    static boolean near(int argb, Color expected, int tolerance) {
        return Math.abs(((argb >> 16) & 0xFF) - expected.getRed()) <= tolerance
                && Math.abs(((argb >> 8) & 0xFF) - expected.getGreen()) <= tolerance
                && Math.abs((argb & 0xFF) - expected.getBlue()) <= tolerance;
    }

    static String hex(int argb) {
        return String.format("#%08x", argb);
    }
}
