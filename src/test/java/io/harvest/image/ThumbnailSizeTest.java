package io.harvest.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ThumbnailSizeTest {
    private final ThumbnailSize box = new ThumbnailSize(75, 75);

    @Test
    void fitsTheBoxKeepingTheAspectRatio() {
        assertArrayEquals(new int[] {75, 56}, box.fit(4000, 3000));
        assertArrayEquals(new int[] {56, 75}, box.fit(3000, 4000));
        assertArrayEquals(new int[] {75, 1}, box.fit(10000, 20));
    }

    @Test
    void neverEnlarges() {
        assertArrayEquals(new int[] {40, 30}, box.fit(40, 30));
        assertArrayEquals(new int[] {75, 75}, box.fit(75, 75));
    }

    @Test
    void parsesAndPrintsWxH() {
        assertEquals(new ThumbnailSize(200, 100), ThumbnailSize.parse("200X100"));
        assertEquals("200x100", new ThumbnailSize(200, 100).toString());
        assertThrows(IllegalArgumentException.class, () -> ThumbnailSize.parse("0x10"));
        assertThrows(IllegalArgumentException.class, () -> ThumbnailSize.parse("big"));
    }
}
