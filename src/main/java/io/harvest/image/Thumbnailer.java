package io.harvest.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Makes the thumbnails of one image after another. One per task: it may keep decoders and
 * buffers between images, so it is not thread-safe.
 */
public final class Thumbnailer implements AutoCloseable {
    private final ThumbnailSpec spec;

    public Thumbnailer(ThumbnailSpec spec) {
        this.spec = spec;
    }

    /** The decode route this thumbnailer uses for JPEGs, for the run's summary. */
    public String decoderName() {
        return "imageio";
    }

    public Thumbnails make(byte[] data, String sourceName) throws ImageException {
        ImageInfo info = ImageHeaders.probe(data);
        if (info.pixels() > spec.maxPixels()) {
            throw new ImageException(ImageFailure.TOO_MANY_PIXELS, info.width() + "x" + info.height()
                    + " is over the limit of " + spec.maxPixels() + " pixels");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(data));
        } catch (IOException | RuntimeException e) {
            throw new ImageException(ImageFailure.DECODE_ERROR, "cannot decode: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new ImageException(ImageFailure.DECODE_ERROR, "cannot decode");
        }
        OutputFormat format = spec.format().forSource(sourceName);
        List<Thumbnail> out = new ArrayList<>();
        for (ThumbnailSize size : spec.sizes()) {
            int[] wh = size.fit(image.getWidth(), image.getHeight());
            out.add(new Thumbnail(size, wh[0], wh[1], format, encode(image, wh, format)));
        }
        return new Thumbnails(info.format(), image.getWidth(), image.getHeight(), decoderName(), out);
    }

    private byte[] encode(BufferedImage image, int[] wh, OutputFormat format) throws ImageException {
        try {
            BufferedImage source = format == OutputFormat.JPG ? onWhite(image) : image;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            net.coobird.thumbnailator.Thumbnails.of(source).forceSize(wh[0], wh[1])
                    .outputFormat(format.extension()).outputQuality(spec.quality())
                    .toOutputStream(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new ImageException(ImageFailure.DECODE_ERROR, "cannot encode: " + e.getMessage(), e);
        }
    }

    private static BufferedImage onWhite(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.drawImage(image, 0, 0, Color.WHITE, null);
        g.dispose();
        return rgb;
    }

    @Override
    public void close() {
        // Nothing held yet.
    }
}
