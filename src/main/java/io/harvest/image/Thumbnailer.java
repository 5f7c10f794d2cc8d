package io.harvest.image;

import io.harvest.job.Status;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.coobird.thumbnailator.filters.ImageFilter;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.Orientation;

/**
 * Makes the thumbnails of one image after another: the header is read first (format, size,
 * EXIF orientation, pixel cap), then the image is decoded once at the smallest scale the
 * largest thumbnail allows (libjpeg-turbo's DCT scaling for JPEGs when the native library is
 * here, ImageIO with subsampling otherwise), then thumbnailator resizes (by area averaging,
 * {@link AreaResizer}), orients and encodes each size. One per
 * task: it keeps decoders and buffers between images, so it is not thread-safe.
 */
public final class Thumbnailer implements AutoCloseable {
    private final ThumbnailSpec spec;
    private final ImageIoDecoder imageIo = new ImageIoDecoder();
    private final NativeJpeg natives;
    private NativeJpegDecoder jpegs;
    private NativeJpegEncoder jpegWriter;

    public Thumbnailer(ThumbnailSpec spec) {
        this(spec, NativeJpeg.shared());
    }

    /** With {@link NativeJpeg#NONE}, JPEGs take the pure-Java route even where libjpeg-turbo is. */
    Thumbnailer(ThumbnailSpec spec, NativeJpeg natives) {
        this.spec = spec;
        this.natives = natives;
        this.jpegs = natives.open();
        this.jpegWriter = natives.openEncoder();
    }

    /** The decode route this thumbnailer uses for JPEGs, for the run's summary. */
    public String decoderName() {
        return jpegs != null ? jpegs.name() : ImageIoDecoder.NAME;
    }

    /**
     * The thumbnails of one encoded image, in the order of the spec's sizes, in the spec's
     * format ({@link OutputFormat#SAME} follows the format sniffed from the bytes). Every
     * failure is an {@link ImageException} with its status: decoders' runtime exceptions on
     * hostile data included.
     */
    public Thumbnails make(byte[] data) throws ImageException {
        return make(data, spec.format());
    }

    /** As {@link #make(byte[])}, in {@code format} instead of the spec's. */
    public Thumbnails make(byte[] data, OutputFormat format) throws ImageException {
        return make(data, data.length, format);
    }

    /**
     * As {@link #make(byte[], OutputFormat)}, for the image in the first {@code length} bytes of
     * {@code data}: a buffer a task reuses from one file to the next. Only the pure-Java
     * readers, which take whole arrays, get a copy.
     */
    public Thumbnails make(byte[] data, int length, OutputFormat format) throws ImageException {
        try {
            ImageFormat sniffed = ImageFormat.of(data, length);
            JpegHeader header = sniffed == ImageFormat.JPEG ? JpegHeader.read(data, length) : null;
            ImageInfo info = checked(header != null ? header.info() : imageIo.header(sniffed, exact(data, length), 1));
            int[] need = largestStored(info);
            Decoded decoded = header != null ? decodeJpeg(data, length, header, info, need)
                    : imageIo.decode(sniffed, info, need[0], need[1]);
            return encode(info, decoded, format.forFormat(sniffed));
        } catch (IOException | RuntimeException e) {
            throw new ImageException(Status.DECODE_ERROR, "cannot make thumbnails: " + e, e);
        }
    }

    /** The spec this thumbnailer makes. */
    public ThumbnailSpec spec() {
        return spec;
    }

