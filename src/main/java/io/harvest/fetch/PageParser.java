package io.harvest.fetch;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
public final class PageParser implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Set<String> HTML_TYPES = Set.of("text/html", "application/xhtml+xml");
    /** Content types that say nothing about the body: such bodies are sniffed. */
    private static final Set<String> UNKNOWN_TYPES = Set.of("", "application/octet-stream", "unknown/unknown");
    private static final int SNIFF_BYTES = 512;

    private final List<ExtractField> fields;
    private transient List<Evaluator> compiled;

    public PageParser(List<ExtractField> fields) {
        this.fields = List.copyOf(fields);
    }

    /**
     * True for a body to parse as HTML: its Content-Type says so, or it says nothing useful
     * and the body starts like an HTML document.
     */
    public static boolean isHtml(String contentType, byte[] body) {
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
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.trim().toLowerCase(Locale.ROOT);
    }

    public HtmlPage parse(byte[] body, String contentType, String baseUrl) {
        PageText.Decoded text = PageText.decode(body, contentType);
        Document doc = Jsoup.parse(text.text(), baseUrl == null ? "" : baseUrl);
        List<String> extracted = new ArrayList<>(fields.size());
        List<Evaluator> evaluators = evaluators();
        for (int i = 0; i < fields.size(); i++) {
            extracted.add(fields.get(i).valueIn(doc, evaluators.get(i)));
        }
        Fields f = new Fields(new LinkResolver(doc.baseUri()));
        // One walk over the elements picks every field: a select per field would walk the
        // page once each, and parsing plus that walk is the job's main CPU cost per page.
        for (Element e : doc.getAllElements()) {
            f.take(e);
        }
        // doc.title() stops at the first title, near the top, and normalises its whitespace.
        return new HtmlPage(text.charset().name(), orNull(doc.title()), f.description(), f.canonical,
                f.lang(), new ArrayList<>(f.links), new ArrayList<>(f.images), extracted);
    }

    private List<Evaluator> evaluators() {
        if (compiled == null) {
            compiled = fields.stream().map(ExtractField::compile).toList();
        }
        return compiled;
    }

    /** The page fields, gathered element by element in document order. */
    private static final class Fields {
        String metaDescription;
        String ogDescription;
        String canonical;
        String htmlLang;
        String metaLang;
        final Set<String> links = new LinkedHashSet<>();
        final Set<String> images = new LinkedHashSet<>();
        private final LinkResolver resolver;
        /** Pages repeat their links: each distinct value is resolved once. */
        private final Map<String, String> resolved = new HashMap<>();

        Fields(LinkResolver resolver) {
            this.resolver = resolver;
        }

        void take(Element e) {
            switch (e.normalName()) {
                case "html" -> htmlLang = htmlLang == null ? orNull(e.attr("lang")) : htmlLang;
                case "a", "area" -> addUrl(links, e, "href");
                case "img" -> {
                    addUrl(images, e, "src");
                    addLargest(e.attr("srcset"), e);
                }
                case "link" -> {
                    if (canonical == null && e.hasAttr("href") && hasToken(e.attr("rel"), "canonical")) {
                        canonical = url(e, "href");
                    }
                }
                case "meta" -> meta(e);
                default -> { }
            }
        }

        private void meta(Element e) {
            if (!e.hasAttr("content")) {
                return;
            }
            String content = orNull(e.attr("content"));
            if (metaDescription == null && e.attr("name").equalsIgnoreCase("description")) {
                metaDescription = content;
            } else if (ogDescription == null && e.attr("property").equalsIgnoreCase("og:description")) {
                ogDescription = content;
            } else if (metaLang == null && e.attr("http-equiv").equalsIgnoreCase("content-language")) {
                metaLang = content;
            } else if (e.attr("property").equalsIgnoreCase("og:image")
                    || e.attr("property").equalsIgnoreCase("og:image:url")) {
                addUrl(images, e, "content");
            }
        }

        String description() {
            return metaDescription != null ? metaDescription : ogDescription;
        }

        String lang() {
            return htmlLang != null ? htmlLang : metaLang;
        }

        private void addUrl(Set<String> into, Element e, String attribute) {
            if (e.hasAttr(attribute)) {
                String url = url(e, attribute);
                if (url != null) {
                    into.add(url);
                }
            }
        }

        /**
         * The largest candidate of a {@code srcset} ({@code a.jpg 480w, b.jpg 1080w} or
         * {@code a.jpg 1x, b.jpg 2x}): by its width or density descriptor, the last on a tie.
         */
        private void addLargest(String srcset, Element e) {
            String best = null;
            double bestSize = -1;
            for (String candidate : srcset.split(",")) {
                String[] parts = candidate.strip().split("\\s+");
                if (parts[0].isEmpty()) {
                    continue;
                }
                double size = 1;
                if (parts.length > 1 && parts[1].length() > 1) {
                    try {
                        size = Double.parseDouble(parts[1].substring(0, parts[1].length() - 1));
                    } catch (NumberFormatException ignored) {
                        continue;
                    }
                }
                if (size >= bestSize) {
                    best = parts[0];
                    bestSize = size;
                }
            }
            if (best != null) {
                String chosen = best;
                String abs = httpUrl(resolver.resolve(chosen,
                        () -> org.jsoup.internal.StringUtil.resolve(e.baseUri(), chosen)));
                if (abs != null) {
                    images.add(abs);
                }
            }
        }

        private String url(Element e, String attribute) {
            String url = resolved.computeIfAbsent(e.attr(attribute), raw -> {
                String abs = httpUrl(resolver.resolve(raw, () -> e.absUrl(attribute)));
                return abs == null ? "" : abs;
            });
            return url.isEmpty() ? null : url;
        }

        private static boolean hasToken(String list, String token) {
            for (String t : list.trim().split("\\s+")) {
                if (t.equalsIgnoreCase(token)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** An absolute http(s) URL without its fragment; null for other schemes or none. */
    static String httpUrl(String absolute) {
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
