package io.harvest.fetch;

import io.harvest.items.WorkItem;
import io.harvest.net.BodyHandler;
import io.harvest.net.FetchResult;
import org.apache.spark.sql.Row;

/**
 * The fetch job's {@link BodyHandler}: HTML pages that answered 2xx are parsed with jsoup off
 * the task thread; every other result, and every unreadable input record, is a row at once.
 */
final class PageHandler implements BodyHandler<WorkItem, Row> {
    private static final long serialVersionUID = 1L;

    private final PageParser parser;
    private final FetchRows rows;

    PageHandler(PageParser parser, FetchRows rows) {
        this.parser = parser;
        this.rows = rows;
    }

    @Override
    public boolean wants(WorkItem item, FetchResult result) {
        return item.gaveBody(result) && PageParser.isHtml(result.contentType(), result.body());
    }

    /** A page jsoup chokes on is an ok row with an error. */
    @Override
    public Row handle(WorkItem item, FetchResult result) {
        String base = result.finalUrl() != null ? result.finalUrl() : item.url();
        try {
            HtmlPage page = parser.parse(result.body(), result.contentType(), base);
            return rows.fetched(item, result, page, null);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return rows.fetched(item, result, null, "HTML not parsed: " + e);
        }
    }

    @Override
    public Row plain(WorkItem item, FetchResult result) {
        return item.unreadable() != null ? rows.invalid(item) : rows.fetched(item, result, null, null);
    }
}
