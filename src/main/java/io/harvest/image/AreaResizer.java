package io.harvest.image;

import java.awt.image.BufferedImage;
import net.coobird.thumbnailator.resizers.Resizer;
import net.coobird.thumbnailator.resizers.Resizers;

/**
 * A reduction by exact area averaging: each output pixel is the mean of the source area it
 * covers, partial pixels weighted by the fraction covered. After a DCT-scaled decode (itself
 * the mean of each block) this is the ideal box filter in one pass, where Java2D's bilinear
 * halvings cost more and filter less. Separable, in fixed point. Opaque {@code TYPE_INT_RGB}
 * reductions only: anything else (alpha, other layouts, enlarging) goes to thumbnailator's
 * own progressive bilinear resizer, as before.
 */
final class AreaResizer implements Resizer {
    static final AreaResizer INSTANCE = new AreaResizer();

    /** Weights of one axis sum to this (12 bits: the products stay within an int). */
    private static final int ONE = 1 << 12;
    /** The across pass keeps 8 fractional bits of each channel. */
    private static final int ACROSS_SHIFT = 4;
    private static final int DOWN_SHIFT = 20;

    private AreaResizer() {}

    @Override
    public void resize(BufferedImage source, BufferedImage target) {
        int[] from = Pixels.packedRgb(source);
        int[] to = Pixels.packedRgb(target);
        int sw = source.getWidth();
        int sh = source.getHeight();
        int w = target.getWidth();
        int h = target.getHeight();
        if (from == null || to == null || w > sw || h > sh) {
            Resizers.PROGRESSIVE.resize(source, target);
            return;
        }
        reduce(from, sw, sh, Pixels.stride(source), to, w, h, Pixels.stride(target));
    }

    /** The reduction of a {@code sw x sh} packed RGB image to {@code w x h} (each no larger). */
    static void reduce(int[] from, int sw, int sh, int fromStride, int[] to, int w, int h, int toStride) {
        Taps across = Taps.of(sw, w);
        Taps down = Taps.of(sh, h);
        // Row by row, so that nothing of the source's size is allocated: a source row on the
        // border of two output rows is reduced across twice, h extra rows in all.
        int[] row = new int[w * 3];
        int[] sums = new int[w * 3];
        int half = 1 << (DOWN_SHIFT - 1);
        for (int y = 0; y < h; y++) {
            java.util.Arrays.fill(sums, 0);
            for (int t = down.start[y], end = down.start[y + 1], source = down.first[y]; t < end; t++, source++) {
                reduceAcross(from, source * fromStride, across, row);
                int weight = down.weights[t];
                for (int i = 0; i < sums.length; i++) {
                    sums[i] += weight * row[i];
                }
            }
            int line = y * toStride;
            for (int x = 0, i = 0; x < w; x++, i += 3) {
                to[line + x] = ((sums[i] + half) >> DOWN_SHIFT) << 16
                        | ((sums[i + 1] + half) >> DOWN_SHIFT) << 8
                        | ((sums[i + 2] + half) >> DOWN_SHIFT);
            }
        }
    }

    /** One source row reduced across: three channels of 8.8 fixed point per output column. */
    private static void reduceAcross(int[] from, int line, Taps across, int[] row) {
        for (int x = 0, out = 0; x < across.first.length; x++) {
            int r = 0;
            int g = 0;
            int b = 0;
            for (int t = across.start[x], end = across.start[x + 1], i = line + across.first[x]; t < end; t++, i++) {
                int p = from[i];
                int weight = across.weights[t];
                r += weight * ((p >> 16) & 0xFF);
                g += weight * ((p >> 8) & 0xFF);
                b += weight * (p & 0xFF);
            }
            row[out++] = r >> ACROSS_SHIFT;
            row[out++] = g >> ACROSS_SHIFT;
            row[out++] = b >> ACROSS_SHIFT;
        }
    }

    /**
     * For each output pixel of one axis, the source pixels it covers (from {@code first[o]},
     * {@code start[o + 1] - start[o]} of them) and their weights, summing to {@link #ONE}.
     */
    private record Taps(int[] first, int[] start, int[] weights) {
        static Taps of(int sourceSize, int outSize) {
            double scale = (double) sourceSize / outSize;
            int[] first = new int[outSize];
            int[] start = new int[outSize + 1];
            int[] weights = new int[outSize * ((int) Math.ceil(scale) + 1)];
            int n = 0;
            for (int o = 0; o < outSize; o++) {
                double lo = o * scale;
                double hi = Math.min(sourceSize, (o + 1) * scale);
                int i0 = (int) Math.floor(lo);
                int i1 = Math.min(sourceSize, (int) Math.ceil(hi - 1e-9));
                first[o] = i0;
                start[o] = n;
                int sum = 0;
                int largest = n;
                for (int i = i0; i < i1; i++) {
                    double covered = Math.min(i + 1, hi) - Math.max(i, lo);
                    int weight = (int) Math.round(covered / scale * ONE);
                    weights[n] = weight;
                    sum += weight;
                    if (weight > weights[largest]) {
                        largest = n;
                    }
                    n++;
                }
                weights[largest] += ONE - sum;
            }
            start[outSize] = n;
            return new Taps(first, start, weights);
        }
    }
}
