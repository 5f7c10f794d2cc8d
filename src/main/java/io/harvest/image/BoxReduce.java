package io.harvest.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;

/**
 * An integer reduction by area averaging (each output pixel the mean of a k x k box), taken
 * before thumbnailator's resize when the decoded image is still many times the target, as
 * Pillow's {@code thumbnail()} does with {@code reduce()}. Java2D's bilinear steps cost about
 * 12 ns per output pixel; averaging boxes costs a fraction of that and filters as well.
 * Opaque {@code TYPE_INT_RGB} only: averaging non-premultiplied alpha would darken edges.
 */
final class BoxReduce {
    /** The reduced image keeps at least this many times the target, for the final resize. */
    static final double MARGIN = DecodeScale.DCT_MARGIN;

    private BoxReduce() {}

    /** The largest factor that keeps {@link #MARGIN} times {@code needW} x {@code needH}; 1 for none. */
    static int factor(int width, int height, int needW, int needH) {
        double k = Math.min(width / (MARGIN * needW), height / (MARGIN * needH));
        return Math.max(1, (int) k);
    }

    /**
     * The image reduced to keep {@link #MARGIN} times the target, or the image itself when
     * no reduction applies (factor 1, alpha, or a raster layout other than packed ints).
     */
    static BufferedImage toward(BufferedImage image, int needW, int needH) {
        int k = factor(image.getWidth(), image.getHeight(), needW, needH);
        if (k < 2 || image.getType() != BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        Raster raster = image.getRaster();
        if (!(raster.getSampleModel() instanceof SinglePixelPackedSampleModel model)
                || raster.getSampleModelTranslateX() != 0 || raster.getSampleModelTranslateY() != 0
                || raster.getDataBuffer().getOffset() != 0) {
            return image;
        }
        return reduce(((DataBufferInt) raster.getDataBuffer()).getData(), image.getWidth(), image.getHeight(),
                model.getScanlineStride(), k);
    }

    /**
     * Boxes of k x k; those at the right and bottom edges hold fewer pixels when the size is
     * not a multiple of k, and are averaged over the pixels they hold.
     */
    static BufferedImage reduce(int[] pixels, int width, int height, int stride, int k) {
        int outW = (width + k - 1) / k;
        int outH = (height + k - 1) / k;
        BufferedImage out = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
        int[] target = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        int[] r = new int[outW];
        int[] g = new int[outW];
        int[] b = new int[outW];
        for (int oy = 0; oy < outH; oy++) {
            java.util.Arrays.fill(r, 0);
            java.util.Arrays.fill(g, 0);
            java.util.Arrays.fill(b, 0);
            int y0 = oy * k;
            int rows = Math.min(k, height - y0);
            for (int y = y0; y < y0 + rows; y++) {
                int x = y * stride;
                int lineEnd = x + width;
                for (int ox = 0; ox < outW; ox++) {
                    int end = Math.min(x + k, lineEnd);
                    int sr = 0;
                    int sg = 0;
                    int sb = 0;
                    for (; x < end; x++) {
                        int p = pixels[x];
                        sr += (p >> 16) & 0xFF;
                        sg += (p >> 8) & 0xFF;
                        sb += p & 0xFF;
                    }
                    r[ox] += sr;
                    g[ox] += sg;
                    b[ox] += sb;
                }
            }
            int row = oy * outW;
            for (int ox = 0; ox < outW; ox++) {
                int n = rows * Math.min(k, width - ox * k);
                int half = n / 2;
                target[row + ox] = (r[ox] + half) / n << 16 | (g[ox] + half) / n << 8 | (b[ox] + half) / n;
            }
        }
        return out;
    }
}
