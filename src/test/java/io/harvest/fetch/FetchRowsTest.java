package io.harvest.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harvest.items.WorkItem;
import io.harvest.net.FetchResult;
import io.harvest.job.Status;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class FetchRowsTest {
    private static final List<ExtractField> SEED_FIELDS = List.of(
            ExtractField.parse("title=h1.post-title"), ExtractField.parse("votes=span#article-rank"));
    private static final List<StructField> CARRIED = List.of(
            DataTypes.createStructField("id", DataTypes.StringType, true));

    @Test
    void anExtractFieldNamedLikeAPageFieldReplacesIt() {
        StructType schema = FetchRows.schema(SEED_FIELDS, true, CARRIED);
        assertEquals(FetchRows.FIXED.size() + 3, schema.size());
        assertEquals(List.of("votes", "body", "id"),
                List.of(schema.fieldNames()).subList(FetchRows.FIXED.size(), schema.size()));

        byte[] html = Fixtures.bytes("article.html");
        HtmlPage page = new PageParser(SEED_FIELDS).parse(html, "text/html", "http://news.test/a");
        WorkItem item = new WorkItem(7L, "http://news.test/a", "news.test", null, 1, List.of("id-7"));
        FetchResult result = new FetchResult("http://news.test/a", "http://news.test/a", Status.OK, 200, null,
                "text/html", html.length, html, "00", 1, 12, 1_700_000_000_000L, null);
        Row row = new FetchRows(SEED_FIELDS, true, 1).fetched(item, result, page, null);
        assertEquals(schema.size(), row.size());
        assertEquals("Parallelism in one line", row.get(schema.fieldIndex("title")));
        assertEquals("42", row.get(schema.fieldIndex("votes")));
        assertArrayEquals(html, (byte[]) row.get(schema.fieldIndex("body")));
        assertEquals("id-7", row.get(schema.fieldIndex("id")));
        assertEquals(7L, row.get(schema.fieldIndex("item")));
    }

    @Test
    void anUnreadableRecordIsAnInvalidRowWithWhy() {
        WorkItem item = new WorkItem(3L, null, null, "unreadable input record: {not json", 1, List.of("x"));
        Row row = new FetchRows(List.of(), false, 1).invalid(item);
        StructType schema = FetchRows.schema(List.of(), false, CARRIED);
        assertEquals("invalid_url", row.get(schema.fieldIndex("status")));
        assertEquals("unreadable input record: {not json", row.get(schema.fieldIndex("error")));
        assertNull(row.get(schema.fieldIndex("title")));
        assertEquals("x", row.get(schema.fieldIndex("id")));
    }

    @Test
    void otherManifestColumnsCannotBeExtractFields() {
        for (String name : List.of("status", "url", "links", "body", "item")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FetchConfig.of("in", "out")
                    .withExtract(List.of(ExtractField.parse(name + "=p"))));
            assertTrue(e.getMessage().contains("'" + name + "' is a manifest column"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> FetchConfig.of("in", "out")
                .withExtract(List.of(ExtractField.parse("votes=p"), ExtractField.parse("votes=span"))));
    }
}
