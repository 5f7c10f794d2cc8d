package io.harvest.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PageTextTest {
    private static final String GBK_TITLE = "一行代码实现并行：线程池与进程池";

    @Test
    void detectsGbkWhenNeitherHeaderNorMetaNamesACharset() {
        PageText.Decoded d = PageText.decode(Fixtures.bytes("gbk-no-charset.html"), "text/html");
        assertTrue(d.text().contains("<title>" + GBK_TITLE + "</title>"), d.text());
        // GB18030 is a superset of GBK: either decodes the page right.
        assertTrue(d.charset().name().startsWith("GB"), d.charset().name());
    }

    @Test
    void readsTheCharsetOfAMetaHttpEquiv() {
        PageText.Decoded d = PageText.decode(Fixtures.bytes("cp1251-meta-charset.html"), "text/html");
        assertEquals(Charset.forName("windows-1251"), d.charset());
        assertTrue(d.text().contains("Параллельная загрузка страниц"));
    }

    @Test
    void theHeaderCharsetWinsOverTheMeta() {
        byte[] page = Fixtures.bytes("utf8-meta-says-latin1.html");
        PageText.Decoded byHeader = PageText.decode(page, "text/html; charset=UTF-8");
        assertEquals(StandardCharsets.UTF_8, byHeader.charset());
        assertTrue(byHeader.text().contains("Récolte parallèle — déjà prête"));

        PageText.Decoded byMeta = PageText.decode(page, "text/html");
        // The meta's latin-1 is read as windows-1252, as browsers do: the page comes out garbled.
        assertEquals(Charset.forName("windows-1252"), byMeta.charset());
        assertTrue(byMeta.text().contains("RÃ©colte"));
    }

    @Test
    void aByteOrderMarkWinsOverEverything() {
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        byte[] text = "<title>café</title>".getBytes(StandardCharsets.UTF_8);
        byte[] page = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, page, 0, 3);
        System.arraycopy(text, 0, page, 3, text.length);
        PageText.Decoded d = PageText.decode(page, "text/html; charset=iso-8859-1");
        assertEquals("<title>café</title>", d.text());
    }

    @Test
    void unknownHeaderCharsetsFallThroughToTheNextSource() {
        byte[] page = Fixtures.bytes("cp1251-meta-charset.html");
        assertEquals(Charset.forName("windows-1251"), PageText.decode(page, "text/html; charset=klingon").charset());
    }

    @Test
    void validUtf8WithoutAnyDeclarationIsUtf8() {
        byte[] page = "<p>naïve café, 並行</p>".getBytes(StandardCharsets.UTF_8);
        assertEquals(StandardCharsets.UTF_8, PageText.decode(page, null).charset());
    }

    @Test
    void gb2312LabelsDecodeAsGbk() {
        // 镕 is in GBK but not in GB2312: pages labelled gb2312 use it all the same.
        byte[] page = "<p>朱镕基</p>".getBytes(Charset.forName("GBK"));
        PageText.Decoded d = PageText.decode(page, "text/html; charset=gb2312");
        assertEquals("<p>朱镕基</p>", d.text());
        assertNotEquals(Charset.forName("GB2312"), d.charset());
    }

    @Test
    void readsTheCharsetParameterOfAContentType() {
        assertEquals("utf-8", PageText.charsetParameter("text/html; charset=\"utf-8\""));
        assertEquals("GBK", PageText.charsetParameter("text/html;Charset=GBK;foo=bar"));
        assertNull(PageText.charsetParameter("text/html"));
        assertNull(PageText.charsetParameter(null));
    }
}
