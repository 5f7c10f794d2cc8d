package io.harvest.fetch;

import java.util.List;

/**
 * What the fetch job keeps of an HTML page.
 *
 * @param charset   the charset the body was decoded with
 * @param links     absolute http(s) outlinks ({@code a} and {@code area}), without fragments,
 *                  each once, in page order
 * @param images    absolute http(s) URLs of images: {@code img} sources, the largest of each
 *                  {@code srcset}, {@code og:image}; each once, in page order
 * @param extracted one value per {@code --extract} field, in their order (null: no match)
 */
public record HtmlPage(String charset, String title, String description, String canonical, String lang,
                List<String> links, List<String> images, List<String> extracted) {}
