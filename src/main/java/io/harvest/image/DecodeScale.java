package io.harvest.image;

/**
 * How small an image may be decoded and still make good thumbnails. Decoding at reduced size
 * is most of the speed: a JPEG decoded at 1/8 scale skips almost all of the inverse DCT,
 * colour conversion and memory traffic of a full decode.
 */
final class DecodeScale {
    /**
     * A DCT-scaled decode keeps at least this many times the largest thumbnail in each
     * dimension (Pillow's draft mode keeps 2x too), except at 1/8 (below). The scaled inverse
     * DCTs of 2/8 to 7/8 are low-pass filters but not box means: with the area-averaging
     * resize after them, ThumbnailerQualityTest's images at 75x75 and 256x256 lose up to 4 dB
     * below margin 2 (worst 46.0 dB at margin 1, 46.1 at 1.5: 3/8 and 5/8 decodes).
     */
    static final double DCT_MARGIN = 2.0;
    /**
     * At 1/8 each decoded pixel is the exact mean of its 8x8 block, so the area-averaging
     * resize that follows ({@link AreaResizer}) gives the ideal reduction from any size at
     * least the target's (worst 50.8 dB on the same images, 51.1 with margin 2 at 1/8 too).
     * For 256x256 it takes every source of 2048 px or more at 1/8 instead of 1/4.
     */
    static final double BLOCK_MEAN_MARGIN = 1.0;
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
     * its margin times {@code needW} x {@code needH}; full size when none does.
     */
    static int eighths(int width, int height, int needW, int needH) {
        for (int n = 1; n < 8; n++) {
            long w = ((long) width * n + 7) / 8;
            long h = ((long) height * n + 7) / 8;
            double margin = n == 1 ? BLOCK_MEAN_MARGIN : DCT_MARGIN;
            if (w >= margin * needW && h >= margin * needH) {
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
