package io.harvest.image;

import io.harvest.job.Status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageHeadersTest {
    private static final int HEAD = 256 * 1024;

    @Test
    void readsFormatSizeAndOrientationFromTheStartOfALargeJpeg() throws Exception {
        byte[] jpeg = EncodedImages.withOrientation(EncodedImages.jpeg(EncodedImages.photo(3000, 2000, 5), 0.95f), 6);
        assertTrue(jpeg.length > 2 * HEAD, "the test needs a file larger than the head: " + jpeg.length);
        ImageInfo info = ImageHeaders.probe(Arrays.copyOf(jpeg, HEAD));
        assertEquals(new ImageInfo("jpeg", 3000, 2000, 6), info);
        assertEquals(2000, info.displayWidth());
        assertEquals(3000, info.displayHeight());
    }

    @Test
    void findsTheOrientationBehindLargeSegments() throws Exception {
        byte[] jpeg = EncodedImages.withOrientation(EncodedImages.jpeg(EncodedImages.quadrants(64, 48), 0.9f), 8);
        // A 60 KB APP2 (where ICC profiles live) between SOI and EXIF.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int length = 60_000;
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE2, (byte) (length >> 8), (byte) length});
        out.writeBytes(new byte[length - 2]);
        out.write(jpeg, 2, jpeg.length - 2);
        assertEquals(new ImageInfo("jpeg", 64, 48, 8), ImageHeaders.probe(out.toByteArray()));
    }

    @Test
    void jpegWithoutExifIsAsStored() throws Exception {
        byte[] jpeg = EncodedImages.jpeg(EncodedImages.quadrants(64, 48), 0.9f);
        assertEquals(new ImageInfo("jpeg", 64, 48, 1), ImageHeaders.probe(jpeg));
    }

    @Test
    void readsTheSizeOfEveryOtherFormat() throws Exception {
        byte[] png = EncodedImages.encode(EncodedImages.photo(2000, 1500, 9), "png");
        assertEquals(new ImageInfo("png", 2000, 1500, 1), ImageHeaders.probe(Arrays.copyOf(png, Math.min(png.length, HEAD))));
        assertEquals(new ImageInfo("gif", 96, 64, 1), ImageHeaders.probe(EncodedImages.encode(EncodedImages.quadrants(96, 64), "gif")));
        assertEquals(new ImageInfo("bmp", 96, 64, 1), ImageHeaders.probe(EncodedImages.encode(EncodedImages.quadrants(96, 64), "bmp")));
        assertEquals(new ImageInfo("webp", 96, 64, 1), ImageHeaders.probe(EncodedImages.resource("lossy.webp")));
    }

    @Test
    void hugeHeadersAreReadWithoutTrouble() throws Exception {
        assertEquals(new ImageInfo("png", 100_000, 100_000, 1),
                ImageHeaders.probe(ThumbnailerHostileTest.pngHeader(100_000, 100_000)));
    }

    @Test
    void nonImagesAreRefusedByTheirSignatureAndBrokenHeadersAreDecodeErrors() {
        assertEquals(Status.NOT_IMAGE,
                assertThrows(ImageException.class, () -> ImageHeaders.probe(new byte[0])).failure());
        assertEquals(Status.NOT_IMAGE,
                assertThrows(ImageException.class, () -> ImageHeaders.probe("GIF? no".getBytes())).failure());
        byte[] cut = Arrays.copyOf(EncodedImages.jpeg(EncodedImages.quadrants(64, 48), 0.9f), 40);
        assertEquals(Status.DECODE_ERROR,
                assertThrows(ImageException.class, () -> ImageHeaders.probe(cut)).failure());
    }
}
