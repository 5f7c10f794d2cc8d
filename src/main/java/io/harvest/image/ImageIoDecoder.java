package io.harvest.image;

import com.twelvemonkeys.imageio.plugins.bmp.BMPImageReaderSpi;
import io.harvest.job.Status;
import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;

/**
 * The pure-Java route, for every format: ImageIO with TwelveMonkeys' JPEG reader (CMYK and
 * YCCK with their colours right, which the JDK's reader washes out), WebP reader and BMP
 * reader (OS/2 version 2 headers, which the JDK's refuses). GIFs are read as their logical
 * screen with the first frame on it ({@link GifScreen}). Large
 * images are read with source subsampling, which bounds memory as well as time. One reader
 * per format, kept from one image to the next; not thread-safe.
 */
final class ImageIoDecoder implements AutoCloseable {
    static final String NAME = "imageio";
    private static final ImageReaderSpi JPEG_READERS;
    private static final ImageReaderSpi WEBP_READERS = new WebPImageReaderSpi();
    private static final ImageReaderSpi BMP_READERS = new BMPImageReaderSpi();

    static {
        // A disk cache per stream costs time and temp files for data already in memory.
        ImageIO.setUseCache(false);
        // Registered here rather than trusted to the registry's scan, which depends on the
        // context class loader of whichever thread touched ImageIO first. Registering puts
        // TwelveMonkeys' reader before the JDK's, which it wraps for ordinary JPEGs.
        JPEG_READERS = new JPEGImageReaderSpi();
        IIORegistry.getDefaultInstance().registerServiceProvider(JPEG_READERS, ImageReaderSpi.class);
    }

    private final Map<ImageFormat, ImageReader> readers = new EnumMap<>(ImageFormat.class);
    /** The GIF last given to {@link #header}, whose first frame {@link #decode} puts on its screen. */
    private GifScreen gif;

    /** Reads the stored size of an image, without its pixels. */
    ImageInfo header(ImageFormat format, byte[] data, int orientation) throws ImageException {
        gif = format == ImageFormat.GIF ? GifScreen.read(data) : null;
        if (gif != null) {
            return gif.info(); // the frame is given to the reader by decode, after the pixel cap
        }
        ImageReader reader = open(format, format == ImageFormat.BMP ? BmpPixelOffset.mended(data) : data);
        try {
            return new ImageInfo(format.formatName(), reader.getWidth(0), reader.getHeight(0), orientation);
        } catch (IOException | RuntimeException e) {
            reader.reset();
            throw new ImageException(Status.DECODE_ERROR, "unreadable " + format.formatName()
                    + " header: " + e, e);
        }
    }

    /**
     * Decodes the image last given to {@link #header}, subsampled so that it keeps
     * {@link DecodeScale#SUBSAMPLING_MARGIN} times {@code needW} x {@code needH}. Animated
     * images give their first frame.
     */
    Decoded decode(ImageFormat format, ImageInfo info, int needW, int needH) throws ImageException {
        ImageReader reader = format == ImageFormat.GIF && gif != null ? open(format, gif.frameOnly())
                : readers.get(format);
        int step = DecodeScale.subsampling(info.width(), info.height(), needW, needH);
        try {
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage image = reader.read(0, param);
            if (format == ImageFormat.GIF && gif != null) {
                image = gif.compose(image, step);
            }
            return new Decoded(image, step == 1 ? NAME : NAME + " 1/" + step);
        } catch (IIOException e) {
            throw new ImageException(failureOf(e), "cannot decode " + format.formatName() + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new ImageException(Status.DECODE_ERROR, "cannot decode " + format.formatName() + ": " + e, e);
        } finally {
            reader.reset();
        }
    }

    /** ImageIO's readers say "Unsupported" for real images of variants they cannot read. */
    private static Status failureOf(IIOException e) {
        String message = String.valueOf(e.getMessage());
        return message.startsWith("Unsupported") ? Status.UNSUPPORTED : Status.DECODE_ERROR;
    }

    private ImageReader open(ImageFormat format, byte[] data) throws ImageException {
        ImageReader reader = readers.get(format);
        if (reader == null) {
            reader = newReader(format);
            readers.put(format, reader);
        }
        reader.setInput(new ByteArrayImageInputStream(data), true, true);
        return reader;
    }

    private static ImageReader newReader(ImageFormat format) throws ImageException {
        try {
            switch (format) {
                case JPEG:
                    return JPEG_READERS.createReaderInstance(null);
                case WEBP:
                    return WEBP_READERS.createReaderInstance(null);
                case BMP:
                    return BMP_READERS.createReaderInstance(null);
                default:
                    Iterator<ImageReader> found = ImageIO.getImageReadersByFormatName(format.formatName());
                    if (found.hasNext()) {
                        return found.next();
                    }
                    throw new ImageException(Status.UNSUPPORTED, "no reader for " + format.formatName());
            }
        } catch (IOException e) {
            throw new ImageException(Status.UNSUPPORTED, "no reader for " + format.formatName() + ": " + e, e);
        }
    }

    @Override
    public void close() {
        readers.values().forEach(ImageReader::dispose);
        readers.clear();
    }
}
