package io.harvest.image;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;

/**
 * Brings decoded pixels into the two layouts that Java2D resizes well and correctly:
 * {@code TYPE_INT_RGB}, or {@code TYPE_INT_ARGB} when transparency is kept. Palette images in
 * particular must not be resized as such (thumbnailator would resize into the palette).
 */
final class Pixels {
    private Pixels() {}

    /**
     * The image as INT_RGB, or as INT_ARGB when it has alpha and {@code onWhite} is false.
     * With {@code onWhite}, transparent parts are flattened onto white (for JPEG output).
     */
    static BufferedImage normalized(BufferedImage image, boolean onWhite) {
        boolean alpha = image.getColorModel().hasAlpha();
        int type = alpha && !onWhite ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        if (image.getType() == type) {
            return image;
        }
        BufferedImage source = isCustomGray(image) ? grayToArgb(image) : image;
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), type);
        Graphics2D g = out.createGraphics();
        try {
            if (type == BufferedImage.TYPE_INT_RGB && alpha) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, out.getWidth(), out.getHeight());
            } else {
                g.setComposite(AlphaComposite.Src);
            }
            g.drawImage(source, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * Gray with alpha, or gray of odd depths: Java2D converts these through the linear gray
     * colour space and brightens them (PNG's 50% gray would become 74%). Plain 8 and 16-bit
     * gray images have direct loops that keep the values.
     */
    private static boolean isCustomGray(BufferedImage image) {
        return image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && image.getType() != BufferedImage.TYPE_BYTE_GRAY
                && image.getType() != BufferedImage.TYPE_USHORT_GRAY;
    }

    /** Gray (and alpha) samples taken as they are stored, as in every viewer. */
    private static BufferedImage grayToArgb(BufferedImage image) {
        Raster raster = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        boolean alpha = raster.getNumBands() > 1;
        int grayMax = (1 << raster.getSampleModel().getSampleSize(0)) - 1;
        int alphaMax = alpha ? (1 << raster.getSampleModel().getSampleSize(1)) - 1 : 0;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] gray = new int[w];
        int[] opacity = new int[w];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, gray);
            if (alpha) {
                raster.getSamples(0, y, w, 1, 1, opacity);
            }
            for (int x = 0; x < w; x++) {
                int v = to8Bits(gray[x], grayMax);
                int a = alpha ? to8Bits(opacity[x], alphaMax) : 0xFF;
                row[x] = a << 24 | v << 16 | v << 8 | v;
            }
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }

    /** The pixels of a packed, opaque RGB image that starts at its buffer's origin, or null. */
    static int[] packedRgb(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_INT_RGB) {
            return null;
        }
        Raster raster = image.getRaster();
        if (!(raster.getSampleModel() instanceof SinglePixelPackedSampleModel)
                || raster.getSampleModelTranslateX() != 0 || raster.getSampleModelTranslateY() != 0
                || raster.getDataBuffer().getOffset() != 0) {
            return null;
        }
        return ((DataBufferInt) raster.getDataBuffer()).getData();
    }

    /** The row length, in pixels, of an image {@link #packedRgb} accepts. */
    static int stride(BufferedImage image) {
        return ((SinglePixelPackedSampleModel) image.getRaster().getSampleModel()).getScanlineStride();
    }

    private static int to8Bits(int sample, int max) {
        return max == 0xFF ? sample : (sample * 0xFF + max / 2) / max;
    }
}
