package io.harvest.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.harvest.job.Status;
import io.harvest.job.Summary;
import io.harvest.report.ManifestFacts.Example;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One pass over a manifest for what the report shows of it: every partition
 * folds its rows into a scan, and the scans are merged. One Spark job instead of one per
 * figure: on a small run the report's cost is Spark's per-query planning and code generation,
 * not the rows. What it keeps is bounded whatever the number of rows: counts per status and
 * per HTTP status, the first {@link ManifestFacts#EXAMPLES} failures of each status by name,
 * times in buckets of 1/1024 of their power of two (percentiles within 0.1%), and a random
 * sample of ok thumbnails (the {@link #SAMPLE} rows of smallest hash of their name: the same
 * sample however the rows are split). Hosts are counted too while there are at most
 * {@link #MAX_HOSTS} of them; a broad crawl beyond that is left to a Spark aggregation.
 */
final class ManifestScan implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int SAMPLE = ContactSheet.SIZE;
    private static final int EXACT_BELOW = 2048;
    static final int MAX_HOSTS = 10_000;
    static final String NO_HOST = "(no host)";
    /** The counters per host, in {@link ManifestFacts.HostRow}'s order after the name. */
    static final int REQUESTS = 0;
    static final int FAILED = 1;
    static final int ROBOTS_DENIED = 2;
    static final int BLOCKED = 3;
    static final int TIMEOUTS = 4;

    /** The smallest thumbnail of an ok row, a candidate for the contact sheet. */
    record Candidate(String name, String path, int width, int height, long bytes) implements Serializable {}

    final Map<String, Long> statuses = new HashMap<>();
    final Map<String, TreeMap<String, Example>> examples = new HashMap<>();
    final Map<Integer, Long> httpStatuses = new TreeMap<>();
    /** Times by their rounded value (see {@link #rounded}), in milliseconds. */
    final TreeMap<Long, Long> times = new TreeMap<>();
    final TreeMap<Long, Candidate> sample = new TreeMap<>();
    /** Counters by host when the names are URLs; null when not counted or over {@link #MAX_HOSTS}. */
    HashMap<String, long[]> hosts;

    /** {@code byHost}: the names are URLs, to be counted by host. */
    ManifestScan(boolean byHost) {
        hosts = byHost ? new HashMap<>() : null;
    }

    /** The columns a scan reads, each null when the manifest does not have it. */
    static Dataset<Row> columns(Dataset<Row> manifest, String name) {
        Set<String> has = Set.of(manifest.columns());
        return manifest.select(col("status"), col(name).cast("string").as("name"), orNull(has, "error", "string"),
                orNull(has, "http_status", "int"), orNull(has, "content_type", "string"),
                orNull(has, "source_format", "string"), orNull(has, "source_width", "int"),
                orNull(has, "source_height", "int"),
                (has.contains("source_bytes") ? col("source_bytes") : has.contains("bytes") ? col("bytes") : lit(null))
                        .cast("long").as("bytes"),
                orNull(has, "elapsed_ms", "long"),
                has.contains("thumbnails") ? col("thumbnails") : lit(null).as("thumbnails"));
    }

    private static Column orNull(Set<String> has, String column, String type) {
        return (has.contains(column) ? col(column) : lit(null)).cast(type).as(column);
    }

    /** Folds in one row of {@link #columns}; {@code httpTimes}: time the rows that got a response, else the ok rows. */
    void add(Row r, boolean httpTimes) {
        String status = r.getString(0);
        statuses.merge(status, 1L, Long::sum);
        Integer http = r.isNullAt(3) ? null : r.getInt(3);
        if (http != null) {
            httpStatuses.merge(http, 1L, Long::sum);
        }
        boolean ok = status.equals(Summary.OK);
        if (!r.isNullAt(9) && (httpTimes ? http != null : ok)) {
            times.merge(rounded(r.getLong(9)), 1L, Long::sum);
        }
        if (!ok && !status.equals(Summary.SKIPPED)) {
            String name = r.isNullAt(1) ? "" : r.getString(1);
            TreeMap<String, Example> first = examples.computeIfAbsent(status, s -> new TreeMap<>());
            if (first.size() < ManifestFacts.EXAMPLES || name.compareTo(first.lastKey()) < 0) {
                first.put(name, example(r, http));
                trim(first, ManifestFacts.EXAMPLES);
            }
        }
        if (hosts != null) {
            countHost(r.isNullAt(1) ? null : r.getString(1), status, ok);
        }
        if (ok && !r.isNullAt(10) && !r.getList(10).isEmpty()) {
            long key = hash(r.getString(1));
            if (sample.size() < SAMPLE || key < sample.lastKey()) {
                sample.put(key, smallest(r.getString(1), r.getList(10)));
                trim(sample, SAMPLE);
            }
        }
    }

    ManifestScan merge(ManifestScan other) {
        other.statuses.forEach((k, v) -> statuses.merge(k, v, Long::sum));
        other.httpStatuses.forEach((k, v) -> httpStatuses.merge(k, v, Long::sum));
        other.times.forEach((k, v) -> times.merge(k, v, Long::sum));
        other.examples.forEach((status, theirs) -> {
            TreeMap<String, Example> mine = examples.computeIfAbsent(status, s -> new TreeMap<>());
            mine.putAll(theirs);
            trim(mine, ManifestFacts.EXAMPLES);
        });
        sample.putAll(other.sample);
        trim(sample, SAMPLE);
        if (hosts != null && other.hosts != null) {
            other.hosts.forEach((host, theirs) -> {
                long[] mine = hosts.computeIfAbsent(host, h -> new long[theirs.length]);
                for (int i = 0; i < mine.length; i++) {
                    mine[i] += theirs[i];
                }
            });
        }
        hosts = other.hosts == null || hosts == null || hosts.size() > MAX_HOSTS ? null : hosts;
        return this;
    }

    private void countHost(String url, String status, boolean ok) {
        long[] n = hosts.computeIfAbsent(hostOf(url), h -> new long[5]);
        n[REQUESTS]++;
        n[FAILED] += ok || status.equals(Summary.SKIPPED) ? 0 : 1;
        n[ROBOTS_DENIED] += status.equals(Status.ROBOTS_DENIED.label()) ? 1 : 0;
        n[BLOCKED] += status.equals(Status.BLOCKED.label()) ? 1 : 0;
        n[TIMEOUTS] += status.equals(Status.TIMEOUT.label()) ? 1 : 0;
        if (hosts.size() > MAX_HOSTS) {
            hosts = null;
        }
    }

    /** The host as Spark's {@code try_parse_url(url, 'HOST')} gives it, or "(no host)". */
    static String hostOf(String url) {
        try {
            String host = url == null ? null : new java.net.URI(url).getHost();
            return host == null ? NO_HOST : host;
        } catch (java.net.URISyntaxException e) {
            return NO_HOST;
        }
    }

    /** The smallest time at or above the {@code p} quantile of the times counted. */
    long percentile(double p) {
        long total = times.values().stream().mapToLong(Long::longValue).sum();
        long rank = Math.max(1, (long) Math.ceil(p * total));
        long seen = 0;
        for (Map.Entry<Long, Long> e : times.entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return e.getKey();
            }
        }
        return times.isEmpty() ? 0 : times.lastKey();
    }

    /** A time kept exactly below 2 s, else to 11 significant bits. */
    static long rounded(long ms) {
        if (ms < EXACT_BELOW) {
            return Math.max(0, ms);
        }
        int drop = 64 - Long.numberOfLeadingZeros(ms) - 11;
        return (ms >> drop) << drop;
    }

    private static <K, V> void trim(TreeMap<K, V> map, int size) {
        while (map.size() > size) {
            map.pollLastEntry();
        }
    }

    private static long hash(String name) {
        CRC32 crc = new CRC32();
        crc.update(String.valueOf(name).getBytes(StandardCharsets.UTF_8));
        return crc.getValue() << 20 | (name == null ? 0 : name.length() & 0xFFFFF);
    }

    private static Candidate smallest(String name, List<Row> thumbnails) {
        Row best = null;
        for (Row t : thumbnails) {
            if (best == null || t.<Long>getAs("bytes") < best.<Long>getAs("bytes")) {
                best = t;
            }
        }
        return new Candidate(name, best.getAs("path"), best.<Integer>getAs("width"), best.<Integer>getAs("height"),
                best.<Long>getAs("bytes"));
    }

    private static Example example(Row r, Integer http) {
        String type = r.isNullAt(4) ? null : r.getString(4);
        String format = r.isNullAt(5) ? null : r.getString(5);
        String name = r.isNullAt(1) ? null : r.getString(1);
        List<String> facts = new ArrayList<>();
        if (http != null) {
            facts.add("HTTP " + http);
        }
        if (format != null) {
            facts.add(format);
        }
        if (!r.isNullAt(6) && !r.isNullAt(7)) {
            facts.add(r.getInt(6) + "×" + r.getInt(7));
        }
        if (type != null) {
            facts.add(type);
        }
        if (!r.isNullAt(8) && r.getLong(8) > 0) {
            facts.add(Summary.humanBytes(r.getLong(8)));
        }
        // The few characters a gallery tile shows: the format, else an HTTP status that is not
        // 2xx, else the content type's subtype, else the name's extension.
        String badge = format != null ? format
                : http != null && http / 100 != 2 ? String.valueOf(http)
                : type != null ? type.replaceFirst(";.*", "").replaceFirst(".*/", "")
                : name != null && name.matches(".*\\.\\w{1,5}") ? name.substring(name.lastIndexOf('.') + 1)
                : "?";
        return new Example(name, r.isNullAt(2) ? null : r.getString(2), badge.toUpperCase(Locale.ROOT), facts);
    }
}