    private Decoded decodeJpeg(byte[] data, int length, JpegHeader header, ImageInfo info, int[] need)
            throws ImageException {
        if (!header.complete(data, length)) {
            throw new ImageException(Status.DECODE_ERROR, "truncated JPEG: no end-of-image marker");
        }
        // libjpeg-turbo cannot convert CMYK and YCCK (4 components) to RGB: ImageIO can.
        if (jpegs != null && header.baseline8Bit() && header.components() != 4) {
            int eighths = DecodeScale.eighths(info.width(), info.height(), need[0], need[1]);
            try {
                return new Decoded(jpegs.decode(data, length, eighths),
                        jpegs.name() + " " + DecodeScale.fraction(eighths));
            } catch (IOException e) {
                // Refused by libjpeg-turbo: the pure-Java route reads some such files.
            } catch (LinkageError e) {
                natives.disable(e);
                jpegs.close();
                jpegs = null;
            }
        }
        imageIo.header(ImageFormat.JPEG, exact(data, length), info.orientation());
        try {
            return imageIo.decode(ImageFormat.JPEG, info, need[0], need[1]);
        } catch (ImageException e) {
            if (!header.baseline8Bit()) {
                throw new ImageException(Status.UNSUPPORTED, "lossless or " + header.precision()
                        + "-bit JPEG: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    private static byte[] exact(byte[] data, int length) {
        return length == data.length ? data : Arrays.copyOf(data, length);
    }

    /** The info, when the image is within the pixel cap. */
    private ImageInfo checked(ImageInfo info) throws ImageException {
        if (info.pixels() > spec.maxPixels()) {
            throw new ImageException(Status.TOO_MANY_PIXELS, info.width() + "x" + info.height()
                    + " is over the limit of " + spec.maxPixels() + " pixels");
        }
        return info;
    }

    /** The size of the largest thumbnail, in the stored orientation (before EXIF rotation). */
    private int[] largestStored(ImageInfo info) {
        int w = 1;
        int h = 1;
        for (ThumbnailSize size : spec.sizes()) {
            int[] wh = stored(info, size);
            w = Math.max(w, wh[0]);
            h = Math.max(h, wh[1]);
        }
        return new int[] {w, h};
    }

    private int[] stored(ImageInfo info, ThumbnailSize size) {
        ResizeMode.Geometry g = spec.geometry(size, info.displayWidth(), info.displayHeight());
        return info.transposed() ? new int[] {g.scaledHeight(), g.scaledWidth()}
                : new int[] {g.scaledWidth(), g.scaledHeight()};
    }

    private Thumbnails encode(ImageInfo info, Decoded decoded, OutputFormat format)
            throws IOException {
        BufferedImage image = Pixels.normalized(decoded.image(), format == OutputFormat.JPG);
        ImageFilter orient = info.orientation() == 1 ? null
                : ExifFilterUtils.getFilterForOrientation(Orientation.typeOf(info.orientation()));
        List<Thumbnail> out = new ArrayList<>(spec.sizes().size());
        for (ThumbnailSize size : spec.sizes()) {
            // Sizes as displayed: thumbnailator's orientation filters swap them for the resize.
            ResizeMode.Geometry g = spec.geometry(size, info.displayWidth(), info.displayHeight());
            var builder = net.coobird.thumbnailator.Thumbnails.of(image)
                    .forceSize(g.scaledWidth(), g.scaledHeight())
                    .resizer(AreaResizer.INSTANCE);
            if (orient != null) {
                builder.addFilter(orient);
            }
            if (g.reframed()) {
                // Filters run after the resize and orientation: crop or letterbox, centred.
                builder.addFilter(new Reframe(g.width(), g.height(), format != OutputFormat.JPG));
            }
            if (format.lossy()) {
                builder.outputQuality(spec.quality());
            }
            out.add(new Thumbnail(size, g.width(), g.height(), format, encoded(builder, format)));
        }
        return new Thumbnails(info.format(), info.displayWidth(), info.displayHeight(), decoded.route(), out);
    }

    /** JPEGs by libjpeg-turbo where it is here, everything else by thumbnailator's ImageIO writer. */
    private byte[] encoded(net.coobird.thumbnailator.Thumbnails.Builder<BufferedImage> builder, OutputFormat format)
            throws IOException {
        if (format != OutputFormat.JPG || jpegWriter == null) {
            // Named only here: thumbnailator looks the format up among ImageIO's writers each time.
            return written(builder.outputFormat(format.extension()));
        }
        BufferedImage rgb = Pixels.normalized(builder.asBufferedImage(), true);
        int[] pixels = Pixels.packedRgb(rgb);
        int stride = pixels != null ? Pixels.stride(rgb) : rgb.getWidth();
        if (pixels == null) {
            pixels = rgb.getRGB(0, 0, rgb.getWidth(), rgb.getHeight(), null, 0, stride);
        }
        int quality = Math.max(1, Math.min(100, Math.round(spec.quality() * 100)));
        try {
            return jpegWriter.encode(pixels, rgb.getWidth(), rgb.getHeight(), stride, quality);
        } catch (LinkageError e) {
            natives.disable(e);
            jpegWriter.close();
            jpegWriter = null;
            return written(net.coobird.thumbnailator.Thumbnails.of(rgb).scale(1).outputFormat(format.extension())
                    .outputQuality(spec.quality()));
        }
    }

    private static byte[] written(net.coobird.thumbnailator.Thumbnails.Builder<BufferedImage> builder)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        builder.toOutputStream(bytes);
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        imageIo.close();
        if (jpegWriter != null) {
            jpegWriter.close();
            jpegWriter = null;
        }
        if (jpegs != null) {
            jpegs.close();
            jpegs = null;
        }
    }
}
