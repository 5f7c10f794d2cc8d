package io.harvest.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harvest.job.Summary;
import io.harvest.testing.Reply;
import io.harvest.testing.SharedSpark;
import io.harvest.testing.TestHttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run over a CSV list that has a bit of everything — pages, duplicates, HTTP errors, a
 * timeout, a refused address, robots.txt, malformed lines, an unknown host — and what users
 * rely on in its output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FetchJobTest {
    /** Each id of mixed.csv and the status its row must have. */
    private static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("1", "ok"), Map.entry("2", "ok"), Map.entry("3", "http_error"),
            Map.entry("4", "http_error"), Map.entry("5", "timeout"), Map.entry("6", "blocked"),
            Map.entry("7", "robots_denied"), Map.entry("8", "invalid_url"), Map.entry("9", "invalid_url"),
            Map.entry("10", "invalid_url"), Map.entry("11", "invalid_url"), Map.entry("12", "dns_error"),
            Map.entry("13", "ok"), Map.entry("14", "ok"), Map.entry("15", "invalid_url"),
            Map.entry("16", "redirect_error"), Map.entry("17", "too_large"), Map.entry("18", "connection_error"));

    private final SparkSession spark = SharedSpark.get();
    private TestHttpServer server;
    private FetchConfig config;
    private Summary summary;
    private Map<String, Row> rows;

    @TempDir
    static Path dir;

    @BeforeAll
    void runOnce() throws IOException {
        server = TestHttpServer.start();
        server.robots("User-agent: *\nDisallow: /private\n");
        server.on("/article").reply(Reply.bytes(Fixtures.bytes("article.html"), "text/html; charset=utf-8"));
        server.on("/gbk").reply(Reply.bytes(Fixtures.bytes("gbk-no-charset.html"), "text/html"));
        server.on("/error").reply(Reply.status(500));
        server.on("/slow").reply(Reply.html("<title>late</title>").delay(Duration.ofSeconds(5)));
        server.on("/page").reply(Reply.html("<title>never fetched</title>"));
        server.on("/private/secret").reply(Reply.html("<title>secret</title>"));
        server.on("/loop").reply(Reply.redirect(302, "/loop"));
        server.on("/huge").reply(Reply.huge(2 << 20));
        server.on("/reset").reply(Reply.resetAfter(Fixtures.bytes("article.html"), 100));

        String prefix = "http://a.test:" + server.port() + "/";
        String longUrl = prefix + "x".repeat(5000 - prefix.length());
        assertEquals(5000, longUrl.length());
        String csv = new String(Fixtures.bytes("mixed.csv"), StandardCharsets.UTF_8)
                .replace("{port}", String.valueOf(server.port())).replace("{long_url}", longUrl);
        Path input = dir.resolve("mixed.csv");
        Files.writeString(input, csv);

        Map<String, String> hosts = FetchRuns.loopbackHosts("a.test", "b.test");
        hosts.put("private.test", "10.1.2.3");
        config = FetchRuns.config(input, dir.resolve("out"),
                FetchRuns.options(hosts).toBuilder().maxBytes(1 << 20).build()).withPartitions(3);
        summary = FetchJob.run(spark, config);
        rows = FetchRuns.byColumn(dir.resolve("out"), "id");
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @Test
    void everyInputRowHasExactlyOneManifestRowWithItsExactStatus() {
        assertEquals(18, FetchRuns.manifest(dir.resolve("out")).count());
        assertEquals(EXPECTED.keySet(), rows.keySet());
        Map<String, String> statuses = new HashMap<>();
        rows.forEach((id, row) -> statuses.put(id, row.getAs("status")));
        assertEquals(EXPECTED, statuses);
        List<Long> items = FetchRuns.manifest(dir.resolve("out")).select("item").orderBy("item")
                .collectAsList().stream().map(r -> r.getLong(0)).toList();
        assertEquals(LongStream.range(0, 18).boxed().toList(), items);
    }

    @Test
    void failedRowsSayWhy() {
        rows.forEach((id, row) -> {
            if (!row.getAs("status").equals("ok")) {
                assertNotNull(row.getAs("error"), "no error for id " + id);
            } else {
                assertNull(row.getAs("error"), "an error for ok id " + id);
            }
        });
        assertEquals(404, (int) rows.get("3").getAs("http_status"));
        assertEquals(500, (int) rows.get("4").getAs("http_status"));
        String refusal = rows.get("6").getAs("error");
        assertTrue(refusal.contains("10.1.2.3"), refusal);
        assertEquals(0, server.hits("/page"), "a refused address was connected to");
        assertEquals(0, server.hits("/private/secret"), "robots.txt was not obeyed");
    }

    @Test
    void pagesGetTheirFieldsAndTheInputColumnsAreCarried() {
        Row article = rows.get("1");
        assertEquals("Parallelism in one line", article.getAs("title"));
        assertEquals("en-GB", article.getAs("lang"));
        String base = "http://a.test:" + server.port();
        assertEquals(base + "/articles/parallelism", article.getAs("canonical"));
        assertTrue(article.<scala.collection.Seq<String>>getAs("links").contains(base + "/people/kiehl"));
        assertEquals(200, (int) article.getAs("http_status"));
        assertEquals(64, article.<String>getAs("sha256").length());
        assertEquals(Fixtures.bytes("article.html").length, (long) article.getAs("bytes"));
        assertNotNull(article.getAs("fetched_at"));
        assertEquals("the article", article.getAs("caption"));
        assertEquals("一行代码实现并行：线程池与进程池", rows.get("13").getAs("title"));
        assertNull(rows.get("3").getAs("title"), "a 404 page is not parsed");
        assertNull(rows.get("15").getAs("url"));
    }

    @Test
    void errorsTxtListsTheFailedUrlsInInputOrder() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("out/errors.txt"));
        List<String> expected = List.of("3", "4", "5", "6", "7", "12", "16", "17", "18").stream()
                .map(id -> rows.get(id).<String>getAs("url")).toList();
        assertEquals(expected, lines);
    }

    @Test
    void theSummaryCountsTheManifest() throws IOException {
        assertEquals(18, summary.input());
        assertEquals(4, summary.ok());
        assertEquals(14, summary.failed());
        assertEquals(5L, summary.byStatus().get("invalid_url"));
        Map<String, Long> byHttpStatus = new java.util.TreeMap<>();
        rows.values().stream().filter(r -> r.getAs("http_status") != null)
                .forEach(r -> byHttpStatus.merge(String.valueOf((int) r.getAs("http_status")), 1L, Long::sum));
        assertEquals(byHttpStatus, summary.details().get("by_http_status"));
        long responses = byHttpStatus.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(responses, summary.details().get("responses"));
        assertEquals(1L, byHttpStatus.get("404"));
        assertEquals(1L, byHttpStatus.get("500"));
        assertTrue((double) summary.details().get("cpu_ms_per_page") > 0);
        String json = Files.readString(dir.resolve("out/summary.json"));
        assertTrue(json.contains("\"cpu_ms_per_page\"") && json.contains("\"invalid_url\" : 5"), json);
    }

    @Test
    void errorsTxtIsTheInputOfARerunOfTheFailures() throws IOException {
        Path rerun = dir.resolve("rerun");
        Summary again = FetchJob.run(spark, FetchRuns.config(dir.resolve("out/errors.txt"), rerun, config.fetch()));
        assertEquals(9, again.input());
        assertEquals(0, again.ok());
        assertEquals(Files.readAllLines(dir.resolve("out/errors.txt")),
                Files.readAllLines(rerun.resolve("errors.txt")));
    }

    @Test
    void aRerunIntoTheSameOutputReplacesTheManifest() {
        Summary again = FetchJob.run(spark, config);
        assertEquals(18, again.input());
        assertEquals(18, FetchRuns.manifest(dir.resolve("out")).count());
        rows = FetchRuns.byColumn(dir.resolve("out"), "id");
    }
}
