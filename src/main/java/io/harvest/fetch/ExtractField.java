package io.harvest.fetch;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * One {@code --extract name=selector[@attr]} field: a manifest column filled from the first
 * element the CSS selector matches in an HTML page — its text (whitespace normalised, as
 * jsoup's {@code Element.text()}), or the value of {@code attr}; {@code abs:href} gives the
 * attribute as an absolute URL. No matching element, or an element without the attribute,
 * gives null; a matching element with no text gives "".
 *
 * @param attribute null for the element's text
 */
public record ExtractField(String name, String selector, String attribute) implements Serializable {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** A trailing {@code @attr}: an attribute name, optionally with jsoup's "abs:" prefix. */
    private static final Pattern ATTRIBUTE = Pattern.compile("@((?:abs:)?[A-Za-z_:][-A-Za-z0-9_:.]*)$");

    /** @throws IllegalArgumentException for a bad name or a selector jsoup cannot parse */
    public ExtractField {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("extract field name '" + name
                    + "' must be letters, digits and '_', not starting with a digit");
        }
        if (selector == null || selector.isBlank()) {
            throw new IllegalArgumentException("extract field '" + name + "' has no selector");
        }
        compile(name, selector);
    }

    /** Reads {@code name=selector} or {@code name=selector@attr}. */
    public static ExtractField parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("extract field '" + spec + "' is not name=selector[@attr]");
        }
        String name = spec.substring(0, eq).trim();
        String selector = spec.substring(eq + 1).trim();
        Matcher m = ATTRIBUTE.matcher(selector);
        if (m.find()) {
            return new ExtractField(name, selector.substring(0, m.start()).trim(), m.group(1));
        }
        return new ExtractField(name, selector, null);
    }

    /** The compiled selector: compiled once per task, since jsoup's evaluators do not serialize. */
    Evaluator compile() {
        return compile(name, selector);
    }

    /** This field's value in a page, given its compiled selector. */
    String valueIn(Element root, Evaluator compiled) {
        Element match = root.selectFirst(compiled);
        if (match == null) {
            return null;
        }
        if (attribute == null) {
            return match.text();
        }
        return match.hasAttr(attribute) ? match.attr(attribute) : null;
    }

    private static Evaluator compile(String name, String selector) {
        try {
            return QueryParser.parse(selector);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("extract field '" + name + "': bad selector '"
                    + selector + "': " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return name + "=" + selector + (attribute == null ? "" : "@" + attribute);
    }
}
