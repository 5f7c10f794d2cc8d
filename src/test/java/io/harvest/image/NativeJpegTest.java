package io.harvest.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NativeJpegTest {
    private static final ThumbnailSpec SPEC = EncodedImages.spec(OutputFormat.JPG, new ThumbnailSize(75, 75));
    /** 1600x1200: 1/8 scale for libjpeg-turbo, every second pixel for ImageIO. */
    private static final byte[] JPEG = EncodedImages.jpeg(EncodedImages.photo(1600, 1200, 1), 0.9f);

    /** A decoder that answers every image the same way. */
    private record Failing(Throwable thrown) implements NativeJpegDecoder {
        @Override
        public String name() {
            return "failing";
        }

        @Override
        public BufferedImage decode(byte[] jpeg, int length, int eighths) throws IOException {
            if (thrown instanceof IOException e) {
                throw e;
            }
            throw (Error) thrown;
        }

        @Override
        public void close() {}
    }

    @Test
    void missingNativeLibraryFallsBackToPureJavaAndIsTriedOnlyOnce() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        UnsatisfiedLinkError missing = new UnsatisfiedLinkError("no turbojpeg in java.library.path");
        NativeJpeg natives = new NativeJpeg(() -> {
            opened.incrementAndGet();
            throw missing;
        });
        for (int task = 0; task < 3; task++) {
            try (Thumbnailer thumbnailer = new Thumbnailer(SPEC, natives)) {
                assertEquals("imageio", thumbnailer.decoderName());
                assertEquals("imageio 1/2", thumbnailer.make(JPEG).decoder());
            }
        }
        assertEquals(1, opened.get());
        assertSame(missing, natives.failure());
    }

    @Test
    void bindingThatDoesNotLinkFallsBackForThatImageAndAfter() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        NativeJpeg natives = new NativeJpeg(() -> {
            opened.incrementAndGet();
            return new Failing(new UnsatisfiedLinkError("decompressHeader: no such native method"));
        });
        try (Thumbnailer thumbnailer = new Thumbnailer(SPEC, natives)) {
            assertEquals("failing", thumbnailer.decoderName());
            assertEquals("imageio 1/2", thumbnailer.make(JPEG).decoder());
            assertEquals("imageio", thumbnailer.decoderName());
        }
        try (Thumbnailer next = new Thumbnailer(SPEC, natives)) {
            assertEquals("imageio", next.decoderName());
        }
        assertEquals(1, opened.get());
    }

    @Test
    void jpegTheNativeDecoderRefusesIsReadByPureJava() throws Exception {
        NativeJpeg natives = new NativeJpeg(() -> new Failing(new IOException("Unsupported color conversion request")));
        try (Thumbnailer thumbnailer = new Thumbnailer(SPEC, natives)) {
            assertEquals("imageio 1/2", thumbnailer.make(JPEG).decoder());
            assertEquals("failing", thumbnailer.decoderName(), "one refused file does not turn the route off");
        }
        assertNull(natives.failure());
    }

    /** One jar for every machine: the binding is always built in, whatever the build machine has. */
    @Test
    void theLibjpegTurboBindingIsAlwaysRegistered() {
        assertEquals(List.of("io.harvest.image.turbo.TurboJpegDecoder$Provider"),
                ServiceLoader.load(NativeJpegDecoder.Provider.class).stream().map(p -> p.type().getName()).toList());
    }

    /** Where the machine has the library (the runtime package's versioned name is enough), it is what runs. */
    @Test
    void libjpegTurboRunsWhereItIsInstalled() throws Exception {
        assumeTrue(Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libturbojpeg.so.0"))
                || Files.exists(Path.of("/usr/lib/aarch64-linux-gnu/libturbojpeg.so.0")), "no libturbojpeg here");
        try (Thumbnailer thumbnailer = new Thumbnailer(SPEC)) {
            assertEquals("turbojpeg", thumbnailer.decoderName());
            assertEquals("turbojpeg 1/8", thumbnailer.make(JPEG).decoder());
            // 400x300 for 75x56: 1/8 gives 50x38, too small; 3/8 gives 150x113, the first to keep twice.
            byte[] small = EncodedImages.jpeg(EncodedImages.photo(400, 300, 2), 0.9f);
            assertEquals("turbojpeg 3/8", thumbnailer.make(small).decoder());
        }
    }

    /** JPEG thumbnails are encoded by libjpeg-turbo where it runs: the same picture as the JDK's writer gives. */
    @Test
    void nativeEncoderWritesWhatTheJdkWriterWouldAtTheSameQuality() throws Exception {
        ThumbnailSpec spec = EncodedImages.spec(OutputFormat.JPG, new ThumbnailSize(256, 256));
        try (Thumbnailer turbo = new Thumbnailer(spec); Thumbnailer jdk = new Thumbnailer(spec, NativeJpeg.NONE)) {
            assumeTrue(turbo.decoderName().equals("turbojpeg"), "no libjpeg-turbo here");
            Thumbnail fast = turbo.make(JPEG).images().get(0);
            Thumbnail reference = jdk.make(JPEG).images().get(0);
            BufferedImage fastImage = EncodedImages.decode(fast.bytes());
            assertEquals(256, fastImage.getWidth());
            assertEquals(192, fastImage.getHeight());
            double psnr = Reference.psnr(EncodedImages.decode(reference.bytes()), fastImage);
            assertTrue(psnr > 40, "PSNR against the JDK writer's thumbnail: " + psnr);
            double ratio = (double) fast.bytes().length / reference.bytes().length;
            assertTrue(ratio > 0.8 && ratio < 1.25, "sizes " + fast.bytes().length + " and " + reference.bytes().length);
        }
    }
}
