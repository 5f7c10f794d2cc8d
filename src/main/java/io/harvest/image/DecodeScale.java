package io.harvest.image;

/**
 * How small an image may be decoded and still make good thumbnails. Decoding at reduced size
 * is most of the speed: a JPEG decoded at 1/8 scale skips almost all of the inverse DCT,
 * colour conversion and memory traffic of a full decode.
 */
final class DecodeScale {
    /**
     * A DCT-scaled decode keeps at least this many times the largest thumbnail in each
     * dimension (Pillow's draft mode keeps 2x too). DCT scaling averages 8x8 blocks, a proper
     * low-pass filter; thumbnailator's progressive bilinear resize does the rest. PSNR against
     * an area-averaged reference, 30 photo-like JPEGs of 1024-4000 px, mean / worst:
     * at 256x256, margin 1: 46.2 / 38.6 dB, 1.5: 47.1 / 42.2, 2: 50.2 / 45.1, 3: 51.0 / 47.4;
     * at 75x75, margin 1.5: 47.3 / 41.3, 2: 48.5 / 43.0. Decoding at 1/4 instead of 1/8
     * costs about 10% more time, and only the smaller sources need it.
     */
    static final double DCT_MARGIN = 2.0;
    /**
     * Subsampling keeps one pixel of every {@code step}: no filtering at all, so it must keep
     * far more than the target. Same images at 75x75, mean / worst: margin 2: 41.0 / 34.7 dB,
     * 4: 47.7 / 43.5, 6: 50.0 / 46.7, 8: 51.2 / 48.8. It costs little: the JPEG reader does
     * the whole inverse DCT whatever the step.
     */
    static final double SUBSAMPLING_MARGIN = 8.0;

    private DecodeScale() {}

    /**
     * The smallest DCT scale, in eighths (1 = 1/8 ... 8 = full size), whose decoded image keeps
     * {@link #DCT_MARGIN} times {@code needW} x {@code needH}; full size when none does.
     */
    static int eighths(int width, int height, int needW, int needH) {
        for (int n = 1; n < 8; n++) {
            long w = ((long) width * n + 7) / 8;
            long h = ((long) height * n + 7) / 8;
            if (w >= DCT_MARGIN * needW && h >= DCT_MARGIN * needH) {
                return n;
            }
        }
        return 8;
    }

    /** The largest subsampling step that keeps {@link #SUBSAMPLING_MARGIN} times the target. */
    static int subsampling(int width, int height, int needW, int needH) {
        double step = Math.min(width / (SUBSAMPLING_MARGIN * needW), height / (SUBSAMPLING_MARGIN * needH));
        return Math.max(1, (int) step);
    }

    /** A scale in eighths as a reduced fraction: 2 gives "1/4", 8 gives "1/1". */
    static String fraction(int eighths) {
        int divisor = Integer.lowestOneBit(eighths | 8);
        return (eighths / divisor) + "/" + (8 / divisor);
    }
}
