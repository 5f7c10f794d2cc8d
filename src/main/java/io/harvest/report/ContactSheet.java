package io.harvest.report;

import io.harvest.io.Storage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A random sample of ok thumbnails ({@link ManifestScan}), the smallest size of each, inlined
 * into the page as data URIs: the report stays one file that shows its pictures wherever it is
 * copied, and the browser never reads the output folder. Thumbnails that cannot be read as files (inside
 * WebDataset shards, or deleted since) are left out and counted.
 */
final class ContactSheet {
    static final int SIZE = 60;
    /** A thumbnail bigger than this is not inlined: the page would grow past what is worth loading. */
    static final long MAX_INLINE_BYTES = 256 * 1024;
    private static final Map<String, String> MIME = Map.of("jpg", "image/jpeg", "jpeg", "image/jpeg",
            "png", "image/png", "gif", "image/gif", "webp", "image/webp", "bmp", "image/bmp");
    private static final Logger LOG = LoggerFactory.getLogger(ContactSheet.class);

    /** One picture of the sheet: its source's name, its data URI and its size. */
    record Picture(String name, String dataUri, int width, int height) {}

    /** The sheet, and how many sampled thumbnails could not be shown. */
    record Sheet(List<Picture> pictures, int unreadable) {}

    private ContactSheet() {}

    /** Reads the thumbnails of the manifest's sample ({@link ManifestFacts#sample()}) and inlines them. */
    static Sheet read(ManifestFacts facts, Configuration hadoop) {
        List<Picture> pictures = new ArrayList<>();
        int unreadable = 0;
        for (ManifestScan.Candidate c : facts.sample()) {
            Picture p = picture(c, hadoop);
            if (p == null) {
                unreadable++;
            } else {
                pictures.add(p);
            }
        }
        return new Sheet(pictures, unreadable);
    }

    private static Picture picture(ManifestScan.Candidate c, Configuration hadoop) {
        String mime = MIME.get(extension(c.path()));
        if (mime == null || c.bytes() > MAX_INLINE_BYTES) {
            return null;
        }
        try {
            Path file = new Path(c.path());
            FileSystem fs = Storage.fileSystem(file, hadoop);
            byte[] data = Storage.readFully(fs, file, fs.getFileStatus(file).getLen(), MAX_INLINE_BYTES);
            return new Picture(c.name(), "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(data),
                    c.width(), c.height());
        } catch (IOException | RuntimeException e) {
            LOG.debug("thumbnail {} not shown: {}", c.path(), e.toString());
            return null;
        }
    }

    private static String extension(String path) {
        int dot = path == null ? -1 : path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
