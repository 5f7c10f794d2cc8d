package io.harvest.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import net.coobird.thumbnailator.filters.ImageFilter;

/**
 * Centres a resized image on a canvas of the thumbnail's size: crops what overflows
 * ({@link ResizeMode#CROP}) and fills what is left ({@link ResizeMode#PAD}) with white, or with
 * transparency when the output keeps alpha (thumbnailator's own Canvas keeps the source's
 * pixel type, so an opaque source could not get a transparent letterbox).
 */
record Reframe(int width, int height, boolean alpha) implements ImageFilter {
    @Override
    public BufferedImage apply(BufferedImage image) {
        BufferedImage canvas = new BufferedImage(width, height,
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            if (!alpha) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, width, height);
            }
            g.drawImage(image, (width - image.getWidth()) / 2, (height - image.getHeight()) / 2, null);
        } finally {
            g.dispose();
        }
        return canvas;
    }
}
