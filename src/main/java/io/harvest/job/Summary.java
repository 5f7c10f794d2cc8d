package io.harvest.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a run did, counted from its manifest: written as {@code summary.json} beside the
 * manifest and printed at the end of the run.
 *
 * @param byStatus every status with its count; "ok" and "skipped" are the statuses that are
 *                 not failures
 * @param bytes    the job's main byte count (source bytes read, or body bytes fetched)
 * @param details  job-specific figures (decoder used, bytes written, CPU per item, ...)
 */
public record Summary(String job, String output, long input, SortedMap<String, Long> byStatus,
                      long bytes, double elapsedS, Map<String, Object> details) {

    public static final String OK = Status.OK.label();
    public static final String SKIPPED = Status.SKIPPED.label();

    public Summary {
        byStatus = new TreeMap<>(byStatus);
        details = new LinkedHashMap<>(details);
    }

    public long ok() {
        return byStatus.getOrDefault(OK, 0L);
    }

    public long skipped() {
        return byStatus.getOrDefault(SKIPPED, 0L);
    }

    public long failed() {
        return input - ok() - skipped();
    }

    /** Items per second over the whole run, skipped ones included. */
    public double perSecond() {
        return elapsedS > 0 ? input / elapsedS : 0;
    }

    public Summary withDetail(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(details);
        more.put(key, value);
        return new Summary(job, output, input, byStatus, bytes, elapsedS, more);
    }

    /**
     * The executors' CPU seconds while the job's tasks ran, and CPU milliseconds per item under
     * {@code perItemKey} (over {@code items}): what sizing a cluster starts from.
     */
    public Summary withCpu(long cpuNanos, String perItemKey, long items) {
        return withDetail("cpu_s", rounded(cpuNanos / 1e9))
                .withDetail(perItemKey, rounded(items > 0 ? cpuNanos / 1e6 / items : 0));
    }

    /**
     * The lines every downloading job ends with: {@link #withCpu} and how many URLs
     * {@code errors.txt} lists and where.
     */
    public Summary withCpuAndErrorList(long cpuNanos, String perItemKey, long items) {
        return withCpu(cpuNanos, perItemKey, items)
                .withDetail("errors_txt", ErrorList.size(this) + " URLs in " + ErrorList.path(output));
    }

    /** {@code v} to three decimals, as summary.json shows seconds and rates. */
    public static double rounded(double v) {
        return round(v, 3);
    }

    /** The same counts over a run that took {@code seconds}. */
    public Summary withElapsed(double seconds) {
        return new Summary(job, output, input, byStatus, bytes, seconds, details);
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job", job);
        m.put("output", output);
        m.put("input", input);
        m.put("ok", ok());
        m.put("failed", failed());
        m.put("skipped", skipped());
        m.put("by_status", byStatus);
        m.put("bytes", bytes);
        m.put("elapsed_s", round(elapsedS, 3));
        m.put("per_s", round(perSecond(), 2));
        m.putAll(details);
        return m;
    }

    public String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(asMap()) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The few lines printed at the end of a run. */
    public String render() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "harvest %s: %d items in %.1f s (%.1f/s)%n",
                job, input, elapsedS, perSecond()));
        s.append(String.format(Locale.ROOT, "  ok %d · skipped %d · failed %d%s%n",
                ok(), skipped(), failed(), failureBreakdown()));
        s.append(String.format(Locale.ROOT, "  bytes %s%n", humanBytes(bytes)));
        details.forEach((k, v) -> s.append("  ").append(k).append(' ').append(v).append('\n'));
        s.append("  manifest ").append(output).append("/manifest · summary ")
                .append(output).append("/summary.json");
        return s.toString();
    }

    private String failureBreakdown() {
        String failures = byStatus.entrySet().stream()
                .filter(e -> !e.getKey().equals(OK) && !e.getKey().equals(SKIPPED))
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        return failures.isEmpty() ? "" : " (" + failures + ")";
    }

    public static String humanBytes(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? n + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    private static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}
