package io.harvest.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import io.harvest.fetch.FetchConfig;
import io.harvest.fetch.FetchJob;
import io.harvest.image.OutputFormat;
import io.harvest.image.ThumbnailSize;
import io.harvest.image.ThumbnailSpec;
import io.harvest.images.ImagesConfig;
import io.harvest.images.ImagesJob;
import io.harvest.job.Manifest;
import io.harvest.job.Summary;
import io.harvest.net.AddressPolicy;
import io.harvest.net.FetchOptions;
import io.harvest.net.NameResolver;
import io.harvest.testing.Chromium;
import io.harvest.testing.Reply;
import io.harvest.testing.SharedSpark;
import io.harvest.testing.TestHttpServer;
import io.harvest.testing.TestImages;
import io.harvest.thumbnails.ThumbnailsConfig;
import io.harvest.thumbnails.ThumbnailsJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real small run of each job, its report.html opened in headless Chromium: no console error,
 * no request leaving the machine, every picture of the contact sheet loaded, the status
 * counts on the page those of the manifest, and a screenshot under target/report-screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportInBrowserTest {
    static final Path SCREENSHOTS = Path.of("target", "report-screenshots");
    /** A file name that is HTML: the page must show it as text. */
    private static final String HOSTILE = "<b id=\"injected\">x<b>.jpg";

    private final SparkSession spark = SharedSpark.get();
    private TestHttpServer server;
    private Chromium browser;

    @TempDir
    static Path dir;

    private Path thumbnails;
    private Path fetched;
    private Path downloaded;

    @BeforeAll
    void runJobsAndOpenTheBrowser() throws Exception {
        Path images = dir.resolve("images");
        for (int i = 0; i < 14; i++) {
            Path file = images.resolve((i % 3 == 0 ? "a/" : "b/") + "photo-" + i + (i % 4 == 0 ? ".png" : ".jpg"));
            if (i % 4 == 0) {
                TestImages.png(file, 180 + 20 * i, 140 + 10 * i);
            } else {
                TestImages.jpeg(file, 320 + 30 * i, 200 + 25 * i);
            }
        }
        TestImages.bytes(images.resolve("broken.jpg"), "not a jpeg".getBytes());
        TestImages.bytes(images.resolve(HOSTILE), new byte[0]);
        thumbnails = dir.resolve("thumbnails-out");
        Summary summary = ThumbnailsJob.run(spark, new ThumbnailsConfig(images.toString(), thumbnails.toString(),
                new ThumbnailSpec(List.of(new ThumbnailSize(75, 75), new ThumbnailSize(160, 160)), OutputFormat.SAME,
                        0.85f, ThumbnailSpec.DEFAULT_MAX_PIXELS), false, 3, ThumbnailsConfig.DEFAULT_MAX_FILE_BYTES));
        RunReport.afterRun(spark, ThumbnailsJob.NAME, summary);

        server = TestHttpServer.start();
        server.robots("User-agent: *\nDisallow: /private\n");
        server.on("/missing").reply(Reply.status(404));
        server.on("/error").reply(Reply.status(500));
        server.on("/private/page").reply(Reply.html("<title>secret</title>"));
        server.on("/slow").reply(Reply.html("<title>late</title>").delay(Duration.ofSeconds(12)));
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String path = "/page/" + i;
            server.on(path).reply(Reply.html("<title>page " + i + "</title><p>text</p>"));
            urls.add("http://" + (i % 2 == 0 ? "a.test" : "b.test") + ":" + server.port() + path);
        }
        urls.addAll(List.of(server.url("a.test", "/missing"), server.url("a.test", "/error"),
                server.url("b.test", "/private/page"), server.url("b.test", "/slow"), "not a url"));
        Path list = dir.resolve("urls.txt");
        Files.write(list, urls);
        fetched = dir.resolve("fetch-out");
        Map<String, String> hosts = new HashMap<>(Map.of("a.test", "127.0.0.1", "b.test", "127.0.0.1",
                "c.test", "127.0.0.1"));
        FetchOptions options = FetchOptions.defaults().toBuilder().addresses(AddressPolicy.LOOPBACK_TOO)
                .resolver(NameResolver.fixed(hosts)).connectTimeout(Duration.ofSeconds(5))
                // Generous for a busy 2-core machine; /slow still times out.
                .requestTimeout(Duration.ofSeconds(6)).retries(0).build();
        Summary fetchSummary = FetchJob.run(spark, FetchConfig.of(list.toString(), fetched.toString())
                .withFetch(options).withPartitions(2));
        RunReport.afterRun(spark, FetchJob.NAME, fetchSummary);

        downloaded = dir.resolve("images-out");
        ImagesConfig imagesConfig = ImagesConfig.of(imageList(dir.resolve("served")).toString(), downloaded.toString(),
                        new ThumbnailSpec(List.of(new ThumbnailSize(96, 96)), OutputFormat.JPG, 0.9f,
                                ThumbnailSpec.DEFAULT_MAX_PIXELS))
                .toBuilder().fetch(options).partitions(2).filters(new ImagesConfig.Filters(40, 0), false).build();
        RunReport.afterRun(spark, ImagesJob.NAME, ImagesJob.run(spark, imagesConfig));

        browser = Chromium.start(dir.resolve("chromium-profile"));
    }

    /** Images on c.test for the images job: ten photos, and one of each kind of failure. */
    private Path imageList(Path served) throws IOException {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Path file = TestImages.jpeg(served.resolve("photo-" + i + ".jpg"), 160 + 20 * i, 120 + 10 * i);
            server.on("/img/photo-" + i + ".jpg").reply(Reply.file(file));
        }
        server.on("/img/tiny.jpg").reply(Reply.file(TestImages.jpeg(served.resolve("tiny.jpg"), 24, 24)));
        byte[] photo = Files.readAllBytes(served.resolve("photo-9.jpg"));
        server.on("/img/cut.jpg").reply(Reply.bytes(Arrays.copyOf(photo, 400), "image/jpeg"));
        server.on("/img/page.html").reply(Reply.html("<title>not an image</title>"));
        server.on("/img/gone.jpg").reply(Reply.status(404));
        for (String name : List.of("photo-0.jpg", "photo-1.jpg", "photo-2.jpg", "photo-3.jpg", "photo-4.jpg",
                "photo-5.jpg", "photo-6.jpg", "photo-7.jpg", "photo-8.jpg", "photo-9.jpg", "tiny.jpg", "cut.jpg",
                "page.html", "gone.jpg")) {
            urls.add(server.url("c.test", "/img/" + name));
        }
        return Files.write(dir.resolve("image-urls.txt"), urls);
    }

    @AfterAll
    void close() throws InterruptedException {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void thumbnailsReportShowsTheWholeContactSheetAndTheManifestsCounts() throws Exception {
        JsonNode page = render(thumbnails, "thumbnails");
        assertWholeSheetLoaded(page, 14);
        assertSections(page, "status", "failures", "tasks", "sheet");
        assertFalse(page.get("injected").asBoolean(), "a file name became HTML");
        assertTrue(page.get("text").asText().contains(HOSTILE), "the hostile name is shown as text");
    }

    @Test
    void fetchReportShowsHttpStatusesTimesAndHosts() throws Exception {
        JsonNode page = render(fetched, "fetch");
        assertEquals(0, page.get("sheet").size(), "no thumbnails column, no contact sheet");
        assertSections(page, "status", "failures", "throughput", "tasks", "http", "timing", "hosts");
        Map<String, Long> http = new HashMap<>();
        page.get("http").fields().forEachRemaining(e -> http.put(e.getKey(), e.getValue().asLong()));
        assertEquals(Map.of("200", 12L, "404", 1L, "500", 1L), http);
    }

    @Test
    void imagesReportShowsTheContactSheetTheHttpSectionsAndTheFailures() throws Exception {
        JsonNode page = render(downloaded, "images");
        assertWholeSheetLoaded(page, 10);
        assertSections(page, "status", "failures", "throughput", "tasks", "sheet", "http", "timing", "hosts");
        assertTrue(page.get("failures").size() >= 3, "too small, not an image, HTTP 404 at least: " + page);
    }

    @Test
    void reportCommandMakesThePageAgainFromTheOutputFolderAlone() throws Exception {
        Path page = thumbnails.resolve(RunReport.FILE);
        Files.delete(page);
        assertEquals(14, RunReport.rebuild(spark, thumbnails.toString()).ok());
        String html = Files.readString(page);
        assertTrue(html.contains("data-status=\"ok\" data-count=\"14\""), "counts from the manifest");
        assertTrue(html.contains("<section id=\"tasks\">") && html.contains("<section id=\"throughput\">"),
                "the run's samples and tasks, from timeline.json");
        assertEquals(14, html.split("<img src=\"data:image/").length - 1, "the contact sheet, inlined");
    }

    /**
     * Opens an output's report.html and checks what every report owes: no console error, no
     * request but the file itself and its data URIs, and the manifest's status counts.
     */
    private JsonNode render(Path output, String name) throws Exception {
        int before = browser.eventCount();
        browser.open(output.resolve(RunReport.FILE).toUri().toString());
        List<JsonNode> events = browser.eventsSince(before);
        List<String> requests = new ArrayList<>();
        for (JsonNode e : events) {
            String method = e.path("method").asText();
            JsonNode p = e.path("params");
            assertFalse(method.equals("Runtime.exceptionThrown"), "exception: " + p);
            assertFalse(method.equals("Runtime.consoleAPICalled") && p.path("type").asText().equals("error"),
                    "console error: " + p);
            assertFalse(method.equals("Log.entryAdded") && p.path("entry").path("level").asText().equals("error"),
                    "logged error: " + p);
            if (method.equals("Network.requestWillBeSent")) {
                requests.add(p.path("request").path("url").asText());
            }
        }
        assertFalse(requests.isEmpty(), "the page itself is a request: the network log works");
        for (String url : requests) {
            assertTrue(url.startsWith("file:") || url.startsWith("data:"), "a request left the page: " + url);
        }
        JsonNode page = browser.eval("JSON.stringify({"
                + "statuses: Object.fromEntries([...document.querySelectorAll('tr.status')].map(r =>"
                + "  [r.dataset.status, Number(r.cells[2].textContent.replace(/,/g, ''))])),"
                + "sheet: [...document.querySelectorAll('#sheet img')].map(i => i.complete ? i.naturalWidth : 0),"
                + "http: Object.fromEntries([...document.querySelectorAll('tr[data-http-status]')].map(r =>"
                + "  [r.dataset.httpStatus, Number(r.cells[2].textContent.replace(/,/g, ''))])),"
                + "sections: [...document.querySelectorAll('section')].map(s => s.id),"
                + "failures: [...document.querySelectorAll('.failure-group')].map(g => ({status: g.dataset.status,"
                + "  count: Number(g.dataset.count), tiles: [...g.querySelectorAll('figure.failure')].map(f =>"
                + "  ({name: f.dataset.name, error: f.querySelector('.err') ? f.querySelector('.err').textContent"
                + "  : null}))})),"
                + "injected: document.getElementById('injected') !== null,"
                + "text: document.body.innerText})");
        JsonNode parsed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(page.asText());
        Map<String, Long> shown = new HashMap<>();
        parsed.get("statuses").fields().forEachRemaining(e -> shown.put(e.getKey(), e.getValue().asLong()));
        assertEquals(manifestCounts(output), shown, "status counts on the page");
        assertFailuresAreTheManifests(output, parsed.get("failures"));
        browser.screenshot(SCREENSHOTS.resolve(name + ".png"), 1100);
        assertTrue(Files.size(SCREENSHOTS.resolve(name + ".png")) > 10_000, "a screenshot with something in it");
        return parsed;
    }

    /** Every ok item is in the contact sheet (it holds up to 60), and each picture has loaded. */
    private static void assertWholeSheetLoaded(JsonNode page, int ok) {
        JsonNode sheet = page.get("sheet");
        assertEquals(ok, sheet.size(), "every ok item fits in the sheet: " + sheet);
        sheet.forEach(width -> assertTrue(width.asInt() > 0, "a picture did not load: " + sheet));
    }

    private static void assertSections(JsonNode page, String... sections) {
        for (String section : sections) {
            assertTrue(page.get("sections").toString().contains("\"" + section + "\""), section + ": " + page);
        }
    }

    /**
     * The failure gallery: a group per failed status of the manifest, with its count, and its
     * first items (at most {@link ManifestFacts#EXAMPLES}), each named and with the error of
     * its manifest row.
     */
    private void assertFailuresAreTheManifests(Path output, JsonNode groups) {
        Dataset<Row> manifest = spark.read().parquet(Manifest.path(output.toString()).toString());
        String name = List.of(manifest.columns()).contains("url") ? "url" : "source";
        Map<String, Long> failed = new HashMap<>(manifestCounts(output));
        failed.keySet().removeAll(List.of(Summary.OK, Summary.SKIPPED));
        Map<String, Long> shown = new HashMap<>();
        for (JsonNode g : groups) {
            String status = g.get("status").asText();
            shown.put(status, g.get("count").asLong());
            Map<String, String> errors = new HashMap<>();
            manifest.where(col("status").equalTo(status)).select(col(name), col("error")).collectAsList()
                    .forEach(r -> errors.put(r.getString(0), r.getString(1)));
            assertEquals(Math.min(ManifestFacts.EXAMPLES, errors.size()), g.get("tiles").size(), status + ": " + g);
            for (JsonNode tile : g.get("tiles")) {
                String item = tile.get("name").asText();
                assertTrue(errors.containsKey(item), item + " is not a " + status + " row of the manifest");
                assertEquals(errors.get(item), tile.get("error").isNull() ? null : tile.get("error").asText(), item);
            }
        }
        assertEquals(failed, shown, "a gallery group per failed status, with its count");
    }

    private Map<String, Long> manifestCounts(Path output) {
        Map<String, Long> counts = new HashMap<>();
        for (Row r : spark.read().parquet(Manifest.path(output.toString()).toString()).groupBy("status").count()
                .collectAsList()) {
            counts.put(r.getString(0), r.getLong(1));
        }
        return counts;
    }
}
