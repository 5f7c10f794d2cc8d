package io.harvest.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.harvest.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The report's host tables, counted in the one pass over the manifest or, past its cap, by Spark. */
class ManifestHostsTest {
    private static final StructType SCHEMA = new StructType().add("url", DataTypes.StringType)
            .add("status", DataTypes.StringType);

    @Test
    void hostsAreCountedInTheScanAsSparkCountsThem() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(RowFactory.create("http://big.test/" + i, "ok"));
        }
        rows.add(RowFactory.create("https://big.test/t", "timeout"));
        rows.add(RowFactory.create("http://b.test/r", "robots_denied"));
        rows.add(RowFactory.create("http://b.test/x", "blocked"));
        rows.add(RowFactory.create("http://c.test:8080/s", "skipped"));
        rows.add(RowFactory.create("not a url at all", "invalid_url"));
        Dataset<Row> manifest = SharedSpark.get().createDataFrame(rows, SCHEMA).repartition(3);

        ManifestFacts facts = ManifestFacts.of(manifest);

        assertEquals(List.of(new ManifestFacts.HostRow("big.test", 6, 1, 0, 0, 1),
                new ManifestFacts.HostRow("b.test", 2, 2, 1, 1, 0),
                new ManifestFacts.HostRow(ManifestScan.NO_HOST, 1, 1, 0, 0, 0),
                new ManifestFacts.HostRow("c.test", 1, 0, 0, 0, 0)), facts.topHosts());
        assertEquals(List.of("b.test", ManifestScan.NO_HOST, "big.test"),
                facts.worstHosts().stream().map(ManifestFacts.HostRow::host).toList());
        assertEquals(bySpark(manifest), facts.topHosts());
    }

    @Test
    void aCrawlOverTheCapIsCountedBySparkWithTheSameResult() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i <= ManifestScan.MAX_HOSTS; i++) {
            rows.add(RowFactory.create("http://h" + i + ".test/", i % 7 == 0 ? "http_error" : "ok"));
        }
        for (int i = 0; i < 20; i++) {
            rows.add(RowFactory.create("http://h" + i + ".test/again", i % 2 == 0 ? "timeout" : "ok"));
        }
        Dataset<Row> manifest = SharedSpark.get().createDataFrame(rows, SCHEMA).repartition(2);

        ManifestFacts facts = ManifestFacts.of(manifest);

        assertEquals(ManifestFacts.HOSTS, facts.topHosts().size());
        assertEquals(bySpark(manifest), facts.topHosts());
        assertEquals(new ManifestFacts.HostRow("h0.test", 2, 2, 0, 0, 1), facts.worstHosts().get(0));
    }

    private static List<ManifestFacts.HostRow> bySpark(Dataset<Row> manifest) {
        return ManifestFacts.hostRows(ManifestFacts.hosts(manifest)
                .orderBy(org.apache.spark.sql.functions.desc("requests"), org.apache.spark.sql.functions.col("host"))
                .limit(ManifestFacts.HOSTS));
    }
}
