package io.harvest.report;

import static io.harvest.report.Html.esc;

import io.harvest.report.ManifestFacts.Example;
import io.harvest.report.ManifestFacts.StatusCount;
import java.util.List;

/**
 * Failures by status, as a gallery: per failed status a tile for each of its first examples,
 * with the source's name (linked when it is a URL), the error and what the manifest knows of
 * the source (HTTP status, format, pixel size, content type, bytes). No picture of a failed
 * source is drawn: its bytes are not kept by the images job, and decoding a file that failed
 * (a corrupt or hostile image) again, in the report or in the reader's browser, is what the
 * job exists to avoid.
 */
final class FailureGallery {
    private FailureGallery() {}

    static boolean any(ManifestFacts facts) {
        return facts.statuses().stream().anyMatch(StatusCount::failure);
    }

    /** The anchor of a status's group, for the status table's link. */
    static String anchor(String status) {
        return "failed-" + status.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    static void appendTo(StringBuilder h, ManifestFacts facts, boolean hasErrorList) {
        h.append("<section id=\"failures\"><h2>Failures by status</h2>");
        for (StatusCount s : facts.statuses()) {
            if (!s.failure()) {
                continue;
            }
            h.append("<div class=\"failure-group\" id=\"").append(esc(anchor(s.status()))).append("\" data-status=\"")
                    .append(esc(s.status())).append("\" data-count=\"").append(s.count()).append("\"><h3>")
                    .append(esc(s.status())).append(" · ").append(Html.count(s.count()))
                    .append(s.count() == 1 ? " item" : " items");
            if (s.count() > s.examples().size()) {
                h.append(", the first ").append(s.examples().size()).append(" by name");
            }
            h.append("</h3><div class=\"gallery\">");
            s.examples().forEach(e -> tile(h, e));
            h.append("</div></div>");
        }
        h.append("<p class=\"note\">Every failed item is a row of the manifest")
                .append(hasErrorList ? " and a line of errors.txt" : "")
                .append(". Failed sources are not drawn: a file that failed to decode is not decoded again.</p>")
                .append("</section>\n");
    }

    private static void tile(StringBuilder h, Example e) {
        String name = e.name() == null ? "(no name)" : e.name();
        String href = Html.safeHref(name);
        h.append("<figure class=\"failure\" data-name=\"").append(esc(name)).append("\" title=\"").append(esc(name))
                .append("\"><div class=\"badge\">").append(esc(ReportPage.abbreviate(e.badge(), 12)))
                .append("</div><figcaption><div class=\"fname\">");
        if (href != null) {
            h.append("<a href=\"").append(esc(href)).append("\" rel=\"noreferrer\">")
                    .append(esc(ReportPage.shortName(name))).append("</a>");
        } else {
            h.append(esc(ReportPage.shortName(name)));
        }
        h.append("</div>");
        if (e.error() != null) {
            h.append("<div class=\"err\">").append(esc(ReportPage.abbreviate(e.error(), 300))).append("</div>");
        }
        List<String> facts = e.facts();
        if (!facts.isEmpty()) {
            h.append("<div class=\"facts\">").append(esc(String.join(" · ", facts))).append("</div>");
        }
        h.append("</figcaption></figure>");
    }
}
