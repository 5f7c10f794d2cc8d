package io.harvest.report;

import static io.harvest.report.Html.esc;

import io.harvest.Version;
import io.harvest.report.ManifestFacts.StatusCount;
import io.harvest.spark.RunTimeline;
import io.harvest.spark.TaskRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The report page: one HTML file, its CSS and SVG inline, its pictures as data URIs, no
 * script. The figures above the fold come from {@code summary.json}; the sections below from
 * the manifest ({@link ManifestFacts}, {@link ContactSheet}) and the run's
 * {@link RunTimeline}, each only when there is something to show.
 *
 * @param summary  summary.json as read
 * @param timeline the run's progress samples and tasks, or null when none was kept
 */
record ReportPage(String output, Map<String, Object> summary, RunTimeline timeline, ManifestFacts facts,
                  ContactSheet.Sheet sheet) {

    String render() {
        StringBuilder h = new StringBuilder(64 * 1024);
        String job = String.valueOf(summary.getOrDefault("job", "run"));
        h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>harvest ").append(esc(job)).append(" · report</title><style>")
                .append(css()).append("</style></head>\n<body><header><h1>harvest <span class=\"job\">")
                .append(esc(job)).append("</span> report</h1><p>").append(esc(output)).append("</p></header><main>");
        new Figures(summary, timeline).appendTo(h);
        h.append("<nav><a href=\"#status\">Status</a>");
        if (timeline != null && !timeline.samples().isEmpty()) {
            h.append("<a href=\"#throughput\">Throughput</a>");
        }
        if (timeline != null && !timeline.tasks().isEmpty()) {
            h.append("<a href=\"#tasks\">Tasks</a>");
        }
        if (FailureGallery.any(facts)) {
            h.append("<a href=\"#failures\">Failures</a>");
        }
        if (facts.hasThumbnails()) {
            h.append("<a href=\"#sheet\">Contact sheet</a>");
        }
        if (facts.timing() != null) {
            h.append("<a href=\"#timing\">Times</a>");
        }
        if (!facts.topHosts().isEmpty()) {
            h.append("<a href=\"#hosts\">Hosts</a>");
        }
        h.append("</nav>\n");
        statuses(h);
        if (FailureGallery.any(facts)) {
            FailureGallery.appendTo(h, facts, summary.containsKey("errors_txt"));
        }
        if (timeline != null && timeline.samples().size() > 1) {
            throughput(h);
        }
        if (timeline != null && !timeline.tasks().isEmpty()) {
            tasks(h);
        }
        if (facts.hasThumbnails()) {
            contactSheet(h);
        }
        HttpSections.appendTo(h, facts);
        h.append("</main><footer>Harvest ").append(esc(Version.get())).append(" · made ")
                .append(esc(Instant.now().toString())).append(" · again with <code>harvest report ")
                .append(esc(output)).append("</code></footer></body></html>\n");
        return h.toString();
    }

    private void statuses(StringBuilder h) {
        long total = Math.max(1, facts.rows());
        h.append("<section id=\"status\"><h2>Status of ").append(Html.count(facts.rows()))
                .append(" items</h2><table><tr><th>status</th><th class=\"barcell\"></th><th class=\"n\">items</th>")
                .append("<th class=\"n\">share</th></tr>");
        for (StatusCount s : facts.statuses()) {
            String cls = s.failure() ? "bad" : s.status();
            h.append("<tr class=\"status\" data-status=\"").append(esc(s.status())).append("\" data-count=\"")
                    .append(s.count()).append("\"><td class=\"status-name\">").append(esc(s.status()))
                    .append("</td><td class=\"barcell\"><div class=\"hbar ").append(esc(cls))
                    .append("\" style=\"width:").append(Charts.fmt(100.0 * s.count() / total)).append("%\"></div>");
            if (!s.examples().isEmpty()) {
                h.append("<a class=\"examples\" href=\"#").append(esc(FailureGallery.anchor(s.status())))
                        .append("\">").append(s.examples().size()).append(s.examples().size() == 1 ? " example" : " examples")
                        .append(" ↓</a>");
            }
            h.append("</td><td class=\"n\">").append(Html.count(s.count())).append("</td><td class=\"n\">")
                    .append(Html.decimal(100.0 * s.count() / total)).append(" %</td></tr>");
        }
        h.append("</table>");
        h.append("</section>\n");
    }

    private void throughput(StringBuilder h) {
        h.append("<section id=\"throughput\"><h2>Throughput over time</h2>")
                .append(Charts.throughput(timeline.samples()))
                .append("<div class=\"legend\"><i style=\"background:rgba(59,111,216,.45)\"></i>items per second")
                .append("<i style=\"background:#e39b2d\"></i>tasks running (right axis)</div>");
        long stall = Figures.longestStall(timeline);
        h.append("<p class=\"note\">Sampled every ").append(Html.millis(timeline.sampleMillis()))
                .append(" while the job ran. Longest stretch with tasks running and no item done: ")
                .append(Html.millis(stall)).append(".</p></section>\n");
    }

    private void tasks(StringBuilder h) {
        List<TaskRecord> tasks = timeline.tasks();
        long[] durations = tasks.stream().mapToLong(TaskRecord::durationMillis).sorted().toArray();
        long failed = tasks.stream().filter(t -> !t.succeeded()).count();
        h.append("<section id=\"tasks\"><h2>Task durations</h2>").append(Charts.taskLanes(tasks, timeline.startMillis()))
                .append("<p class=\"note\">").append(Html.count(tasks.size())).append(" task attempts")
                .append(failed > 0 ? " (" + failed + " failed or killed, in red)" : "")
                .append(" · median ").append(Html.millis(durations[durations.length / 2]))
                .append(" · p95 ").append(Html.millis(durations[(int) Math.min(durations.length - 1,
                        Math.ceil(durations.length * 0.95) - 1)]))
                .append(" · longest ").append(Html.millis(durations[durations.length - 1]))
                .append(". Each row is a slot reused as its tasks end, on the time axis of the throughput above;")
                .append(" hover a bar for its stage, partition and executor.</p>")
                .append("</section>\n");
    }

    private void contactSheet(StringBuilder h) {
        h.append("<section id=\"sheet\"><h2>Contact sheet</h2>");
        if (sheet.pictures().isEmpty()) {
            h.append("<p class=\"note\">No ok thumbnail to show").append(sheet.unreadable() > 0
                    ? " (" + sheet.unreadable() + " sampled ones could not be read as files)" : "").append(".</p>");
        } else {
            h.append("<div class=\"sheet\">");
            for (ContactSheet.Picture p : sheet.pictures()) {
                h.append("<figure title=\"").append(esc(p.name())).append("\"><img src=\"").append(p.dataUri())
                        .append("\" width=\"").append(p.width()).append("\" height=\"").append(p.height())
                        .append("\" alt=\"").append(esc(shortName(p.name()))).append("\"><figcaption>")
                        .append(esc(shortName(p.name()))).append("</figcaption></figure>");
            }
            h.append("</div><p class=\"note\">").append(sheet.pictures().size())
                    .append(" ok items picked at random, smallest size of each; hover for the source.")
                    .append(sheet.unreadable() > 0 ? " " + sheet.unreadable() + " could not be read as files." : "")
                    .append("</p>");
        }
        h.append("</section>\n");
    }

    static String shortName(String name) {
        String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String css() {
        try (InputStream in = ReportPage.class.getResourceAsStream("report.css")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
