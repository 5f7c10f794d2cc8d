package io.harvest.testing;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The pages of the fetch benchmark: small HTML pages shaped like a blog's articles (title,
 * description, canonical link, navigation, images, related links, the seed crawler's fields),
 * 3 to 20 KB each. Page {@code i} is always the same bytes, so every run fetches the same work.
 */
final class FetchBenchPages {
    private static final String[] WORDS = {
        "harvest", "spark", "partition", "thumbnail", "fetch", "latency", "throughput", "cluster",
        "image", "pixel", "decoder", "manifest", "parquet", "summary", "robots", "crawler", "page",
        "title", "link", "request", "response", "socket", "buffer", "thread", "pool", "task",
        "executor", "driver", "shard", "queue", "map", "reduce", "row", "column", "schema", "retry",
        "backoff", "timeout", "host", "politeness", "header", "charset", "body", "stream", "cache",
        "the", "a", "of", "and", "to", "in", "is", "for", "on", "with", "as", "by", "at", "from"};

    private FetchBenchPages() {
    }

    /** The UTF-8 bytes of page {@code index} of a site of {@code total} pages. */
    static byte[] page(int index, int total) {
        SplittableRandom random = new SplittableRandom(0x9E3779B97F4A7C15L * (index + 1));
        String title = "Page " + index + ": " + capitalized(words(random, 3 + random.nextInt(5)));
        StringBuilder html = new StringBuilder(16 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(title).append("</title>\n")
                .append("<meta name=\"description\" content=\"")
                .append(capitalized(words(random, 12 + random.nextInt(12)))).append(".\">\n")
                .append("<link rel=\"canonical\" href=\"/page/").append(index).append(".html\">\n")
                .append("<link rel=\"stylesheet\" href=\"/static/site.css\">\n</head>\n<body>\n");
        html.append("<header><nav>");
        for (int n = 0; n < 8; n++) {
            html.append("<a href=\"/section/").append(n).append("/\">").append(words(random, 1)).append("</a> ");
        }
        html.append("</nav></header>\n<main>\n<article>\n<h1 class=\"post-title\">").append(title).append("</h1>\n")
                .append("<div class=\"author-status\"><h4><a href=\"/author/").append(random.nextInt(500))
                .append("\">").append(capitalized(words(random, 2))).append("</a></h4></div>\n")
                .append("<span id=\"article-rank\">").append(random.nextInt(1000)).append("</span>\n")
                .append("<span class=\"views\">").append(random.nextInt(100_000)).append("次浏览</span>\n");
        int paragraphs = 3 + random.nextInt(12);
        for (int p = 0; p < paragraphs; p++) {
            html.append("<p>").append(capitalized(words(random, 30 + random.nextInt(90)))).append(".</p>\n");
            if (random.nextInt(3) == 0) {
                int image = random.nextInt(100_000);
                html.append("<figure><img src=\"/img/").append(image).append(".jpg\" alt=\"")
                        .append(words(random, 3)).append("\" width=\"640\" height=\"480\"></figure>\n");
            }
        }
        html.append("</article>\n<aside><h2>Related</h2><ul>\n");
        int related = 10 + random.nextInt(20);
        for (int n = 0; n < related; n++) {
            html.append("<li><a href=\"/page/").append(random.nextInt(Math.max(total, 1))).append(".html\">")
                    .append(capitalized(words(random, 2 + random.nextInt(4)))).append("</a></li>\n");
        }
        html.append("</ul></aside>\n</main>\n<footer><a href=\"/about\">About</a> ")
                .append("<a href=\"#comments\">").append(random.nextInt(50)).append("条评论</a></footer>\n")
                .append("</body>\n</html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String words(SplittableRandom random, int count) {
        StringBuilder out = new StringBuilder();
        for (int w = 0; w < count; w++) {
            if (w > 0) {
                out.append(' ');
            }
            out.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return out.toString();
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
