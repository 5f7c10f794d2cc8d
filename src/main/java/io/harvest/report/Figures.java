package io.harvest.report;

import static io.harvest.report.Html.esc;

import io.harvest.spark.ProgressSample;
import io.harvest.spark.RunTimeline;
import io.harvest.spark.TaskRecord;
import java.util.List;
import java.util.Map;

/** The figures above the fold, from summary.json (and the task records for CPU when the job did not count it). */
record Figures(Map<String, Object> summary, RunTimeline timeline) {
    /** Keys under which jobs report CPU per item in their summary, in the order they are looked for. */
    private static final List<String> CPU_KEYS = List.of("cpu_ms_per_item", "cpu_ms_per_image", "cpu_ms_per_page");

    void appendTo(StringBuilder h) {
        long input = number("input");
        long failed = number("failed");
        h.append("<div class=\"kpis\">");
        card(h, "items", "", Html.count(input));
        card(h, "ok", "ok", Html.count(number("ok")));
        card(h, "failed", failed > 0 ? "bad" : "", Html.count(failed));
        card(h, "skipped", "", Html.count(number("skipped")));
        card(h, "elapsed", "", Html.seconds(decimal("elapsed_s")));
        card(h, "items/s", "", Html.decimal(decimal("per_s")));
        card(h, "CPU per item", "", cpuPerItem(input));
        card(h, "bytes in", "", Html.bytes(number("bytes")));
        card(h, "bytes out", "", summary.containsKey("bytes_written") ? Html.bytes(number("bytes_written")) : "—");
        h.append("</div>\n");
    }

    private String cpuPerItem(long input) {
        for (String key : CPU_KEYS) {
            if (summary.get(key) instanceof Number n) {
                return Html.millis(n.doubleValue());
            }
        }
        if (timeline == null || timeline.tasks().isEmpty() || input == 0) {
            return "—";
        }
        // Only the task threads' CPU: work a job hands to other threads is not in it.
        long cpu = timeline.tasks().stream().filter(TaskRecord::succeeded).mapToLong(TaskRecord::cpuMillis).sum();
        return Html.millis((double) cpu / input);
    }

    private static void card(StringBuilder h, String key, String cls, String value) {
        h.append("<div class=\"kpi ").append(cls).append("\" data-kpi=\"").append(esc(key)).append("\"><div class=\"v\">")
                .append(esc(value)).append("</div><div class=\"k\">").append(esc(key)).append("</div></div>");
    }

    private long number(String key) {
        return summary.get(key) instanceof Number n ? n.longValue() : 0;
    }

    private double decimal(String key) {
        return summary.get(key) instanceof Number n ? n.doubleValue() : 0;
    }

    /** The longest stretch, in milliseconds, in which tasks ran and no item was done. */
    static long longestStall(RunTimeline timeline) {
        long longest = 0;
        long current = 0;
        List<ProgressSample> s = timeline.samples();
        for (int i = 1; i < s.size(); i++) {
            boolean stalled = s.get(i).done() == s.get(i - 1).done() && s.get(i - 1).running() > 0;
            current = stalled ? current + s.get(i).atMillis() - s.get(i - 1).atMillis() : 0;
            longest = Math.max(longest, current);
        }
        return longest;
    }
}
