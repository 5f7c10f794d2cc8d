package io.harvest.fetch;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * Decodes an HTML body into text, as browsers do: a byte-order mark first, then the charset of
 * the Content-Type header, then the page's own {@code <meta charset>} or
 * {@code <meta http-equiv="Content-Type">} near its start, then the bytes themselves (valid
 * UTF-8, else what juniversalchardet detects, else windows-1252).
 */
final class PageText {
    /** How far into a page a meta charset declaration is looked for. */
    private static final int PRESCAN_BYTES = 8192;
    /** How much of a page the charset detector reads. */
    private static final int DETECT_BYTES = 64 * 1024;
    private static final Pattern CHARSET_PARAM =
            Pattern.compile("(?i)\\bcharset\\s*=\\s*[\"']?([^\\s;\"',]+)");
    private static final Pattern META_CHARSET =
            Pattern.compile("(?i)<meta\\s[^>]*?charset\\s*=\\s*[\"']?\\s*([a-z0-9._:-]+)");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    /**
     * Labels whose Java charset is narrower than what pages labelled so really contain (the
     * WHATWG Encoding Standard maps them the same way): latin-1 pages use windows-1252's
     * 0x80-0x9F, and gb2312 pages use GBK's extra characters.
     */
    private static final Map<String, String> WIDER = Map.of(
            "iso-8859-1", "windows-1252", "latin1", "windows-1252", "us-ascii", "windows-1252",
            "ascii", "windows-1252", "gb2312", "GBK", "x-gbk", "GBK", "gb_2312-80", "GBK");

    private PageText() {}

    /** The text of a page and the charset it was decoded with. */
    record Decoded(String text, Charset charset) {}

    static Decoded decode(byte[] body, String contentType) {
        Charset bom = bom(body);
        if (bom != null) {
            int skip = bom == StandardCharsets.UTF_8 ? 3 : 2;
            return new Decoded(new String(body, skip, body.length - skip, bom), bom);
        }
        Charset charset = fromLabel(charsetParameter(contentType));
        if (charset == null) {
            charset = fromMeta(body);
        }
        if (charset == null) {
            charset = detect(body);
        }
        return new Decoded(new String(body, charset), charset);
    }

    /** The charset parameter of a Content-Type value; null when it has none. */
    static String charsetParameter(String contentType) {
        if (contentType == null) {
            return null;
        }
        Matcher m = CHARSET_PARAM.matcher(contentType);
        return m.find() ? m.group(1) : null;
    }

    private static Charset bom(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
            return StandardCharsets.UTF_8;
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
            return StandardCharsets.UTF_16BE;
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    /**
     * The charset a page declares near its start: {@code <meta charset=...>} or the charset
     * parameter of {@code <meta http-equiv="Content-Type" content=...>}, read as ASCII. A
     * pattern, not a parse: parsing the head twice would cost as much as the page itself.
     */
    private static Charset fromMeta(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, PRESCAN_BYTES), StandardCharsets.ISO_8859_1);
        Matcher m = META_CHARSET.matcher(head);
        while (m.find()) {
            Charset charset = fromLabel(m.group(1));
            if (charset != null) {
                // A page cannot declare UTF-16 in ASCII-compatible bytes: the spec reads it as UTF-8.
                return charset.name().startsWith("UTF-16") ? StandardCharsets.UTF_8 : charset;
            }
        }
        return null;
    }

    private static Charset detect(byte[] body) {
        int length = Math.min(body.length, DETECT_BYTES);
        if (isUtf8(body, length)) {
            return StandardCharsets.UTF_8;
        }
        UniversalDetector detector = new UniversalDetector();
        detector.handleData(body, 0, length);
        detector.dataEnd();
        Charset detected = fromLabel(detector.getDetectedCharset());
        return detected != null ? detected : WINDOWS_1252;
    }

    /** True when the first {@code length} bytes are UTF-8, allowing a character cut at the end. */
    private static boolean isUtf8(byte[] body, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int end = length;
        if (length < body.length) {
            // Step back to the start of a character so a multi-byte one is not cut in two.
            while (end > 0 && (body[end] & 0xc0) == 0x80 && length - end < 4) {
                end--;
            }
        }
        try {
            decoder.decode(ByteBuffer.wrap(body, 0, end));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static Charset fromLabel(String label) {
        if (label == null || label.isBlank()) {
            return null;
        }
        String name = label.trim().toLowerCase(Locale.ROOT);
        try {
            return Charset.forName(WIDER.getOrDefault(name, name));
        } catch (IllegalArgumentException e) {
            // Unknown or illegal names: the next source decides.
            return null;
        }
    }
}
