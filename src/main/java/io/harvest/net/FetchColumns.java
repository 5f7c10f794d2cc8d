package io.harvest.net;

import io.harvest.spark.Tally;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * The manifest columns every downloading job has, declared once: the item's number and URL
 * and what fetching it gave ({@link FetchResult}). Each job places them among its own
 * columns, in the order its manifest has always had.
 */
public final class FetchColumns {
    public static final StructField ITEM = DataTypes.createStructField("item", DataTypes.LongType, false);
    public static final StructField URL = DataTypes.createStructField("url", DataTypes.StringType, true);
    public static final StructField FINAL_URL =
            DataTypes.createStructField("final_url", DataTypes.StringType, true);
    public static final StructField STATUS = DataTypes.createStructField("status", DataTypes.StringType, false);
    public static final StructField HTTP_STATUS =
            DataTypes.createStructField("http_status", DataTypes.IntegerType, true);
    public static final StructField ERROR = DataTypes.createStructField("error", DataTypes.StringType, true);
    public static final StructField CONTENT_TYPE =
            DataTypes.createStructField("content_type", DataTypes.StringType, true);
    /** The body's bytes as received: the column the summary sums. */
    public static final StructField BYTES = DataTypes.createStructField("bytes", DataTypes.LongType, false);
    public static final StructField ELAPSED_MS =
            DataTypes.createStructField("elapsed_ms", DataTypes.LongType, false);
    public static final StructField ATTEMPTS = DataTypes.createStructField("attempts", DataTypes.IntegerType, false);
    public static final StructField SHA256 = DataTypes.createStructField("sha256", DataTypes.StringType, true);

    private FetchColumns() {}

    /**
     * Counts a row into the run's tally as every downloading job's summary reads it: items by
     * status and by HTTP status, and bytes; the positions are the job's own.
     */
    public static void tally(Row row, Tally tally, int statusAt, int bytesAt, int httpStatusAt) {
        tally.count("status", row.getString(statusAt));
        tally.add("bytes", row.getLong(bytesAt));
        if (!row.isNullAt(httpStatusAt)) {
            tally.count("http_status", String.valueOf(row.getInt(httpStatusAt)));
        }
    }
}
