package io.harvest.items;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harvest.HarvestException;
import io.harvest.testing.SharedSpark;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UrlInputTest {
    private static final Set<String> RESERVED = Set.of("item", "url", "status");
    private final SparkSession spark = SharedSpark.get();

    @TempDir
    Path dir;

    private UrlInput.Table read(Path input, InputFormat format, String urlColumn) {
        return UrlInput.read(spark, input.toString(), format, urlColumn, RESERVED);
    }

    private static List<String> urls(UrlInput.Table t) {
        return t.rows().collectAsList().stream().map(r -> r.getString(0)).toList();
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private Path writeGzip(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    @Test
    void textKeepsEveryLineWithAUrlDuplicatesIncludedAndSkipsBlanksAndComments() throws IOException {
        Path in = write("urls.txt", "# seed list\nhttp://a.example/1\n\n   \nhttp://a.example/1\r\n"
                + "  http://b.example/2  \n\t# indented comment\nnot a url\n");
        UrlInput.Table t = read(in, InputFormat.AUTO, "url");
        assertEquals(InputFormat.TEXT, t.format());
        assertEquals(List.of("http://a.example/1", "http://a.example/1", "http://b.example/2", "not a url"), urls(t));
        assertEquals(List.of(), t.carried());
    }

    @Test
    void gzippedCsvCarriesItsOtherColumns() throws IOException {
        Path in = writeGzip("list.csv.gz", "id,link,caption\n1,http://a.example/x,\"first, with comma\"\n"
                + "2,http://a.example/y,second\n3\n");
        UrlInput.Table t = read(in, InputFormat.AUTO, "link");
        assertEquals(InputFormat.CSV, t.format());
        assertEquals(List.of("id", "caption"), t.carried().stream().map(f -> f.name()).toList());
        List<Row> rows = t.rows().collectAsList();
        assertEquals(3, rows.size());
        assertEquals(RowFactory.create("http://a.example/x", null, "1", "first, with comma"), rows.get(0));
        // A row without the URL column is still an item: it becomes one failed row.
        assertEquals(RowFactory.create(null, null, "3", null), rows.get(2));
    }

    @Test
    void csvQuotesAreDoubledAsPythonAndSpreadsheetsWriteThem() throws IOException {
        Path in = write("list.csv", "url,caption\nhttp://a.example/1,\"a \"\"quoted\"\" word, and a comma\"\n");
        List<Row> rows = read(in, InputFormat.AUTO, "url").rows().collectAsList();
        assertEquals(List.of(RowFactory.create("http://a.example/1", null, "a \"quoted\" word, and a comma")), rows);
    }

    @Test
    void tsvAndFormatOverride() throws IOException {
        Path in = write("list.data", "url\tlabel\nhttp://a.example/1\tone\n");
        UrlInput.Table t = read(in, InputFormat.TSV, "url");
        assertEquals(List.of(RowFactory.create("http://a.example/1", null, "one")), t.rows().collectAsList());
    }

    @Test
    void aJsonLineThatDoesNotParseIsAnItemMarkedBroken() throws IOException {
        Path in = write("items.jsonl", "{\"url\": \"http://a.example/1\", \"id\": 7}\n{not json\n"
                + "{\"url\": \"http://a.example/2\", \"id\": 8, \"tags\": [\"x\"]}\n");
        UrlInput.Table t = read(in, InputFormat.AUTO, "url");
        assertEquals(InputFormat.JSON, t.format());
        List<Row> rows = t.rows().collectAsList();
        assertEquals(3, rows.size());
        assertEquals("http://a.example/1", rows.get(0).getString(0));
        assertNull(rows.get(0).getString(1));
        assertNull(rows.get(1).getString(0));
        assertEquals("{not json", rows.get(1).getString(1));
        assertEquals(List.of("id", "tags"), t.carried().stream().map(f -> f.name()).toList());
        assertEquals(DataTypes.LongType, t.carried().get(0).dataType());
    }

    @Test
    void parquetFolderWithClashingColumnsRenamesThem() {
        Path in = dir.resolve("table");
        spark.createDataFrame(List.of(RowFactory.create("http://a.example/1", "old", 5L),
                        RowFactory.create("http://a.example/2", "older", 6L)),
                        DataTypes.createStructType(List.of(
                                DataTypes.createStructField("page", DataTypes.StringType, true),
                                DataTypes.createStructField("status", DataTypes.StringType, true),
                                DataTypes.createStructField("id", DataTypes.LongType, true))))
                .coalesce(1).write().parquet(in.toString());
        UrlInput.Table t = read(in, InputFormat.AUTO, "page");
        assertEquals(InputFormat.PARQUET, t.format());
        assertEquals(List.of("input_status", "id"), t.carried().stream().map(f -> f.name()).toList());
        assertEquals(List.of("http://a.example/1", "http://a.example/2"), urls(t));
    }

    @Test
    void aFolderOfTextFilesIsReadWhole() throws IOException {
        write("lists/a.txt", "http://a.example/1\n");
        write("lists/more/b.txt", "http://b.example/1\nhttp://b.example/2\n");
        write("lists/_SUCCESS", "");
        write("lists/.hidden.csv", "x,y\n");
        UrlInput.Table t = read(dir.resolve("lists"), InputFormat.AUTO, "url");
        assertEquals(InputFormat.TEXT, t.format());
        assertEquals(Set.of("http://a.example/1", "http://b.example/1", "http://b.example/2"), Set.copyOf(urls(t)));
    }

    @Test
    void aFolderMixingFormatsAsksForTheFormat() throws IOException {
        write("mixed/a.txt", "http://a.example/1\n");
        write("mixed/b.csv", "url\nhttp://b.example/1\n");
        HarvestException e = assertThrows(HarvestException.class,
                () -> read(dir.resolve("mixed"), InputFormat.AUTO, "url"));
        assertTrue(e.getMessage().contains("--input-format"), e.getMessage());
    }

    @Test
    void aMissingUrlColumnNamesTheColumnsThereAre() throws IOException {
        Path in = write("list.csv", "id,link\n1,http://a.example/\n");
        HarvestException e = assertThrows(HarvestException.class, () -> read(in, InputFormat.AUTO, "url"));
        assertTrue(e.getMessage().contains("no column 'url'") && e.getMessage().contains("id, link"), e.getMessage());
    }

    @Test
    void aMissingInputIsNamed() {
        Path missing = dir.resolve("nowhere.txt");
        HarvestException e = assertThrows(HarvestException.class, () -> read(missing, InputFormat.TEXT, "url"));
        assertEquals("input not found: " + missing, e.getMessage());
        HarvestException glob = assertThrows(HarvestException.class,
                () -> read(dir.resolve("*.nothing"), InputFormat.AUTO, "url"));
        assertTrue(glob.getMessage().startsWith("input not found"), glob.getMessage());
    }

    @Test
    void workItemsAreNumberedInInputOrderAndGroupedByHost() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            text.append("http://host").append(i % 5).append(".example/").append(i).append('\n');
        }
        text.append("javascript:void(0)\n");
        Path in = write("many.txt", text.toString());
        WorkPlan.Plan plan = WorkPlan.plan(spark, read(in, InputFormat.AUTO, "url"), 3);
        assertEquals(41, plan.count());
        List<List<WorkItem>> partitions = plan.items().glom().collect();
        assertEquals(3, partitions.size());
        List<Long> items = partitions.stream().flatMap(List::stream).map(WorkItem::item)
                .sorted().toList();
        assertEquals(java.util.stream.LongStream.range(0, 41).boxed().toList(), items);
        for (List<WorkItem> partition : partitions) {
            // Every host of a partition appears once before any appears twice.
            Set<String> hosts = new java.util.HashSet<>();
            partition.stream().filter(r -> r.host() != null)
                    .forEach(r -> hosts.add(r.host()));
            List<String> firstTurn = partition.stream().map(r -> r.host())
                    .filter(java.util.Objects::nonNull).limit(hosts.size()).toList();
            assertEquals(hosts, Set.copyOf(firstTurn));
        }
        for (int h = 0; h < 5; h++) {
            String host = "host" + h + ".example";
            long holding = partitions.stream()
                    .filter(p -> p.stream().anyMatch(r -> host.equals(r.host()))).count();
            assertEquals(1, holding, host + " is split over tasks");
        }
        WorkItem invalid = partitions.stream().flatMap(List::stream).filter(r -> r.item() == 40)
                .findFirst().orElseThrow();
        assertNull(invalid.host());
        assertNull(invalid.unreadable());
    }
}
