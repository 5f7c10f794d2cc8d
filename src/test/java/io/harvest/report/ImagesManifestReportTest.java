package io.harvest.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harvest.job.Manifest;
import io.harvest.testing.SharedSpark;
import io.harvest.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sections follow the manifest's columns: a manifest with both URLs and thumbnails (the
 * images job's, as issue 7 lists its columns) gets the contact sheet and the HTTP sections,
 * with no code of its own.
 */
class ImagesManifestReportTest {
    private static final StructType THUMBNAIL = new StructType()
            .add("size", DataTypes.StringType).add("path", DataTypes.StringType)
            .add("width", DataTypes.IntegerType).add("height", DataTypes.IntegerType).add("bytes", DataTypes.LongType);
    private static final StructType IMAGES = new StructType()
            .add("item", DataTypes.LongType).add("url", DataTypes.StringType).add("status", DataTypes.StringType)
            .add("http_status", DataTypes.IntegerType).add("error", DataTypes.StringType)
            .add("thumbnails", DataTypes.createArrayType(THUMBNAIL)).add("elapsed_ms", DataTypes.LongType);

    @TempDir
    Path dir;

    @Test
    void aManifestWithUrlsAndThumbnailsGetsBothKindsOfSection() throws Exception {
        SparkSession spark = SharedSpark.get();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Path thumb = TestImages.jpeg(dir.resolve("out/256x256/00000/" + i + ".jpg"), 64 + 8 * i, 48);
            rows.add(RowFactory.create((long) i, "http://cdn.test/img/" + i + ".jpg", "ok", 200, null,
                    List.of(RowFactory.create("256x256", thumb.toUri().toString(), 64 + 8 * i, 48, Files.size(thumb))),
                    40L + 10 * i));
        }
        rows.add(RowFactory.create(8L, "http://cdn.test/missing.jpg", "http_error", 404, "HTTP 404", List.of(), 12L));
        rows.add(RowFactory.create(9L, "http://slow.test/a.jpg", "timeout", null, "timed out", List.of(), 30000L));
        rows.add(RowFactory.create(10L, "http://cdn.test/page.html", "not_image", 200, "no image signature",
                List.of(), 25L));
        String output = dir.resolve("out").toUri().toString();
        spark.createDataFrame(rows, IMAGES).coalesce(1).write().parquet(Manifest.path(output).toString());
        Files.writeString(dir.resolve("out/summary.json"), "{\"job\": \"images\", \"input\": 11, \"ok\": 8,"
                + " \"failed\": 3, \"skipped\": 0, \"bytes\": 1000, \"elapsed_s\": 2.0, \"per_s\": 5.5,"
                + " \"cpu_ms_per_image\": 7.5, \"bytes_written\": 4000}");

        String html = Files.readString(Path.of(RunReport.write(spark, output).toUri()));

        for (String section : List.of("status", "sheet", "http", "timing", "hosts")) {
            assertTrue(html.contains("<section id=\"" + section + "\">"), section);
        }
        assertEquals(8, html.split("<img src=\"data:image/jpeg;base64,").length - 1, "every ok thumbnail, inlined");
        assertTrue(html.contains("data-http-status=\"404\""), "HTTP statuses");
        assertTrue(html.contains("<td>cdn.test</td><td class=\"n\">10</td><td class=\"n\">2</td>"),
                "cdn.test: 10 items, 2 failed");
        assertTrue(html.contains("7.50 ms"), "CPU per image from the summary");
        assertTrue(html.contains("<h2>Response time</h2>"), "times of the items that got a response");
    }
}
