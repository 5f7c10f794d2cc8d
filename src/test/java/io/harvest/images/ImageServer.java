package io.harvest.images;

import io.harvest.image.OutputFormat;
import io.harvest.image.ThumbnailSize;
import io.harvest.image.ThumbnailSpec;
import io.harvest.job.Manifest;
import io.harvest.testing.LocalFetch;
import io.harvest.testing.SharedSpark;
import io.harvest.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;

/** What the images job tests share: encoded test images, configs for the test server, manifests. */
final class ImageServer {
    static final ThumbnailSize BOX = new ThumbnailSize(64, 64);

    private ImageServer() {}

    static byte[] encode(int w, int h, String format) {
        BufferedImage image = TestImages.photo(w, h, w * 31L + h);
        if (format.equals("png-alpha")) {
            BufferedImage argb = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            argb.getGraphics().drawImage(image, 0, 0, null);
            argb.setRGB(0, 0, 0x00FFFFFF);
            image = argb;
            format = "png";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A PNG that is only a header claiming {@code w} x {@code h}: a decompression bomb's front. */
    static byte[] pngHeader(int w, int h) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(w).putInt(h)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})
                .putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        return png.array();
    }

    static ImagesConfig config(Path input, Path output, String... hosts) {
        ThumbnailSpec spec = new ThumbnailSpec(List.of(BOX), OutputFormat.JPG, 0.95f,
                ThumbnailSpec.DEFAULT_MAX_PIXELS);
        return ImagesConfig.of(input.toString(), output.toString(), spec)
                .toBuilder().fetch(LocalFetch.options(LocalFetch.loopbackHosts(hosts))).partitions(2).build();
    }

    /** The manifest's rows by URL; a URL given twice maps to its last row (by item). */
    static Map<Long, Row> byItem(Path output) {
        Map<Long, Row> rows = new HashMap<>();
        for (Row r : SharedSpark.get().read().parquet(Manifest.path(output.toString()).toString()).collectAsList()) {
            if (rows.put(r.getLong(r.fieldIndex("item")), r) != null) {
                throw new AssertionError("two rows for item " + r.getLong(r.fieldIndex("item")));
            }
        }
        return rows;
    }

    static String status(Row row) {
        return row.getString(row.fieldIndex("status"));
    }
}
