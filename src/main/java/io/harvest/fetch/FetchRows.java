package io.harvest.fetch;

import io.harvest.items.WorkItem;
import io.harvest.net.FetchColumns;
import io.harvest.net.FetchResult;
import io.harvest.job.Status;
import io.harvest.spark.Rows;
import java.io.Serializable;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import io.harvest.spark.Tally;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The fetch job's manifest: its schema and the making of its rows. The fixed columns come
 * first, then one string column per {@code --extract} field (but a field named like one of
 * the {@link #REPLACEABLE} page fields fills that column instead), then {@code body} with
 * {@code --save-body}, then the columns carried from the input.
 */
final class FetchRows implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final DataType STRINGS = DataTypes.createArrayType(DataTypes.StringType, false);

    /** The fixed columns; {@code bytes} is the one the summary sums. */
    static final StructType FIXED = new StructType(new StructField[] {
        FetchColumns.ITEM,
        FetchColumns.URL,
        FetchColumns.FINAL_URL,
        FetchColumns.STATUS,
        FetchColumns.HTTP_STATUS,
        FetchColumns.ERROR,
        FetchColumns.CONTENT_TYPE,
        DataTypes.createStructField("charset", DataTypes.StringType, true),
        FetchColumns.BYTES,
        FetchColumns.ELAPSED_MS,
        FetchColumns.ATTEMPTS,
        DataTypes.createStructField("fetched_at", DataTypes.TimestampType, true),
        FetchColumns.SHA256,
        DataTypes.createStructField("title", DataTypes.StringType, true),
        DataTypes.createStructField("description", DataTypes.StringType, true),
        DataTypes.createStructField("canonical", DataTypes.StringType, true),
        DataTypes.createStructField("lang", DataTypes.StringType, true),
        DataTypes.createStructField("links", STRINGS, true),
        DataTypes.createStructField("images", STRINGS, true),
    });
    static final String BODY = "body";
    private static final int ITEM = FIXED.fieldIndex("item");
    private static final int URL = FIXED.fieldIndex("url");
    private static final int FINAL_URL = FIXED.fieldIndex("final_url");
    private static final int STATUS = FIXED.fieldIndex("status");
    private static final int HTTP_STATUS = FIXED.fieldIndex("http_status");
    private static final int ERROR = FIXED.fieldIndex("error");
    private static final int CONTENT_TYPE = FIXED.fieldIndex("content_type");
    private static final int CHARSET = FIXED.fieldIndex("charset");
    private static final int BYTES = FIXED.fieldIndex("bytes");
    private static final int ELAPSED_MS = FIXED.fieldIndex("elapsed_ms");
    private static final int ATTEMPTS = FIXED.fieldIndex("attempts");
    private static final int FETCHED_AT = FIXED.fieldIndex("fetched_at");
    private static final int SHA256 = FIXED.fieldIndex("sha256");
    /** Where the page's fields start: title, description, canonical, lang, links, images. */
    private static final int PAGE = FIXED.fieldIndex("title");
    /**
     * Page fields an {@code --extract} field of the same name replaces, as in the seed
     * crawler's {@code title=h1.post-title}; every other manifest column keeps its name.
     */
    static final Set<String> REPLACEABLE = Set.of("title", "description", "canonical", "lang");

    /** Where each extract field's value goes: its own column, or a page field it replaces. */
    private final int[] extractAt;
    private final int bodyAt;
    private final int carriedAt;
    private final int carriedCount;

    /** Counts a row into the run's tally: items by status and HTTP status, body bytes. */
    static void tally(Row row, Tally tally) {
        FetchColumns.tally(row, tally, STATUS, BYTES, HTTP_STATUS);
    }

    /** Whether a row is a failed item, for the progress line. */
    static boolean failed(Row row) {
        return !row.getString(STATUS).equals(Status.OK.label());
    }

    FetchRows(List<ExtractField> fields, boolean saveBody, int carriedCount) {
        this.extractAt = new int[fields.size()];
        int next = FIXED.size();
        for (int i = 0; i < fields.size(); i++) {
            String name = fields.get(i).name();
            extractAt[i] = REPLACEABLE.contains(name) ? FIXED.fieldIndex(name) : next++;
        }
        this.bodyAt = saveBody ? next++ : -1;
        this.carriedAt = next;
        this.carriedCount = carriedCount;
    }

    /** Names an input column must not take: it is renamed {@code input_<name>} instead. */
    static Set<String> reservedNames(List<ExtractField> fields) {
        Set<String> names = new HashSet<>(List.of(FIXED.fieldNames()));
        names.add(BODY);
        fields.forEach(f -> names.add(f.name()));
        return names;
    }

    static StructType schema(List<ExtractField> fields, boolean saveBody, List<StructField> carried) {
        List<StructField> all = new ArrayList<>(List.of(FIXED.fields()));
        fields.stream().filter(f -> !REPLACEABLE.contains(f.name()))
                .forEach(f -> all.add(DataTypes.createStructField(f.name(), DataTypes.StringType, true)));
        if (saveBody) {
            all.add(DataTypes.createStructField(BODY, DataTypes.BinaryType, true));
        }
        all.addAll(carried);
        return DataTypes.createStructType(all);
    }

    /** The row of an item whose input record is unusable (a JSON line that does not parse). */
    Row invalid(WorkItem item) {
        Object[] v = start(item, Status.INVALID_URL.label(), item.unreadable());
        v[BYTES] = 0L;
        v[ELAPSED_MS] = 0L;
        v[ATTEMPTS] = 0;
        return RowFactory.create(v);
    }

    /**
     * The row of a fetched item. {@code page} is null for anything but an HTML page that
     * parsed; {@code parseError} says why an HTML page did not.
     */
    Row fetched(WorkItem item, FetchResult r, HtmlPage page, String parseError) {
        String error = r.error() != null ? r.error() : parseError;
        Object[] v = start(item, r.status().label(), error);
        v[FINAL_URL] = r.finalUrl();
        v[HTTP_STATUS] = r.httpStatus();
        v[CONTENT_TYPE] = r.contentType();
        v[BYTES] = r.bytes();
        v[ELAPSED_MS] = r.elapsedMs();
        v[ATTEMPTS] = r.attempts();
        v[FETCHED_AT] = r.fetchedAtMillis() > 0 ? new Timestamp(r.fetchedAtMillis()) : null;
        v[SHA256] = r.sha256();
        if (page != null) {
            v[CHARSET] = page.charset();
            v[PAGE] = page.title();
            v[PAGE + 1] = page.description();
            v[PAGE + 2] = page.canonical();
            v[PAGE + 3] = page.lang();
            v[PAGE + 4] = Rows.array(page.links());
            v[PAGE + 5] = Rows.array(page.images());
            for (int i = 0; i < extractAt.length; i++) {
                v[extractAt[i]] = page.extracted().get(i);
            }
        }
        if (bodyAt >= 0) {
            v[bodyAt] = r.body();
        }
        return RowFactory.create(v);
    }

    private Object[] start(WorkItem item, String status, String error) {
        Object[] v = new Object[carriedAt + carriedCount];
        v[ITEM] = item.item();
        v[URL] = item.url();
        v[STATUS] = status;
        v[ERROR] = error;
        for (int i = 0; i < carriedCount; i++) {
            v[carriedAt + i] = item.carried().get(i);
        }
        return v;
    }
}
