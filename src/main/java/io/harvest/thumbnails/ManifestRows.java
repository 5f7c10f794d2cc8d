package io.harvest.thumbnails;

import io.harvest.image.Thumbnail;
import io.harvest.image.Thumbnails;
import io.harvest.spark.Rows;
import io.harvest.spark.Tally;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The thumbnails job's manifest: its schema and the making of its rows. */
final class ManifestRows {
    static final StructType THUMBNAIL = new StructType(new StructField[] {
        DataTypes.createStructField("size", DataTypes.StringType, false),
        DataTypes.createStructField("path", DataTypes.StringType, false),
        DataTypes.createStructField("width", DataTypes.IntegerType, false),
        DataTypes.createStructField("height", DataTypes.IntegerType, false),
        DataTypes.createStructField("bytes", DataTypes.LongType, false),
    });

    static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("source", DataTypes.StringType, false),
        DataTypes.createStructField("relative_path", DataTypes.StringType, false),
        DataTypes.createStructField("status", DataTypes.StringType, false),
        DataTypes.createStructField("error", DataTypes.StringType, true),
        DataTypes.createStructField("source_bytes", DataTypes.LongType, false),
        DataTypes.createStructField("source_format", DataTypes.StringType, true),
        DataTypes.createStructField("source_width", DataTypes.IntegerType, true),
        DataTypes.createStructField("source_height", DataTypes.IntegerType, true),
        DataTypes.createStructField("thumbnails", DataTypes.createArrayType(THUMBNAIL, false), false),
        DataTypes.createStructField("decoder", DataTypes.StringType, true),
        DataTypes.createStructField("elapsed_ms", DataTypes.LongType, false),
    });

    static final int STATUS = SCHEMA.fieldIndex("status");
    private static final int SOURCE_BYTES = SCHEMA.fieldIndex("source_bytes");
    private static final int THUMBNAILS = SCHEMA.fieldIndex("thumbnails");
    private static final int DECODER = SCHEMA.fieldIndex("decoder");
    private static final int THUMBNAIL_BYTES = THUMBNAIL.fieldIndex("bytes");

    private ManifestRows() {}

    /** A thumbnail as written: its path and what it holds. */
    record Written(String size, String path, int width, int height, long bytes) {
        Row toRow() {
            return RowFactory.create(size, path, width, height, bytes);
        }
    }

    static Row made(PlannedItem item, String status, Thumbnails t, List<Written> written, long elapsedMs) {
        List<Row> thumbs = new ArrayList<>(written.size());
        written.forEach(w -> thumbs.add(w.toRow()));
        return RowFactory.create(item.source().path(), item.source().relative(), status, null,
                item.source().size(), t.sourceFormat(), t.sourceWidth(), t.sourceHeight(), Rows.array(thumbs),
                t.decoder(), elapsedMs);
    }

    static Row failed(PlannedItem item, String status, String error, long elapsedMs) {
        return RowFactory.create(item.source().path(), item.source().relative(), status, error,
                item.source().size(), null, null, null, Rows.array(List.of()), null, elapsedMs);
    }

    /** Counts a row into the run's tally: what the summary reports. */
    static void tally(Row row, Tally tally) {
        tally.count("status", row.getString(STATUS));
        tally.add("bytes", row.getLong(SOURCE_BYTES));
        if (!row.isNullAt(DECODER)) {
            tally.count("decoder", row.getString(DECODER));
        }
        List<Row> thumbs = row.getList(THUMBNAILS);
        tally.add("thumbnails_written", thumbs.size());
        for (Row t : thumbs) {
            tally.add("bytes_written", t.getLong(THUMBNAIL_BYTES));
        }
    }

    static List<Written> written(List<Thumbnail> images, List<String> paths) {
        List<Written> out = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            Thumbnail t = images.get(i);
            out.add(new Written(t.size().toString(), paths.get(i), t.width(), t.height(), t.bytes().length));
        }
        return out;
    }
}
