package io.harvest.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DecodeScaleTest {
    @Test
    void picksOneEighthWheneverItKeepsTheTargetAndOtherwiseTheSmallestScaleKeepingTwice() {
        assertEquals(1, DecodeScale.eighths(4000, 3000, 75, 56), "500x375");
        assertEquals(1, DecodeScale.eighths(1024, 768, 75, 56), "128x96 holds 75x56: block means");
        assertEquals(1, DecodeScale.eighths(2048, 1536, 256, 192), "256x192 exactly");
        assertEquals(3, DecodeScale.eighths(2040, 1530, 256, 192), "255 < 256 at 1/8, 510 < 512 at 1/4: 3/8");
        assertEquals(3, DecodeScale.eighths(1600, 1200, 201, 150), "200 < 201 at 1/8; 1/4 keeps 400 < 2 x 201");
        assertEquals(3, DecodeScale.eighths(3200, 2400, 500, 375), "1200x900 keeps 1000x750");
        assertEquals(8, DecodeScale.eighths(800, 600, 500, 375), "nothing smaller keeps 2x: full size");
        assertEquals(8, DecodeScale.eighths(40, 30, 40, 30), "never enlarged means full size");
    }

    @Test
    void subsamplingKeepsEightTimesTheTarget() {
        assertEquals(6, DecodeScale.subsampling(4000, 3000, 75, 56));
        assertEquals(1, DecodeScale.subsampling(1000, 750, 75, 56));
        assertEquals(1, DecodeScale.subsampling(40, 30, 40, 30));
    }

    @Test
    void namesScalesAsReducedFractions() {
        assertEquals("1/8", DecodeScale.fraction(1));
        assertEquals("1/4", DecodeScale.fraction(2));
        assertEquals("3/8", DecodeScale.fraction(3));
        assertEquals("1/2", DecodeScale.fraction(4));
        assertEquals("3/4", DecodeScale.fraction(6));
        assertEquals("1/1", DecodeScale.fraction(8));
    }
}
