package io.harvest.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The server of {@code scripts/bench-fetch}, run in its own JVM: serves {@code /page/<i>.html}
 * for i below {@code --pages}, and {@code /robots.txt}, each after {@code --latency-ms}, on a
 * {@link LatencyServer} (no thread held while a request waits; {@code /stats} counts pages,
 * robots and other requests, and {@code page_count}).
 *
 * <pre>java -cp ... io.harvest.testing.FetchBenchServer --pages 20000 --latency-ms 100 --port-file F</pre>
 */
public final class FetchBenchServer extends LatencyServer {
    private static final byte[] ROBOTS = "User-agent: *\nDisallow: /private/\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NOT_FOUND = "<html><title>Not found</title></html>\n".getBytes(StandardCharsets.UTF_8);
    private static final String HTML = "text/html; charset=utf-8";

    private final byte[][] pages;

    FetchBenchServer(int pageCount, long latencyMs, int timerThreads) {
        super(latencyMs, timerThreads, List.of("pages", "robots", "other"));
        this.pages = new byte[pageCount][];
        for (int i = 0; i < pageCount; i++) {
            pages[i] = FetchBenchPages.page(i, pageCount);
        }
    }

    @Override
    protected Answer answer(String path) {
        if (path.equals("/robots.txt")) {
            return Answer.of(200, "text/plain; charset=utf-8", ROBOTS, "robots");
        }
        int page = pageNumber(path);
        return page >= 0 ? Answer.of(200, HTML, pages[page], "pages") : Answer.of(404, HTML, NOT_FOUND, "other");
    }

    @Override
    protected String moreStats() {
        return "\"page_count\": " + pages.length;
    }

    /** The page number of {@code /page/<i>.html}, or -1 when the path is no page of this site. */
    private int pageNumber(String path) {
        if (!path.startsWith("/page/") || !path.endsWith(".html")) {
            return -1;
        }
        try {
            int i = Integer.parseInt(path, "/page/".length(), path.length() - ".html".length(), 10);
            return i >= 0 && i < pages.length ? i : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args, 100, List.of("pages"));
        int pageCount = Integer.parseInt(options.own().getOrDefault("pages", "20000"));
        serve(new FetchBenchServer(pageCount, options.latencyMs(), options.timerThreads()), options,
                "fetch-bench-server", pageCount + " pages on http://127.0.0.1:{port}/page/<i>.html, latency "
                        + options.latencyMs() + " ms");
    }
}
