package io.harvest.images;

import io.harvest.image.Thumbnail;
import io.harvest.image.Thumbnails;
import io.harvest.items.WorkItem;
import io.harvest.job.Status;
import io.harvest.net.FetchColumns;
import io.harvest.net.FetchResult;
import io.harvest.spark.Rows;
import io.harvest.spark.Tally;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The images job's manifest: its schema and the making of its rows. The fixed columns, then
 * with Parquet output the bytes ({@code thumbnail_bytes}, in the order of {@code thumbnails},
 * and {@code original_bytes} with --keep-original), else {@code original_path} with
 * --keep-original; then the input's columns.
 */
final class ImageRows implements Serializable {
    private static final long serialVersionUID = 1L;

    /** As in the thumbnails job's manifest. */
    static final StructType THUMBNAIL = new StructType(new StructField[] {
        DataTypes.createStructField("size", DataTypes.StringType, false),
        DataTypes.createStructField("path", DataTypes.StringType, true),
        DataTypes.createStructField("width", DataTypes.IntegerType, false),
        DataTypes.createStructField("height", DataTypes.IntegerType, false),
        DataTypes.createStructField("bytes", DataTypes.LongType, false),
    });

    static final StructType FIXED = new StructType(new StructField[] {
        FetchColumns.ITEM,
        DataTypes.createStructField("key", DataTypes.StringType, false),
        FetchColumns.URL,
        FetchColumns.FINAL_URL,
        FetchColumns.STATUS,
        FetchColumns.HTTP_STATUS,
        FetchColumns.ERROR,
        FetchColumns.CONTENT_TYPE,
        FetchColumns.BYTES,
        FetchColumns.SHA256,
        DataTypes.createStructField("source_format", DataTypes.StringType, true),
        DataTypes.createStructField("source_width", DataTypes.IntegerType, true),
        DataTypes.createStructField("source_height", DataTypes.IntegerType, true),
        DataTypes.createStructField("thumbnails", DataTypes.createArrayType(THUMBNAIL, false), false),
        FetchColumns.ELAPSED_MS,
        FetchColumns.ATTEMPTS,
    });
    static final int ITEM = FIXED.fieldIndex("item");
    static final int STATUS = FIXED.fieldIndex("status");
    private static final int HTTP_STATUS = FIXED.fieldIndex("http_status");
    private static final int BYTES = FIXED.fieldIndex("bytes");
    private static final int THUMBNAILS = FIXED.fieldIndex("thumbnails");
    private static final int THUMBNAIL_BYTES = THUMBNAIL.fieldIndex("bytes");

    private final boolean inlineBytes;
    private final boolean keepOriginal;
    private final int carriedAt;
    private final int carriedCount;

    ImageRows(boolean inlineBytes, boolean keepOriginal, int carriedCount) {
        this.inlineBytes = inlineBytes;
        this.keepOriginal = keepOriginal;
        this.carriedAt = FIXED.size() + (inlineBytes ? 1 : 0) + (keepOriginal ? 1 : 0);
        this.carriedCount = carriedCount;
    }

    static StructType schema(boolean inlineBytes, boolean keepOriginal, List<StructField> carried) {
        List<StructField> all = new ArrayList<>(List.of(FIXED.fields()));
        if (inlineBytes) {
            all.add(DataTypes.createStructField("thumbnail_bytes",
                    DataTypes.createArrayType(DataTypes.BinaryType, false), true));
        }
        if (keepOriginal) {
            all.add(inlineBytes ? DataTypes.createStructField("original_bytes", DataTypes.BinaryType, true)
                    : DataTypes.createStructField("original_path", DataTypes.StringType, true));
        }
        all.addAll(carried);
        return DataTypes.createStructType(all);
    }

    /** Names an input column must not take: it is renamed {@code input_<name>} instead. */
    static Set<String> reservedNames() {
        Set<String> names = new HashSet<>(List.of(FIXED.fieldNames()));
        names.addAll(List.of("thumbnail_bytes", "original_bytes", "original_path"));
        return names;
    }

    /** The item's key: its number, zero-padded, so that keys sort in input order. */
    static String key(long item) {
        return String.format(Locale.ROOT, "%09d", item);
    }

