package io.harvest.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;

import io.harvest.io.Storage;
import io.harvest.job.Summary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A random sample of ok thumbnails, the smallest size of each, inlined into the page as data
 * URIs: the report stays one file that shows its pictures wherever it is copied, and the
 * browser never reads the output folder. Thumbnails that cannot be read as files (inside
 * WebDataset shards, or deleted since) are left out and counted.
 */
final class ContactSheet {
    static final int SIZE = 60;
    /** A thumbnail bigger than this is not inlined: the page would grow past what is worth loading. */
    static final long MAX_INLINE_BYTES = 256 * 1024;
    private static final long SEED = 20261130;
    private static final Map<String, String> MIME = Map.of("jpg", "image/jpeg", "jpeg", "image/jpeg",
            "png", "image/png", "gif", "image/gif", "webp", "image/webp", "bmp", "image/bmp");
    private static final Logger LOG = LoggerFactory.getLogger(ContactSheet.class);

    /** One picture of the sheet: its source's name, its data URI and its size. */
    record Picture(String name, String dataUri, int width, int height) {}

    /** The sheet, and how many sampled thumbnails could not be shown. */
    record Sheet(List<Picture> pictures, int unreadable) {}

    private ContactSheet() {}

    static Sheet sample(Dataset<Row> manifest, ManifestFacts facts, Configuration hadoop) {
        long ok = facts.ok();
        if (!facts.hasThumbnails() || ok == 0) {
            return new Sheet(List.of(), 0);
        }
        double fraction = Math.min(1.0, 2.0 * SIZE / ok);
        List<Row> rows = manifest.filter(col("status").equalTo(Summary.OK).and(size(col("thumbnails")).gt(0)))
                .sample(false, fraction, SEED)
                .select(col(facts.name()).cast("string"), col("thumbnails"))
                .limit(SIZE).collectAsList();
        List<Picture> pictures = new ArrayList<>();
        int unreadable = 0;
        for (Row r : rows) {
            Picture p = picture(r.getString(0), r.getList(1), hadoop);
            if (p == null) {
                unreadable++;
            } else {
                pictures.add(p);
            }
        }
        return new Sheet(pictures, unreadable);
    }

    private static Picture picture(String name, List<Row> thumbnails, Configuration hadoop) {
        Row smallest = thumbnails.stream()
                .min(Comparator.comparingLong(t -> t.<Long>getAs("bytes"))).orElseThrow();
        String path = smallest.getAs("path");
        String mime = MIME.get(extension(path));
        long bytes = smallest.<Long>getAs("bytes");
        if (mime == null || bytes > MAX_INLINE_BYTES) {
            return null;
        }
        try {
            Path file = new Path(path);
            FileSystem fs = Storage.fileSystem(file, hadoop);
            byte[] data = Storage.readFully(fs, file, fs.getFileStatus(file).getLen(), MAX_INLINE_BYTES);
            return new Picture(name, "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(data),
                    smallest.<Integer>getAs("width"), smallest.<Integer>getAs("height"));
        } catch (IOException | RuntimeException e) {
            LOG.debug("thumbnail {} not shown: {}", path, e.toString());
            return null;
        }
    }

    private static String extension(String path) {
        int dot = path == null ? -1 : path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
