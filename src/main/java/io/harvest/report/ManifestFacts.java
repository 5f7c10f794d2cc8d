package io.harvest.report;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.harvest.job.Status;
import io.harvest.job.Summary;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the report shows from a manifest, aggregated by Spark in one pass ({@link ManifestScan}),
 * hosts included up to {@link ManifestScan#MAX_HOSTS} of them, and one more aggregation by host
 * past that (a million rows never reach the driver: only counts, a few examples and the
 * contact sheet's sample do). The report of an images run of 2500 URLs took 13 s of CPU with
 * a Spark query for the hosts, that of a thumbnails run 2 s without: a shuffle and a cache
 * in a JVM that had run neither. The sections follow
 * the manifest's columns, not the job's name: {@code url}, {@code http_status} and
 * {@code elapsed_ms} give the HTTP sections, {@code thumbnails} the contact sheet, so a job
 * with both kinds of column gets both kinds of section.
 *
 * @param name         the column that names an item: {@code url}, else {@code source}
 * @param statuses     ok first, then skipped, then failures by count
 * @param httpStatuses responses by HTTP status, empty without an {@code http_status} column
 * @param timing       item or response times, null without an {@code elapsed_ms} column
 * @param topHosts     hosts with the most requests; {@code worstHosts} with the most failures
 * @param sample       the contact sheet's candidates: a random sample of ok rows' smallest thumbnails
 */
record ManifestFacts(long rows, String name, List<StatusCount> statuses, List<Bucket> httpStatuses,
                     Timing timing, List<HostRow> topHosts, List<HostRow> worstHosts,
                     boolean hasThumbnails, List<ManifestScan.Candidate> sample) {
    static final int EXAMPLES = 5;
    static final int HOSTS = 12;

    /**
     * A failed item: its name, its error, and what the manifest says of its source (HTTP
     * status, content type, size in bytes, format and pixel size), each only when known.
     */
    record Example(String name, String error, String badge, List<String> facts) implements Serializable {}

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
        boolean http = columns.contains("http_status");
        boolean byHost = columns.contains("url");
        ManifestScan scan = ManifestScan.columns(manifest, name).toJavaRDD()
                .mapPartitions(rows -> {
                    ManifestScan part = new ManifestScan(byHost);
                    rows.forEachRemaining(r -> part.add(r, http));
                    return List.of(part).iterator();
                })
                .fold(new ManifestScan(byHost), ManifestScan::merge);
        List<StatusCount> statuses = statuses(scan);
        long rows = statuses.stream().mapToLong(StatusCount::count).sum();
        List<Bucket> httpStatuses = new ArrayList<>();
        scan.httpStatuses.forEach((code, n) -> httpStatuses.add(new Bucket(String.valueOf(code), n)));
        Timing timing = columns.contains("elapsed_ms") ? timing(scan, http) : null;
        List<HostRow> top = List.of();
        List<HostRow> worst = List.of();
        if (byHost && scan.hosts != null) {
            List<HostRow> all = scan.hosts.entrySet().stream().map(e -> new HostRow(e.getKey(),
                    e.getValue()[ManifestScan.REQUESTS], e.getValue()[ManifestScan.FAILED],
                    e.getValue()[ManifestScan.ROBOTS_DENIED], e.getValue()[ManifestScan.BLOCKED],
                    e.getValue()[ManifestScan.TIMEOUTS])).toList();
            top = all.stream().sorted(Comparator.comparingLong(HostRow::requests).reversed()
                    .thenComparing(HostRow::host)).limit(HOSTS).toList();
            worst = all.stream().filter(h -> h.failed() > 0).sorted(Comparator.comparingLong(HostRow::failed)
                    .reversed().thenComparing(HostRow::host)).limit(HOSTS).toList();
        } else if (byHost) {
            Dataset<Row> hosts = hosts(manifest).cache();
            try {
                top = hostRows(hosts.orderBy(desc("requests"), col("host")).limit(HOSTS));
                worst = hostRows(hosts.filter(col("failed").gt(0)).orderBy(desc("failed"), col("host")).limit(HOSTS));
            } finally {
                hosts.unpersist();
            }
        }
        return new ManifestFacts(rows, name, statuses, httpStatuses, timing, top, worst,
                columns.contains("thumbnails"), List.copyOf(scan.sample.values()));
    }

    /** Ok first, then skipped, then failures by count. */
    private static List<StatusCount> statuses(ManifestScan scan) {
        List<StatusCount> out = new ArrayList<>();
        scan.statuses.forEach((status, n) -> out.add(new StatusCount(status, n,
                List.copyOf(scan.examples.getOrDefault(status, new TreeMap<>()).values()))));
        out.sort(Comparator.comparingInt((StatusCount s) -> s.status().equals(Summary.OK) ? 0
                        : s.status().equals(Summary.SKIPPED) ? 1 : 2)
                .thenComparing(Comparator.comparingLong(StatusCount::count).reversed())
                .thenComparing(StatusCount::status));
        return out;
    }

    /**
     * Response times (rows that got an HTTP response) when there is an {@code http_status}
     * column, else the time per item of the ok rows; in buckets that double in width.
     */
    private static Timing timing(ManifestScan scan, boolean http) {
        if (scan.times.isEmpty()) {
            return null;
        }
        TreeMap<Integer, Long> byBucket = new TreeMap<>();
        scan.times.forEach((ms, n) -> byBucket.merge(63 - Long.numberOfLeadingZeros(Math.max(ms, 1)), n, Long::sum));
        int first = byBucket.firstKey();
        int last = byBucket.lastKey();
        List<Bucket> buckets = new ArrayList<>();
        for (int b = first; b <= last; b++) {
            buckets.add(new Bucket(b == 0 ? "< 2 ms" : Html.millis(1L << b) + "+", byBucket.getOrDefault(b, 0L)));
        }
        long n = scan.times.values().stream().mapToLong(Long::longValue).sum();
        return new Timing(http ? "Response time" : "Time per ok item", first, buckets, scan.percentile(0.5),
                scan.percentile(0.95), scan.percentile(0.99), n);
    }

    long ok() {
        return statuses.stream().filter(s -> s.status().equals(Summary.OK)).mapToLong(StatusCount::count).sum();
    }

    /** Counts per host by Spark, for manifests with more hosts than a scan keeps. */
    static Dataset<Row> hosts(Dataset<Row> manifest) {
        return manifest.withColumn("host", coalesce(expr("try_parse_url(url, 'HOST')"), lit(ManifestScan.NO_HOST)))
                .groupBy("host")
                .agg(count(lit(1)).as("requests"),
                        sum(when(col("status").isin(Summary.OK, Summary.SKIPPED), 0).otherwise(1)).as("failed"),
                        countOf(Status.ROBOTS_DENIED).as("robots_denied"),
                        countOf(Status.BLOCKED).as("blocked"),
                        countOf(Status.TIMEOUT).as("timeouts"));
    }

    private static Column countOf(Status status) {
        return sum(when(col("status").equalTo(status.label()), 1).otherwise(0));
    }

    static List<HostRow> hostRows(Dataset<Row> hosts) {
        return hosts.collectAsList().stream().map(r -> new HostRow(r.getAs("host"), r.<Long>getAs("requests"),
                r.<Long>getAs("failed"), r.<Long>getAs("robots_denied"), r.<Long>getAs("blocked"),
                r.<Long>getAs("timeouts"))).toList();
    }
}