    /** The folder of a key under each size: ten thousand items per folder. */
    static String shardFolder(long item) {
        return String.format(Locale.ROOT, "%05d", item / 10_000);
    }

    /** A row for an item that ends without images: a failure, or a page with --links-from. */
    Row withoutImages(WorkItem item, FetchResult r, Status status, String error, long elapsedMs) {
        Object[] v = start(item, r, status, error, elapsedMs);
        v[THUMBNAILS] = Rows.array(List.of());
        return RowFactory.create(v);
    }

    /** The row of an item whose input record is unreadable: never fetched. */
    Row unreadable(WorkItem item) {
        return withoutImages(item, null, Status.INVALID_URL, item.unreadable(), 0);
    }

    /**
     * The row of an item made into thumbnails.
     *
     * @param paths where each thumbnail went, then the original's with --keep-original; null
     *              for Parquet output, whose rows hold the bytes instead
     */
    Row made(WorkItem item, FetchResult r, Thumbnails t, List<String> paths, long elapsedMs) {
        Object[] v = start(item, r, Status.OK, null, elapsedMs);
        v[FIXED.fieldIndex("source_format")] = t.sourceFormat();
        v[FIXED.fieldIndex("source_width")] = t.sourceWidth();
        v[FIXED.fieldIndex("source_height")] = t.sourceHeight();
        List<Row> thumbs = new ArrayList<>(t.images().size());
        List<byte[]> bytes = new ArrayList<>(t.images().size());
        for (int i = 0; i < t.images().size(); i++) {
            Thumbnail th = t.images().get(i);
            thumbs.add(RowFactory.create(th.size().toString(), paths == null ? null : paths.get(i),
                    th.width(), th.height(), (long) th.bytes().length));
            bytes.add(th.bytes());
        }
        v[THUMBNAILS] = Rows.array(thumbs);
        int next = FIXED.size();
        if (inlineBytes) {
            v[next++] = Rows.array(bytes);
        }
        if (keepOriginal) {
            v[next] = inlineBytes ? r.body() : paths.get(t.images().size());
        }
        return RowFactory.create(v);
    }

    private Object[] start(WorkItem item, FetchResult r, Status status, String error, long elapsedMs) {
        Object[] v = new Object[carriedAt + carriedCount];
        v[ITEM] = item.item();
        v[FIXED.fieldIndex("key")] = key(item.item());
        v[FIXED.fieldIndex("url")] = item.url();
        v[STATUS] = status.label();
        v[FIXED.fieldIndex("error")] = error;
        v[BYTES] = r == null ? 0L : r.bytes();
        v[FIXED.fieldIndex("elapsed_ms")] = elapsedMs + (r == null ? 0 : r.elapsedMs());
        v[FIXED.fieldIndex("attempts")] = r == null ? 0 : r.attempts();
        if (r != null) {
            v[FIXED.fieldIndex("final_url")] = r.finalUrl();
            v[HTTP_STATUS] = r.httpStatus();
            v[FIXED.fieldIndex("content_type")] = r.contentType();
            v[FIXED.fieldIndex("sha256")] = r.sha256();
        }
        for (int i = 0; i < carriedCount; i++) {
            v[carriedAt + i] = item.carried().get(i);
        }
        return v;
    }

    /** The carried values of a row made here, in order. */
    List<Object> carried(Row row) {
        List<Object> values = new ArrayList<>(carriedCount);
        for (int i = 0; i < carriedCount; i++) {
            values.add(row.get(carriedAt + i));
        }
        return values;
    }

    static boolean failed(Row row) {
        return Status.ofLabel(row.getString(STATUS)).map(Status::failed).orElse(true);
    }

    /** Counts a row into the run's tally: what the summary reports. */
    static void tally(Row row, Tally tally) {
        FetchColumns.tally(row, tally, STATUS, BYTES, HTTP_STATUS);
        List<Row> thumbs = row.getList(THUMBNAILS);
        if (!thumbs.isEmpty()) {
            tally.add("images_made", 1);
        }
        tally.add("thumbnails_written", thumbs.size());
        for (Row t : thumbs) {
            tally.add("bytes_written", t.getLong(THUMBNAIL_BYTES));
        }
    }
}
