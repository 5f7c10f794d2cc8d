package io.harvest.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log2;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.harvest.job.Summary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * What the report shows from a manifest, aggregated by Spark (a million rows never reach the
 * driver: only counts, a few examples and the contact sheet's sample do). The sections follow
 * the manifest's columns, not the job's name: {@code url}, {@code http_status} and
 * {@code elapsed_ms} give the HTTP sections, {@code thumbnails} the contact sheet, so a job
 * with both kinds of column gets both kinds of section.
 *
 * @param name         the column that names an item: {@code url}, else {@code source}
 * @param statuses     ok first, then skipped, then failures by count
 * @param httpStatuses responses by HTTP status, empty without an {@code http_status} column
 * @param timing       item or response times, null without an {@code elapsed_ms} column
 * @param topHosts     hosts with the most requests; {@code worstHosts} with the most failures
 */
record ManifestFacts(long rows, String name, List<StatusCount> statuses, List<Bucket> httpStatuses,
                     Timing timing, List<HostRow> topHosts, List<HostRow> worstHosts,
                     boolean hasThumbnails) {
    static final int EXAMPLES = 5;
    static final int HOSTS = 12;

    record Example(String name, String error) {}

    record StatusCount(String status, long count, List<Example> examples) {
        boolean failure() {
            return !status.equals(Summary.OK) && !status.equals(Summary.SKIPPED);
        }
    }

    record Bucket(String label, long count) {}

    /** A histogram of times and its percentiles, in milliseconds. */
    record Timing(String what, int firstExponent, List<Bucket> buckets, long p50, long p95, long p99, long count) {}

    record HostRow(String host, long requests, long failed, long robotsDenied, long blocked, long timeouts) {}

    static ManifestFacts of(Dataset<Row> manifest) {
        Set<String> columns = Set.of(manifest.columns());
        String name = columns.contains("url") ? "url" : columns.contains("source") ? "source" : "status";
        List<StatusCount> statuses = statuses(manifest, name, columns.contains("error"));
        long rows = statuses.stream().mapToLong(StatusCount::count).sum();
        boolean http = columns.contains("http_status");
        List<Bucket> httpStatuses = http ? httpStatuses(manifest) : List.of();
        Timing timing = columns.contains("elapsed_ms") ? timing(manifest, http) : null;
        List<HostRow> top = List.of();
        List<HostRow> worst = List.of();
        if (columns.contains("url")) {
            Dataset<Row> hosts = hosts(manifest).cache();
            try {
                top = hostRows(hosts.orderBy(desc("requests"), col("host")).limit(HOSTS));
                worst = hostRows(hosts.filter(col("failed").gt(0)).orderBy(desc("failed"), col("host")).limit(HOSTS));
            } finally {
                hosts.unpersist();
            }
        }
        return new ManifestFacts(rows, name, statuses, httpStatuses, timing, top, worst,
                columns.contains("thumbnails"));
    }

    long ok() {
        return statuses.stream().filter(s -> s.status().equals(Summary.OK)).mapToLong(StatusCount::count).sum();
    }

    private static List<StatusCount> statuses(Dataset<Row> manifest, String name, boolean hasError) {
        Map<String, Long> counts = new TreeMap<>();
        for (Row r : manifest.groupBy("status").count().collectAsList()) {
            counts.put(String.valueOf(r.<String>getAs("status")), r.<Long>getAs("count"));
        }
        Map<String, List<Example>> examples = new TreeMap<>();
        Column error = hasError ? col("error") : lit(null).cast("string");
        Dataset<Row> failed = manifest
                .filter(col("status").isin(Summary.OK, Summary.SKIPPED).unary_$bang())
                .select(col("status"), col(name).cast("string").as("name"), error.as("error"))
                .withColumn("n", row_number().over(Window.partitionBy("status").orderBy("name")))
                .filter(col("n").leq(EXAMPLES));
        for (Row r : failed.collectAsList()) {
            examples.computeIfAbsent(r.getAs("status"), k -> new ArrayList<>())
                    .add(new Example(r.getAs("name"), r.getAs("error")));
        }
        List<StatusCount> out = new ArrayList<>();
        counts.forEach((status, n) -> out.add(new StatusCount(status, n, examples.getOrDefault(status, List.of()))));
        out.sort(Comparator.comparingInt((StatusCount s) -> s.status().equals(Summary.OK) ? 0
                        : s.status().equals(Summary.SKIPPED) ? 1 : 2)
                .thenComparing(Comparator.comparingLong(StatusCount::count).reversed()));
        return out;
    }

    private static List<Bucket> httpStatuses(Dataset<Row> manifest) {
        List<Bucket> out = new ArrayList<>();
        for (Row r : manifest.filter(col("http_status").isNotNull()).groupBy("http_status").count()
                .orderBy("http_status").collectAsList()) {
            out.add(new Bucket(String.valueOf(r.get(0)), r.getLong(1)));
        }
        return out;
    }

    /**
     * Response times (rows that got an HTTP response) when there is an {@code http_status}
     * column, else the time per item of the ok rows; in buckets that double in width.
     */
    private static Timing timing(Dataset<Row> manifest, boolean http) {
        Dataset<Row> timed = manifest.filter(http ? col("http_status").isNotNull() : col("status").equalTo(Summary.OK))
                .select(col("elapsed_ms").cast("long").as("ms")).filter(col("ms").isNotNull());
        Row p = timed.agg(count(lit(1)), expr("percentile_approx(ms, array(0.5, 0.95, 0.99), 10000)"))
                .first();
        long n = p.getLong(0);
        if (n == 0) {
            return null;
        }
        List<Long> q = p.getList(1);
        TreeMap<Integer, Long> byBucket = new TreeMap<>();
        for (Row r : timed.groupBy(floor(log2(greatest(col("ms"), lit(1)))).cast("int").as("b")).count()
                .collectAsList()) {
            byBucket.put(r.getInt(0), r.getLong(1));
        }
        int first = byBucket.firstKey();
        int last = byBucket.lastKey();
        List<Bucket> buckets = new ArrayList<>();
        for (int b = first; b <= last; b++) {
            buckets.add(new Bucket(b == 0 ? "< 2 ms" : Html.millis(1L << b) + "+", byBucket.getOrDefault(b, 0L)));
        }
        return new Timing(http ? "Response time" : "Time per ok item", first, buckets, q.get(0), q.get(1), q.get(2), n);
    }

    private static Dataset<Row> hosts(Dataset<Row> manifest) {
        return manifest.withColumn("host", expr("coalesce(try_parse_url(url, 'HOST'), '(no host)')"))
                .groupBy("host")
                .agg(count(lit(1)).as("requests"),
                        sum(when(col("status").isin(Summary.OK, Summary.SKIPPED), 0).otherwise(1)).as("failed"),
                        sum(when(col("status").equalTo("robots_denied"), 1).otherwise(0)).as("robots_denied"),
                        sum(when(col("status").equalTo("blocked"), 1).otherwise(0)).as("blocked"),
                        sum(when(col("status").equalTo("timeout"), 1).otherwise(0)).as("timeouts"));
    }

    private static List<HostRow> hostRows(Dataset<Row> hosts) {
        return hosts.collectAsList().stream().map(r -> new HostRow(r.getAs("host"), r.<Long>getAs("requests"),
                r.<Long>getAs("failed"), r.<Long>getAs("robots_denied"), r.<Long>getAs("blocked"),
                r.<Long>getAs("timeouts"))).toList();
    }
}
