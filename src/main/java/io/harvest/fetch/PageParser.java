package io.harvest.fetch;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;

/**
 * Parses HTML bodies with jsoup: the page's title, description, canonical URL, language,
 * outlinks and images, and the {@code --extract} fields. CPU work: the fetch task runs it on
 * its own thread, never on the HTTP client's.
 */
final class PageParser implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Set<String> HTML_TYPES = Set.of("text/html", "application/xhtml+xml");
    /** Content types that say nothing about the body: such bodies are sniffed. */
    private static final Set<String> UNKNOWN_TYPES = Set.of("", "application/octet-stream", "unknown/unknown");
    private static final int SNIFF_BYTES = 512;

    private final List<ExtractField> fields;
    private transient List<Evaluator> compiled;

    PageParser(List<ExtractField> fields) {
        this.fields = List.copyOf(fields);
    }

    /**
     * True for a body to parse as HTML: its Content-Type says so, or it says nothing useful
     * and the body starts like an HTML document.
     */
    static boolean isHtml(String contentType, byte[] body) {
        String mime = mimeType(contentType);
        if (HTML_TYPES.contains(mime)) {
            return true;
        }
        if (!UNKNOWN_TYPES.contains(mime) || body == null) {
            return false;
        }
        String start = new String(body, 0, Math.min(body.length, SNIFF_BYTES), StandardCharsets.ISO_8859_1)
                .replace("\u00ef\u00bb\u00bf", "").stripLeading().toLowerCase(Locale.ROOT);
        return start.startsWith("<!doctype html") || start.startsWith("<html") || start.startsWith("<head");
    }

    /** The media type of a Content-Type value, lower case, without parameters; "" for none. */
    static String mimeType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    HtmlPage parse(byte[] body, String contentType, String baseUrl) {
        PageText.Decoded text = PageText.decode(body, contentType);
        Document doc = Jsoup.parse(text.text(), baseUrl == null ? "" : baseUrl);
        List<String> extracted = new ArrayList<>(fields.size());
        List<Evaluator> evaluators = evaluators();
        for (int i = 0; i < fields.size(); i++) {
            extracted.add(fields.get(i).valueIn(doc, evaluators.get(i)));
        }
        return new HtmlPage(text.charset().name(), orNull(doc.title()), description(doc),
                firstUrl(doc, "link[rel~=(?i)(^|\\s)canonical(\\s|$)][href]", "href"), lang(doc),
                urls(doc, "a[href], area[href]", "href"), urls(doc, "img[src]", "src"), extracted);
    }

    private List<Evaluator> evaluators() {
        if (compiled == null) {
            compiled = fields.stream().map(ExtractField::compile).toList();
        }
        return compiled;
    }

    private static String description(Document doc) {
        Element meta = doc.selectFirst("meta[name=description][content]");
        if (meta == null) {
            meta = doc.selectFirst("meta[property=og:description][content]");
        }
        return meta == null ? null : orNull(meta.attr("content"));
    }

    private static String lang(Document doc) {
        Element html = doc.selectFirst("html[lang]");
        if (html != null && !html.attr("lang").isBlank()) {
            return html.attr("lang").trim();
        }
        Element meta = doc.selectFirst("meta[http-equiv=content-language][content]");
        return meta == null ? null : orNull(meta.attr("content"));
    }

    private static String firstUrl(Document doc, String query, String attribute) {
        for (Element e : doc.select(query)) {
            String url = httpUrl(e.absUrl(attribute));
            if (url != null) {
                return url;
            }
        }
        return null;
    }

    private static List<String> urls(Document doc, String query, String attribute) {
        Set<String> urls = new LinkedHashSet<>();
        for (Element e : doc.select(query)) {
            String url = httpUrl(e.absUrl(attribute));
            if (url != null) {
                urls.add(url);
            }
        }
        return new ArrayList<>(urls);
    }

    /** An absolute http(s) URL without its fragment; null for other schemes or none. */
    private static String httpUrl(String absolute) {
        if (!absolute.regionMatches(true, 0, "http://", 0, 7)
                && !absolute.regionMatches(true, 0, "https://", 0, 8)) {
            return null;
        }
        int hash = absolute.indexOf('#');
        return hash < 0 ? absolute : absolute.substring(0, hash);
    }

    private static String orNull(String s) {
        String t = s == null ? "" : s.trim();
        return t.isEmpty() ? null : t;
    }
}
