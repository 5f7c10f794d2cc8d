package io.harvest.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harvest.fetch.HtmlPage;
import io.harvest.fetch.PageParser;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where {@code --links-from} finds the image URLs of an input page: {@code html} (its
 * {@code <img src>}, the largest of each {@code srcset}, {@code og:image}) or
 * {@code json:<path>} in a JSON API response, where the path names fields by {@code /} or
 * {@code .} and {@code *} or a {@code []} suffix walks an array ({@code json:data[].link},
 * {@code json:/data/*}{@code /link}). {@code --link-filter} keeps the URLs a regex finds a match in.
 */
record LinkSource(String json, Pattern filter) implements Serializable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses the value of {@code --links-from}; a null filter keeps every link. */
    static LinkSource parse(String spec, String filter) {
        Pattern pattern = filter == null ? null : Pattern.compile(filter);
        if (spec.equals("html")) {
            return new LinkSource(null, pattern);
        }
        if (spec.startsWith("json:") && spec.length() > 5) {
            return new LinkSource(spec.substring(5), pattern);
        }
        throw new IllegalArgumentException("--links-from takes html or json:<path>, not '" + spec + "'");
    }

    boolean isHtml() {
        return json == null;
    }

    /** The image URLs of a page's body, absolute, each once, in page order, filtered. */
    List<String> links(byte[] body, String contentType, String pageUrl) throws IOException {
        List<String> found = new ArrayList<>();
        if (isHtml()) {
            HtmlPage page = new PageParser(List.of()).parse(body, contentType, pageUrl);
            found.addAll(page.images());
        } else {
            collect(JSON.readTree(body), steps(json), 0, found);
        }
        Set<String> kept = new LinkedHashSet<>();
        URI base = URI.create(pageUrl);
        for (String link : found) {
            String abs = absolute(base, link);
            if (abs != null && (filter == null || filter.matcher(abs).find())) {
                kept.add(abs);
            }
        }
        return new ArrayList<>(kept);
    }

    private static String absolute(URI base, String link) {
        try {
            String abs = base.resolve(link.strip()).toString();
            return abs.startsWith("http://") || abs.startsWith("https://") ? abs : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<String> steps(String path) {
        List<String> steps = new ArrayList<>();
        for (String part : path.split("[/.]")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.endsWith("[]")) {
                if (part.length() > 2) {
                    steps.add(part.substring(0, part.length() - 2));
                }
                steps.add("*");
            } else {
                steps.add(part);
            }
        }
        return steps;
    }

    private static void collect(JsonNode node, List<String> steps, int at, List<String> out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (at == steps.size()) {
            if (node.isTextual()) {
                out.add(node.asText());
            } else if (node.isArray()) {
                node.forEach(n -> collect(n, steps, at, out));
            }
            return;
        }
        String step = steps.get(at);
        if (step.equals("*")) {
            if (node.isArray() || node.isObject()) {
                node.forEach(n -> collect(n, steps, at + 1, out));
            }
        } else if (node.isArray() && step.chars().allMatch(Character::isDigit)) {
            collect(node.get(Integer.parseInt(step)), steps, at + 1, out);
        } else {
            collect(node.get(step), steps, at + 1, out);
        }
    }
}
