package io.harvest.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class BoxReduceTest {
    private static int gray(int v) {
        return v << 16 | v << 8 | v;
    }

    @Test
    void eachOutputPixelIsTheRoundedMeanOfItsBox() {
        // 5x3 by 2: full boxes of 4 pixels, a right column of 2, a bottom row of 2 and a corner of 1.
        int[] pixels = {
            gray(0), gray(10), gray(20), gray(30), gray(40),
            gray(1), gray(11), gray(21), gray(31), gray(41),
            gray(100), gray(101), gray(200), gray(201), 0xFF0000,
        };
        BufferedImage out = BoxReduce.reduce(pixels, 5, 3, 5, 2);
        assertEquals(3, out.getWidth());
        assertEquals(2, out.getHeight());
        int[] got = out.getRGB(0, 0, 3, 2, null, 0, 3);
        int[] expected = {gray(6), gray(26), gray(41), gray(101), gray(201), 0xFF0000};
        for (int i = 0; i < got.length; i++) {
            got[i] &= 0xFFFFFF;
        }
        assertArrayEquals(expected, got);
    }

    @Test
    void channelsAreAveragedApart() {
        int[] pixels = {0xFF0000, 0x00FF00, 0x0000FF, 0xFFFFFF};
        BufferedImage out = BoxReduce.reduce(pixels, 2, 2, 2, 2);
        assertEquals(0x808080, out.getRGB(0, 0) & 0xFFFFFF);
    }

    @Test
    void keepsTwiceTheTargetForTheFinalResize() {
        assertEquals(3, BoxReduce.factor(500, 375, 75, 56));
        assertEquals(1, BoxReduce.factor(256, 192, 75, 56));
        BufferedImage image = new BufferedImage(500, 375, BufferedImage.TYPE_INT_RGB);
        BufferedImage reduced = BoxReduce.toward(image, 75, 56);
        assertEquals(167, reduced.getWidth());
        assertEquals(125, reduced.getHeight());
    }

    @Test
    void imagesWithAlphaOrSmallEnoughAreLeftAsTheyAre() {
        BufferedImage alpha = new BufferedImage(800, 600, BufferedImage.TYPE_INT_ARGB);
        assertSame(alpha, BoxReduce.toward(alpha, 75, 56));
        BufferedImage small = new BufferedImage(200, 150, BufferedImage.TYPE_INT_RGB);
        assertSame(small, BoxReduce.toward(small, 75, 56));
    }
}
