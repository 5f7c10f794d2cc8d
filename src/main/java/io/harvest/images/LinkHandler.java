package io.harvest.images;

import io.harvest.items.WorkItem;
import io.harvest.job.Status;
import io.harvest.net.BodyHandler;
import io.harvest.net.FetchResult;
import io.harvest.spark.Rows;
import java.io.IOException;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The page stage of {@code --links-from}: each input page fetched and its image URLs found off
 * the task thread. Its rows are page rows of the manifest with one more value at the end: the
 * URLs found (empty for a page that failed), which become the image stage's items.
 */
final class LinkHandler implements BodyHandler<WorkItem, Row> {
    private static final long serialVersionUID = 1L;

    private final LinkSource source;
    private final ImageRows rows;

    LinkHandler(LinkSource source, ImageRows rows) {
        this.source = source;
        this.rows = rows;
    }

    @Override
    public boolean wants(WorkItem item, FetchResult result) {
        return item.gaveBody(result);
    }

    /** A page whose body cannot be read for links is an ok row that says why, with none found. */
    @Override
    public Row handle(WorkItem item, FetchResult result) {
        long start = System.nanoTime();
        String base = result.finalUrl() != null ? result.finalUrl() : item.url();
        List<String> found = List.of();
        String error = null;
        try {
            found = source.links(result.body(), result.contentType(), base);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            error = "no links read: " + e;
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        return withFound(rows.withoutImages(item, result, Status.OK, error, ms), found);
    }

    @Override
    public Row plain(WorkItem item, FetchResult result) {
        Row row = item.unreadable() != null ? rows.unreadable(item)
                : rows.withoutImages(item, result, result.status(), result.error(), 0);
        return withFound(row, List.of());
    }

    private static Row withFound(Row row, List<String> found) {
        Object[] values = new Object[row.size() + 1];
        for (int i = 0; i < row.size(); i++) {
            values[i] = row.get(i);
        }
        values[row.size()] = Rows.array(found);
        return RowFactory.create(values);
    }
}
