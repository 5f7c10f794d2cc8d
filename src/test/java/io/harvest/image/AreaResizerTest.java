package io.harvest.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class AreaResizerTest {
    @Test
    void eachOutputPixelIsTheMeanOfTheAreaItCoversWithPartialPixelsWeighted() {
        // 3 source columns into 2: the middle one is split half and half.
        BufferedImage source = new BufferedImage(3, 1, BufferedImage.TYPE_INT_RGB);
        source.setRGB(0, 0, 0x000000);
        source.setRGB(1, 0, 0x3C3C3C);
        source.setRGB(2, 0, 0xF0F0F0);
        BufferedImage target = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        AreaResizer.INSTANCE.resize(source, target);
        // (0 + 60/2) / 1.5 = 20 and (60/2 + 240) / 1.5 = 180
        assertEquals(0x141414, target.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0xB4B4B4, target.getRGB(1, 0) & 0xFFFFFF);
    }

    @Test
    void channelsAreAveragedSeparatelyInBothDirections() {
        BufferedImage source = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                source.setRGB(x, y, (x < 2 ? 200 : 0) << 16 | (y < 2 ? 100 : 0) << 8 | (x + y) * 10);
            }
        }
        BufferedImage target = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        AreaResizer.INSTANCE.resize(source, target);
        assertEquals(new Color(200, 100, 10), new Color(target.getRGB(0, 0)));
        assertEquals(new Color(0, 100, 30), new Color(target.getRGB(1, 0)));
        assertEquals(new Color(200, 0, 30), new Color(target.getRGB(0, 1)));
        assertEquals(new Color(0, 0, 50), new Color(target.getRGB(1, 1)));
    }

    @Test
    void aFlatImageStaysExactlyFlatAtAnyRatio() {
        BufferedImage source = new BufferedImage(997, 613, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = source.createGraphics();
        g.setColor(new Color(255, 1, 128));
        g.fillRect(0, 0, 997, 613);
        g.dispose();
        BufferedImage target = new BufferedImage(75, 46, BufferedImage.TYPE_INT_RGB);
        AreaResizer.INSTANCE.resize(source, target);
        for (int y = 0; y < 46; y++) {
            for (int x = 0; x < 75; x++) {
                assertEquals(0xFF0180, target.getRGB(x, y) & 0xFFFFFF, x + "," + y);
            }
        }
    }

    @Test
    void enlargingAndTransparentImagesGoToThumbnailatorsResizer() {
        BufferedImage small = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        small.setRGB(0, 0, 0xFFFFFF);
        BufferedImage larger = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        AreaResizer.INSTANCE.resize(small, larger);
        assertEquals(0xFFFFFF, larger.getRGB(0, 0) & 0xFFFFFF);

        BufferedImage alpha = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        alpha.setRGB(0, 0, 0x80FF0000);
        BufferedImage alphaTarget = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
        AreaResizer.INSTANCE.resize(alpha, alphaTarget);
        assertEquals(0, alphaTarget.getRGB(1, 1) >>> 24, "a transparent area stays transparent");
    }
}
