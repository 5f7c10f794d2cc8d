package io.harvest.image;

import java.awt.image.BufferedImage;

/** What thumbnails are measured against: an exact area-averaged resize, and PSNR. */
final class Reference {
    private Reference() {}

    /**
     * Each output pixel is the mean of the source area it covers, partial pixels weighted by
     * their covered fraction: the ideal box-filter reduction.
     */
    static BufferedImage areaAverage(BufferedImage src, int w, int h) {
        int sw = src.getWidth();
        int sh = src.getHeight();
        int[] pixels = src.getRGB(0, 0, sw, sh, null, 0, sw);
        double[] acc = new double[w * h * 3];
        // Separable: each source row is reduced across, then added to the output rows it covers.
        double sx = (double) sw / w;
        double sy = (double) sh / h;
        double[] rowAcc = new double[w * 3];
        for (int y = 0; y < sh; y++) {
            java.util.Arrays.fill(rowAcc, 0);
            for (int x = 0; x < sw; x++) {
                int p = pixels[y * sw + x];
                spread(x, sx, w, (ox, weight) -> {
                    rowAcc[ox * 3] += weight * ((p >> 16) & 0xFF);
                    rowAcc[ox * 3 + 1] += weight * ((p >> 8) & 0xFF);
                    rowAcc[ox * 3 + 2] += weight * (p & 0xFF);
                });
            }
            spread(y, sy, h, (oy, weight) -> {
                for (int i = 0; i < w * 3; i++) {
                    acc[oy * w * 3 + i] += weight * rowAcc[i];
                }
            });
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        double area = sx * sy;
        for (int oy = 0; oy < h; oy++) {
            for (int ox = 0; ox < w; ox++) {
                int i = (oy * w + ox) * 3;
                out.setRGB(ox, oy, clamp(acc[i] / area) << 16 | clamp(acc[i + 1] / area) << 8 | clamp(acc[i + 2] / area));
            }
        }
        return out;
    }

    private interface Weighted {
        void add(int out, double weight);
    }

    /** Source pixel [i, i+1) against output cells of width {@code scale}. */
    private static void spread(int i, double scale, int n, Weighted to) {
        int first = (int) Math.floor(i / scale);
        int last = Math.min(n - 1, (int) Math.floor((i + 1) / scale - 1e-9));
        for (int o = first; o <= last; o++) {
            double lo = Math.max(i, o * scale);
            double hi = Math.min(i + 1, (o + 1) * scale);
            if (hi > lo) {
                to.add(o, hi - lo);
            }
        }
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    /** Peak signal-to-noise ratio over the RGB channels, in dB. */
    static double psnr(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            throw new IllegalArgumentException("sizes differ: " + a.getWidth() + "x" + a.getHeight()
                    + " and " + b.getWidth() + "x" + b.getHeight());
        }
        double sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    int d = ((p >> shift) & 0xFF) - ((q >> shift) & 0xFF);
                    sum += d * d;
                }
            }
        }
        double mse = sum / (3.0 * a.getWidth() * a.getHeight());
        return mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
    }
}
