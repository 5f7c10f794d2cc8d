package io.harvest.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class LinkResolverTest {
    private static final List<String> BASES = List.of("http://news.test/articles/parallelism?ref=feed",
            "http://news.test", "https://news.test/a/b/", "http://news.test:8080/a/b.html#frag",
            "http://user@news.test/a;p/b?x=1", "http://news.test:80/dir/", "http://[::1]:9000/a/b");
    private static final List<String> LINKS = List.of("/people/kiehl", "other.html", "../up.html", "./same",
            "//cdn.test/x.png", "https://docs.test/a#frag", "?page=2", "#top", "", "  spaced.html  ",
            "a b.html", "ü.html", "x.html?q=1&r=2", "../../../../too-far", "javascript:void(0)", "mailto:x@y",
            "HTTP://UPPER.test/X", "data:image/png;base64,xx", "%7Euser/", "100%.html", "a:b", "./a:b",
            "/a/./b/../c", "..", ".", "?", "#", "//", "///x", "http:relative", "https://h.test:443/x",
            "tel:+123", "/x?q=a%20b&r=c#d", "{x}.html", "x.html#a#b", "\\\\windows", "/unicode/ü",
            "x?y#z", "/?", "//cdn.test", "//cdn.test?x", "?#", "a/b/", "a//b", "/a/b/..x", "...", ".hidden",
            "Https://mixed.test/", "//CDN.test/Up", "/%zz", "%41b", "x;y=1/z");

    /** What the job keeps of a link: an absolute http(s) URL without fragment, or nothing. */
    private static String kept(String url) {
        return url == null ? null : PageParser.httpUrl(url);
    }

    @Test
    void resolvesEveryLinkAsJsoupDoes() {
        List<String> differences = new ArrayList<>();
        for (String base : BASES) {
            StringBuilder html = new StringBuilder();
            for (String link : LINKS) {
                html.append("<a href=\"").append(link.replace("\"", "&quot;")).append("\">x</a>\n");
            }
            Document doc = Jsoup.parse(html.toString(), base);
            LinkResolver resolver = new LinkResolver(doc.baseUri());
            for (Element a : doc.select("a")) {
                String jsoup = kept(a.absUrl("href"));
                String ours = kept(resolver.resolve(a.attr("href"), () -> a.absUrl("href")));
                if (!java.util.Objects.equals(jsoup, ours)) {
                    differences.add(base + " + '" + a.attr("href") + "': jsoup " + jsoup + ", here " + ours);
                }
            }
        }
        assertEquals(List.of(), differences);
    }

    @Test
    void followsTheBaseElement() {
        Document doc = Jsoup.parse("<head><base href=\"http://cdn.test/root/\"></head><a href=\"x/y.html\">x</a>",
                "http://news.test/a/b.html");
        byte[] html = doc.outerHtml().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HtmlPage page = new PageParser(List.of()).parse(html, "text/html", "http://news.test/a/b.html");
        assertEquals(List.of("http://cdn.test/root/x/y.html"), page.links());
    }
}
