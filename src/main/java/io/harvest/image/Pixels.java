package io.harvest.image;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;

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
     * An opaque INT_RGB image reduced {@code k} times in each direction by averaging k x k
     * blocks (the last, partial blocks average what they have): an exact area average, the
     * ideal filter for the first, integer part of a large reduction. Pillow's thumbnail()
     * does the same before its final resample. It is four times cheaper than the chain of
     * bilinear halvings thumbnailator would otherwise start with, and better.
     */
    static BufferedImage boxReduced(BufferedImage rgb, int k) {
        int sw = rgb.getWidth();
        int sh = rgb.getHeight();
        int w = (sw + k - 1) / k;
        int h = (sh + k - 1) / k;
        Raster raster = rgb.getRaster();
        int[] src = ((DataBufferInt) raster.getDataBuffer()).getData();
        int stride = ((java.awt.image.SinglePixelPackedSampleModel) rgb.getSampleModel()).getScanlineStride();
        int offset = raster.getDataBuffer().getOffset();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        int[] sums = new int[w * 3];
        for (int y = 0; y < h; y++) {
            java.util.Arrays.fill(sums, 0);
            int rows = Math.min(k, sh - y * k);
            for (int r = 0; r < rows; r++) {
                int at = offset + (y * k + r) * stride;
                for (int x = 0, sx = 0; x < w; x++) {
                    int end = Math.min(sx + k, sw);
                    int red = 0;
                    int green = 0;
                    int blue = 0;
                    for (; sx < end; sx++) {
                        int p = src[at + sx];
                        red += (p >> 16) & 0xFF;
                        green += (p >> 8) & 0xFF;
                        blue += p & 0xFF;
                    }
                    sums[3 * x] += red;
                    sums[3 * x + 1] += green;
                    sums[3 * x + 2] += blue;
                }
            }
            for (int x = 0; x < w; x++) {
                int n = rows * (Math.min((x + 1) * k, sw) - x * k);
                int half = n / 2;
                dst[y * w + x] = (sums[3 * x] + half) / n << 16 | (sums[3 * x + 1] + half) / n << 8
                        | (sums[3 * x + 2] + half) / n;
            }
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

    private static int to8Bits(int sample, int max) {
        return max == 0xFF ? sample : (sample * 0xFF + max / 2) / max;
    }
}
