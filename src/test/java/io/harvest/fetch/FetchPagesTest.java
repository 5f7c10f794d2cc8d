package io.harvest.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harvest.items.InputFormat;
import io.harvest.testing.Reply;
import io.harvest.testing.SharedSpark;
import io.harvest.testing.TestHttpServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** What the job keeps of each page: fields, --extract columns, decoded text, saved bodies. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FetchPagesTest {
    private final SparkSession spark = SharedSpark.get();
    private TestHttpServer server;
    private byte[] png;
    private Path input;
    /** The rows of a run without --save-body, by the path of their URL. */
    private Map<String, Row> rows;

    @TempDir
    static Path dir;

    @BeforeAll
    void serve() throws IOException {
        server = TestHttpServer.start();
        server.robots("User-agent: *\nAllow: /\n");
        png = png();
        byte[] utf8Lying = Fixtures.bytes("utf8-meta-says-latin1.html");
        server.on("/article").reply(Reply.bytes(Fixtures.bytes("article.html"), "text/html"));
        server.on("/gbk").reply(Reply.bytes(Fixtures.bytes("gbk-no-charset.html"), "text/html"));
        server.on("/cp1251").reply(Reply.bytes(Fixtures.bytes("cp1251-meta-charset.html"), "text/html"));
        server.on("/header-charset").reply(Reply.bytes(utf8Lying, "text/html; charset=utf-8"));
        server.on("/meta-charset").reply(Reply.bytes(utf8Lying, "text/html"));
        server.on("/image.png").reply(Reply.bytes(png, "image/png"));
        server.on("/html-said-png").reply(Reply.bytes(Fixtures.bytes("article.html"), "image/png"));
        server.on("/png-said-html").reply(Reply.bytes(png, "text/html"));
        server.on("/untyped").reply(Reply.bytes(Fixtures.bytes("article.html"), ""));
        server.on("/redirect").reply(Reply.redirect(301, "/articles/moved"));
        server.on("/articles/moved").reply(Reply.bytes(Fixtures.bytes("article.html"), "text/html"));

        // JSON lines, gzipped, with a nested column to carry through.
        StringBuilder jsonl = new StringBuilder();
        for (String path : List.of("/article", "/gbk", "/cp1251", "/header-charset", "/meta-charset",
                "/image.png", "/html-said-png", "/png-said-html", "/untyped", "/redirect", "/missing")) {
            jsonl.append("{\"page\": \"").append(server.url("pages.test", path))
                    .append("\", \"meta\": {\"source\": \"").append(path).append("\", \"rank\": 1}}\n");
        }
        input = dir.resolve("pages.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(input))) {
            out.write(jsonl.toString().getBytes(StandardCharsets.UTF_8));
        }
        rows = run("fields", false);
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, Color.ORANGE, 32, 24, Color.BLUE));
        g.fillRect(0, 0, 32, 24);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private Map<String, Row> run(String output, boolean saveBody) {
        FetchConfig config = FetchRuns.config(input, dir.resolve(output),
                        FetchRuns.options(FetchRuns.loopbackHosts("pages.test")))
                .withInput(input.toString(), InputFormat.AUTO, "page")
                .withExtract(List.of(ExtractField.parse("heading=h1.post-title"),
                        ExtractField.parse("votes=span#article-rank"),
                        ExtractField.parse("author_url=a.author@abs:href"),
                        ExtractField.parse("comments=div.comments")))
                .withSaveBody(saveBody);
        FetchJob.run(spark, config);
        Map<String, Row> rows = new java.util.HashMap<>();
        for (Row r : FetchRuns.manifest(dir.resolve(output)).collectAsList()) {
            rows.put(r.<Row>getAs("meta").getString(r.<Row>getAs("meta").fieldIndex("source")), r);
        }
        return rows;
    }

    @Test
    void extractsFieldsDecodesEveryCharsetAndCarriesNestedColumns() {
        assertEquals(11, rows.size());
        Row article = rows.get("/article");
        assertEquals("Parallelism in one line", article.getAs("heading"));
        assertEquals("42", article.getAs("votes"));
        assertEquals(server.url("pages.test", "/people/kiehl"), article.getAs("author_url"));
        assertNull(article.getAs("comments"));
        assertEquals(1L, article.<Row>getAs("meta").getLong(article.<Row>getAs("meta").fieldIndex("rank")));

        assertEquals("一行代码实现并行：线程池与进程池", rows.get("/gbk").getAs("title"));
        assertEquals("一行代码实现并行：线程池与进程池", rows.get("/gbk").getAs("heading"));
        assertEquals("Параллельная загрузка страниц", rows.get("/cp1251").getAs("title"));
        assertEquals("windows-1251", rows.get("/cp1251").getAs("charset"));
        assertEquals("Récolte parallèle — déjà prête", rows.get("/header-charset").getAs("title"));
        // Without the header's charset the page's lying meta wins: latin-1 (as windows-1252).
        assertTrue(rows.get("/meta-charset").<String>getAs("title").startsWith("RÃ©colte parallÃ¨le â€”"));
        assertEquals("windows-1252", rows.get("/meta-charset").getAs("charset"));
    }

    @Test
    void onlyHtmlIsParsedWhateverTheBodyIs() {
        assertEquals("ok", rows.get("/image.png").getAs("status"));
        assertNull(rows.get("/image.png").getAs("title"));
        assertNull(rows.get("/image.png").getAs("links"));
        // A Content-Type that lies is believed: an HTML body sent as image/png is not parsed...
        assertNull(rows.get("/html-said-png").getAs("title"));
        // ...and a PNG sent as text/html is parsed, to nothing useful, without failing the row.
        assertEquals("ok", rows.get("/png-said-html").getAs("status"));
        assertNull(rows.get("/png-said-html").getAs("title"));
        // A body without a Content-Type is sniffed.
        assertEquals("Parallelism in one line", rows.get("/untyped").getAs("title"));
        Row moved = rows.get("/redirect");
        assertEquals(server.url("pages.test", "/articles/moved"), moved.getAs("final_url"));
        // Relative links resolve against the page's final URL.
        assertTrue(moved.<scala.collection.Seq<String>>getAs("links")
                .contains(server.url("pages.test", "/articles/other.html")));
        assertEquals("http_error", rows.get("/missing").getAs("status"));
    }

    @Test
    void saveBodyKeepsEverySuccessfulBodyAsReceived() throws NoSuchAlgorithmException {
        Map<String, Row> saved = run("bodies", true);
        assertArrayEquals(png, saved.get("/image.png").getAs("body"));
        assertArrayEquals(Fixtures.bytes("gbk-no-charset.html"), saved.get("/gbk").getAs("body"));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png)),
                saved.get("/image.png").getAs("sha256"));
        assertNull(saved.get("/missing").getAs("body"));
        assertEquals("Parallelism in one line", saved.get("/article").getAs("title"));
    }

    @Test
    void withoutSaveBodyTheManifestHasNoBodyColumn() {
        assertTrue(List.of(FetchRuns.manifest(dir.resolve("fields")).columns()).stream()
                .noneMatch("body"::equals));
    }
}
