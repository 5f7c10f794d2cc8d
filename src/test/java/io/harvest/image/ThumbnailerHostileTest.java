package io.harvest.image;

import io.harvest.job.Status;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class ThumbnailerHostileTest {
    private static final ThumbnailSpec SPEC = EncodedImages.spec(OutputFormat.SAME, new ThumbnailSize(75, 75));

    private static ImageException failure(byte[] data, String name) {
        ImageException last = null;
        for (Thumbnailer thumbnailer : EncodedImages.bothRoutes(SPEC)) {
            try (thumbnailer) {
                last = assertThrows(ImageException.class, () -> thumbnailer.make(data));
            }
        }
        return last;
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** A PNG that is only a header (and the end chunk) claiming the given size. */
    static byte[] pngHeader(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        byte[] ihdr = {
            (byte) (width >>> 24), (byte) (width >>> 16), (byte) (width >>> 8), (byte) width,
            (byte) (height >>> 24), (byte) (height >>> 16), (byte) (height >>> 8), (byte) height,
            8, 2, 0, 0, 0,
        };
        chunk(out, "IHDR", ihdr);
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.ISO_8859_1);
        int n = data.length;
        out.writeBytes(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        long c = crc.getValue();
        out.writeBytes(new byte[] {(byte) (c >>> 24), (byte) (c >>> 16), (byte) (c >>> 8), (byte) c});
    }

    /** A JPEG whose frame header claims the given size (the rest is a real small JPEG's). */
    private static byte[] jpegClaiming(int width, int height) {
        byte[] jpeg = EncodedImages.jpeg(EncodedImages.quadrants(64, 48), 0.9f);
        for (int i = 2; i < jpeg.length - 9; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                jpeg[i + 5] = (byte) (height >> 8);
                jpeg[i + 6] = (byte) height;
                jpeg[i + 7] = (byte) (width >> 8);
                jpeg[i + 8] = (byte) width;
                return jpeg;
            }
        }
        throw new IllegalStateException("no SOF0");
    }

    @Test
    void hugePngIsRefusedFromItsHeaderWithoutAllocatingPixels() {
        ImageException e = assertRefusedWithoutAllocating(pngHeader(100_000, 100_000), "huge.png");
        assertTrue(e.getMessage().contains("100000x100000"), e.getMessage());
    }

    @Test
    void hugeJpegIsRefusedFromItsHeaderWithoutAllocatingPixels() {
        assertRefusedWithoutAllocating(jpegClaiming(60_000, 60_000), "huge.jpg");
    }

    /** Refused as too many pixels on both routes, with less than 4 MiB allocated on the way. */
    private static ImageException assertRefusedWithoutAllocating(byte[] data, String name) {
        ImageException e = null;
        for (Thumbnailer thumbnailer : EncodedImages.bothRoutes(SPEC)) {
            try (thumbnailer) {
                long before = allocatedBytes();
                e = assertThrows(ImageException.class, () -> thumbnailer.make(data));
                long allocated = allocatedBytes() - before;
                assertEquals(Status.TOO_MANY_PIXELS, e.failure(), e.getMessage());
                assertTrue(allocated < 4 << 20, "allocated " + allocated + " bytes");
            }
        }
        return e;
    }

    @Test
    void pixelCapIsTheSpecs() throws Exception {
        byte[] jpeg = EncodedImages.jpeg(EncodedImages.quadrants(400, 300), 0.9f);
        ThumbnailSpec small = new ThumbnailSpec(List.of(new ThumbnailSize(75, 75)), OutputFormat.SAME, 0.8f, 119_999);
        try (Thumbnailer thumbnailer = new Thumbnailer(small)) {
            ImageException e = assertThrows(ImageException.class, () -> thumbnailer.make(jpeg));
            assertEquals(Status.TOO_MANY_PIXELS, e.failure());
        }
        ThumbnailSpec exact = new ThumbnailSpec(List.of(new ThumbnailSize(75, 75)), OutputFormat.SAME, 0.8f, 120_000);
        try (Thumbnailer thumbnailer = new Thumbnailer(exact)) {
            assertEquals(75, thumbnailer.make(jpeg).images().get(0).width());
        }
    }

    @Test
    void emptyFileIsNotAnImage() {
        ImageException e = failure(new byte[0], "empty.jpg");
        assertEquals(Status.NOT_IMAGE, e.failure());
        assertEquals("empty file", e.getMessage());
    }

    @Test
    void textIsNotAnImageWhateverItsName() {
        byte[] text = "<html><body>Not found</body></html>".getBytes(StandardCharsets.UTF_8);
        assertEquals(Status.NOT_IMAGE, failure(text, "page.jpg").failure());
    }

    @Test
    void realImagesOfFormatsNotReadAreUnsupported() {
        byte[] tiff = {'I', 'I', '*', 0, 8, 0, 0, 0, 0, 0};
        assertEquals(Status.UNSUPPORTED, failure(tiff, "scan.jpg").failure());
        byte[] heic = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0};
        assertEquals(Status.UNSUPPORTED, failure(heic, "phone.jpg").failure());
    }

    @Test
    void truncatedJpegIsADecodeError() {
        for (boolean progressive : new boolean[] {false, true}) {
            byte[] jpeg = EncodedImages.jpeg(EncodedImages.photo(320, 240, 7), 0.9f, progressive);
            ImageException e = failure(Arrays.copyOf(jpeg, jpeg.length * 2 / 3), "cut.jpg");
            assertEquals(Status.DECODE_ERROR, e.failure());
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    @Test
    void truncatedImagesOfOtherFormatsAreDecodeErrors() {
        byte[] photoPng = EncodedImages.encode(EncodedImages.photo(200, 150, 3), "png");
        byte[] photoBmp = EncodedImages.encode(EncodedImages.photo(200, 150, 4), "bmp");
        byte[] photoGif = EncodedImages.encode(EncodedImages.photo(200, 150, 5), "gif");
        byte[] webp = EncodedImages.resource("lossy.webp");
        for (byte[] whole : List.of(photoPng, photoBmp, photoGif, webp)) {
            ImageException e = failure(Arrays.copyOf(whole, whole.length / 2), "cut");
            assertEquals(Status.DECODE_ERROR, e.failure(), e.getMessage());
        }
    }

    @Test
    void jpegWithTrailingGarbageAfterItsEndIsFine() throws Exception {
        byte[] jpeg = EncodedImages.jpeg(EncodedImages.quadrants(160, 120), 0.9f);
        byte[] padded = Arrays.copyOf(jpeg, jpeg.length + 100);
        for (Thumbnailer thumbnailer : EncodedImages.bothRoutes(SPEC)) {
            try (thumbnailer) {
                assertEquals(75, thumbnailer.make(padded).images().get(0).width());
            }
        }
    }

    /**
     * A task reads each file into the start of one reused buffer: what lies past an image's
     * length (the rest of a larger, earlier file) is never part of it. A truncated JPEG stays
     * truncated though an end marker follows in the buffer, a short file is not the JPEG it
     * overwrote, and whole images give the thumbnails they give alone.
     */
    @Test
    void bytesPastTheLengthGivenAreNeverRead() throws Exception {
        byte[] earlier = stale(EncodedImages.jpeg(EncodedImages.photo(640, 480, 9), 0.9f), 400_000);
        byte[] jpeg = EncodedImages.jpeg(EncodedImages.photo(320, 240, 7), 0.9f);
        byte[] png = EncodedImages.encode(EncodedImages.photo(200, 150, 3), "png");
        for (Thumbnailer thumbnailer : EncodedImages.bothRoutes(SPEC)) {
            try (thumbnailer) {
                for (byte[] image : List.of(jpeg, png)) {
                    byte[] buffer = earlier.clone();
                    System.arraycopy(image, 0, buffer, 0, image.length);
                    assertArrayEquals(thumbnailer.make(image).images().get(0).bytes(),
                            thumbnailer.make(buffer, image.length, OutputFormat.SAME).images().get(0).bytes());
                }
                byte[] cut = earlier.clone();
                System.arraycopy(jpeg, 0, cut, 0, jpeg.length * 2 / 3);
                ImageException truncated = assertThrows(ImageException.class,
                        () -> thumbnailer.make(cut, jpeg.length * 2 / 3, OutputFormat.SAME));
                assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
                byte[] text = earlier.clone();
                text[0] = 'h';
                text[1] = 'i';
                assertEquals(Status.NOT_IMAGE, assertThrows(ImageException.class,
                        () -> thumbnailer.make(text, 2, OutputFormat.SAME)).failure());
                assertEquals(Status.NOT_IMAGE, assertThrows(ImageException.class,
                        () -> thumbnailer.make(earlier, 0, OutputFormat.SAME)).failure());
            }
        }
    }

    /** A buffer of {@code size} bytes holding copies of an earlier file, end markers and all. */
    private static byte[] stale(byte[] file, int size) {
        byte[] buffer = new byte[size];
        for (int at = 0; at < size; at += file.length) {
            System.arraycopy(file, 0, buffer, at, Math.min(file.length, size - at));
        }
        return buffer;
    }

    /**
     * Damaged copies of real images of every format (bytes flipped, cut, repeated): each one
     * either makes thumbnails or fails with an ImageException, never anything else.
     */
    @Test
    void damagedImagesNeverEscapeAsOtherExceptions() {
        List<byte[]> originals = List.of(
                EncodedImages.jpeg(EncodedImages.photo(96, 64, 1), 0.9f),
                EncodedImages.jpeg(EncodedImages.photo(96, 64, 2), 0.9f, true),
                EncodedImages.withOrientation(EncodedImages.jpeg(EncodedImages.photo(64, 96, 3), 0.9f), 6),
                EncodedImages.resource("cmyk.jpg"),
                EncodedImages.encode(EncodedImages.photo(96, 64, 4), "png"),
                EncodedImages.encode(EncodedImages.photo(96, 64, 5), "gif"),
                EncodedImages.encode(EncodedImages.photo(96, 64, 6), "bmp"),
                EncodedImages.resource("lossy.webp"),
                EncodedImages.resource("alpha-lossless.webp"));
        SplittableRandom random = new SplittableRandom(42);
        int made = 0;
        int failed = 0;
        for (Thumbnailer thumbnailer : EncodedImages.bothRoutes(SPEC)) {
            try (thumbnailer) {
                for (byte[] original : originals) {
                    for (int i = 0; i < 60; i++) {
                        byte[] damaged = damage(original, random);
                        try {
                            thumbnailer.make(damaged);
                            made++;
                        } catch (ImageException e) {
                            failed++;
                        } catch (RuntimeException e) {
                            fail("escaped from make on " + thumbnailer.decoderName() + ": " + e, e);
                        }
                    }
                }
            }
        }
        assertTrue(made > 0 && failed > 0, "made " + made + ", failed " + failed);
    }

    private static byte[] damage(byte[] original, SplittableRandom random) {
        byte[] d = original.clone();
        switch (random.nextInt(3)) {
            case 0 -> {
                for (int n = 1 + random.nextInt(8); n > 0; n--) {
                    d[random.nextInt(d.length)] = (byte) random.nextInt(256);
                }
                return d;
            }
            case 1 -> {
                return Arrays.copyOf(d, random.nextInt(d.length));
            }
            default -> {
                int at = random.nextInt(d.length);
                int length = Math.min(d.length - at, 1 + random.nextInt(64));
                byte[] longer = Arrays.copyOf(d, d.length + length);
                System.arraycopy(d, at, longer, at + length, d.length - at);
                return longer;
            }
        }
    }
}
