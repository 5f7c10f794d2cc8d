package io.harvest.report;

import static io.harvest.report.Html.esc;

import io.harvest.report.ManifestFacts.Bucket;
import io.harvest.report.ManifestFacts.HostRow;
import io.harvest.report.ManifestFacts.Timing;
import java.util.List;

/** The sections of a manifest with HTTP columns and times: status histogram, times, hosts. */
final class HttpSections {
    private HttpSections() {}

    static void appendTo(StringBuilder h, ManifestFacts facts) {
        if (!facts.httpStatuses().isEmpty()) {
            long max = facts.httpStatuses().stream().mapToLong(Bucket::count).max().orElse(1);
            h.append("<section id=\"http\"><h2>HTTP status of responses</h2><table>")
                    .append("<tr><th>HTTP status</th><th class=\"barcell\"></th><th class=\"n\">responses</th></tr>");
            for (Bucket b : facts.httpStatuses()) {
                String cls = b.label().startsWith("2") ? "ok" : b.label().startsWith("3") ? "neutral" : "bad";
                h.append("<tr data-http-status=\"").append(esc(b.label())).append("\"><td>").append(esc(b.label()))
                        .append("</td><td class=\"barcell\"><div class=\"hbar ").append(cls).append("\" style=\"width:")
                        .append(Charts.fmt(100.0 * b.count() / max)).append("%\"></div></td><td class=\"n\">")
                        .append(Html.count(b.count())).append("</td></tr>");
            }
            h.append("</table></section>\n");
        }
        Timing t = facts.timing();
        if (t != null) {
            h.append("<section id=\"timing\"><h2>").append(esc(t.what())).append("</h2>")
                    .append(Charts.timeHistogram(t)).append("<p class=\"note\">").append(Html.count(t.count()))
                    .append(" items · p50 ").append(Html.millis(t.p50())).append(" · p95 ").append(Html.millis(t.p95()))
                    .append(" · p99 ").append(Html.millis(t.p99()))
                    .append(" (approximate percentiles); each bucket is twice as wide as the one before.</p></section>\n");
        }
        if (!facts.topHosts().isEmpty()) {
            h.append("<section id=\"hosts\"><h2>Hosts</h2><div class=\"cols\"><div><h3>Most requests</h3>");
            hosts(h, facts.topHosts());
            h.append("</div><div><h3>Most failures</h3>");
            if (facts.worstHosts().isEmpty()) {
                h.append("<p class=\"note\">No host had a failure.</p>");
            } else {
                hosts(h, facts.worstHosts());
            }
            h.append("</div></div></section>\n");
        }
    }

    private static void hosts(StringBuilder h, List<HostRow> rows) {
        h.append("<table><tr><th>host</th><th class=\"n\">items</th><th class=\"n\">failed</th>")
                .append("<th class=\"n\" title=\"robots.txt denied\">robots</th><th class=\"n\">blocked</th>")
                .append("<th class=\"n\">timeouts</th></tr>");
        for (HostRow r : rows) {
            h.append("<tr><td>").append(esc(r.host())).append("</td><td class=\"n\">").append(Html.count(r.requests()))
                    .append("</td><td class=\"n\">").append(Html.count(r.failed())).append("</td><td class=\"n\">")
                    .append(Html.count(r.robotsDenied())).append("</td><td class=\"n\">").append(Html.count(r.blocked()))
                    .append("</td><td class=\"n\">").append(Html.count(r.timeouts())).append("</td></tr>");
        }
        h.append("</table>");
    }
}
