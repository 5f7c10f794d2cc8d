package io.harvest.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Reads an image's header: format and size, without decoding pixels. */
public final class ImageHeaders {
    static {
        ImageIO.setUseCache(false);
    }

    private ImageHeaders() {}

    public static ImageInfo probe(byte[] data) throws ImageException {
        if (data.length == 0) {
            throw new ImageException(ImageFailure.DECODE_ERROR, "empty file");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageException(ImageFailure.DECODE_ERROR, "not an image of a known format");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new ImageInfo(reader.getFormatName().toLowerCase(Locale.ROOT),
                        reader.getWidth(0), reader.getHeight(0), 1);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new ImageException(ImageFailure.DECODE_ERROR, "unreadable header: " + e.getMessage(), e);
        }
    }
}
