package io.harvest.image;

/**
 * How small an image may be decoded and still make good thumbnails. Decoding at reduced size
 * is most of the speed: a JPEG decoded at 1/8 scale skips almost all of the inverse DCT,
 * colour conversion and memory traffic of a full decode.
 */
final class DecodeScale {
    /**
     * A DCT-scaled decode keeps at least this many times the largest thumbnail in each
     * dimension. DCT scaling averages each 8x8 block, a proper low-pass filter, so it needs
     * less margin than subsampling; thumbnailator's progressive bilinear resize does the rest.
     * Measured (ThumbnailQualityTest, docs in the test): PSNR against an area-averaged
     * reference is flat from 2x upwards and drops about 1 dB at 1x.
     */
    static final double DCT_MARGIN = 2.0;
    /**
     * Subsampling keeps one pixel of every {@code step}: no filtering at all, so it must keep
     * far more than the target (at 2x it aliases visibly: about 33 dB).
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
