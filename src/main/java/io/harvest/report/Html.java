package io.harvest.report;

import io.harvest.job.Summary;
import io.harvest.spark.Progress;
import java.util.Locale;

/** Escaping and number formatting for the report page; the page is built as plain text. */
final class Html {
    private Html() {}

    /** Text made safe for HTML content and quoted attribute values alike. */
    static String esc(Object value) {
        String s = String.valueOf(value);
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return out.toString();
    }

    /** A link target only for schemes a browser opens on a click; anything else is no link. */
    static String safeHref(String target) {
        String lower = target == null ? "" : target.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("file:")
                ? target : null;
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String decimal(double v) {
        if (v >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, v >= 10 ? "%.1f" : "%.2f", v);
    }

    static String bytes(long n) {
        return Summary.humanBytes(n);
    }

    static String seconds(double s) {
        return s < 120 ? decimal(s) + " s" : Progress.humanSeconds(s);
    }

    static String millis(double ms) {
        return ms >= 1000 ? decimal(ms / 1000) + " s" : decimal(ms) + " ms";
    }
}
