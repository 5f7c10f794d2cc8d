package io.harvest.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageParserTest {
    private static final String BASE = "http://news.example.com/articles/parallelism?ref=feed";

    private static HtmlPage parse(List<ExtractField> fields, String fixture, String contentType) {
        return new PageParser(fields).parse(Fixtures.bytes(fixture), contentType, BASE);
    }

    @Test
    void readsTheFieldsOfAnArticle() {
        HtmlPage page = parse(List.of(), "article.html", "text/html");
        assertEquals("Parallelism in one line", page.title());
        assertEquals("Why map() beats the producer/consumer boilerplate.", page.description());
        assertEquals("http://news.example.com/articles/parallelism", page.canonical());
        assertEquals("en-GB", page.lang());
        assertEquals("UTF-8", page.charset());
    }

    @Test
    void linksAndImagesAreAbsoluteHttpUrlsEachOnceWithoutFragments() {
        HtmlPage page = parse(List.of(), "article.html", "text/html");
        assertEquals(List.of("http://news.example.com/people/kiehl",
                "https://docs.python.org/3/library/multiprocessing.html",
                "http://news.example.com/articles/other.html",
                "http://news.example.com/articles/parallelism?ref=feed",
                "http://news.example.com/map/region"), page.links());
        assertEquals(List.of("http://news.example.com/articles/img/thumbs.png", "http://cdn.example.net/pool.jpg"),
                page.images());
    }

    @Test
    void extractsTheFirstMatchsTextOrAttribute() {
        List<ExtractField> fields = Arrays.asList(
                ExtractField.parse("title=h1.post-title"),
                ExtractField.parse("votes=span#article-rank"),
                ExtractField.parse("author=a.author"),
                ExtractField.parse("author_url=a.author@abs:href"),
                ExtractField.parse("author_href=a.author@href"),
                ExtractField.parse("missing=div.comments"),
                ExtractField.parse("no_attr=a.author@title"),
                ExtractField.parse("empty=#empty-rank"),
                ExtractField.parse("first_p=article p"));
        HtmlPage page = parse(fields, "article.html", "text/html");
        assertEquals(Arrays.asList("Parallelism in one line", "42", "Chris Kiehl",
                "http://news.example.com/people/kiehl", "/people/kiehl", null, null, "",
                "Use multiprocessing.dummy for IO-bound work and a process pool for the rest."
                        + " Again: the same page."), page.extracted());
    }

    @Test
    void aGbkPageWithoutDeclaredCharsetGetsItsUnicodeTitle() {
        HtmlPage page = parse(List.of(ExtractField.parse("heading=h1.post-title")), "gbk-no-charset.html",
                "text/html");
        assertEquals("一行代码实现并行：线程池与进程池", page.title());
        assertEquals(List.of("一行代码实现并行：线程池与进程池"), page.extracted());
    }

    @Test
    void aPageWithoutTitleOrLinksHasNullFieldsAndEmptyLists() {
        HtmlPage page = new PageParser(List.of()).parse("<p>plain".getBytes(StandardCharsets.UTF_8), null, BASE);
        assertNull(page.title());
        assertNull(page.description());
        assertNull(page.canonical());
        assertNull(page.lang());
        assertEquals(List.of(), page.links());
        assertEquals(List.of(), page.images());
    }

    @Test
    void tellsHtmlFromItsContentTypeOrItsFirstBytes() {
        byte[] html = "\n  <!DOCTYPE html><html></html>".getBytes(StandardCharsets.US_ASCII);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        assertTrue(PageParser.isHtml("text/html; charset=utf-8", png));
        assertTrue(PageParser.isHtml("Application/XHTML+XML", null));
        assertTrue(PageParser.isHtml(null, html));
        assertTrue(PageParser.isHtml("application/octet-stream", html));
        assertFalse(PageParser.isHtml(null, png));
        assertFalse(PageParser.isHtml("image/png", html));
        assertFalse(PageParser.isHtml("text/plain", html));
    }

    @Test
    void aBadSelectorOrNameIsRefusedWhenTheFieldIsMade() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ExtractField.parse("votes=span#"));
        assertTrue(bad.getMessage().contains("bad selector 'span#'"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ExtractField.parse("votes"));
        assertThrows(IllegalArgumentException.class, () -> ExtractField.parse("2votes=span"));
        assertThrows(IllegalArgumentException.class, () -> ExtractField.parse("votes="));
        assertThrows(IllegalArgumentException.class, () -> ExtractField.parse("vo tes=span"));
    }

    @Test
    void anAttributeIsSplitOffOnlyAtTheEnd() {
        assertEquals(new ExtractField("mail", "a[href^=mailto:x@y]", null),
                ExtractField.parse("mail=a[href^=mailto:x@y]"));
        assertEquals(new ExtractField("img", "img.main", "abs:src"), ExtractField.parse("img = img.main@abs:src"));
    }
}
