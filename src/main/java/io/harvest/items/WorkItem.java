package io.harvest.items;

import io.harvest.net.FetchResult;
import java.io.Serializable;
import java.util.List;

/**
 * One item of a URL-list job, as the tasks see it.
 *
 * @param item       0-based position in the input, in the order Spark reads it
 * @param url        the URL as written (trimmed); null when the record had none
 * @param host       the host its fetch is scheduled under; null when the fetcher would refuse it
 * @param unreadable why the input record itself could not be read (a JSON line that does not
 *                   parse); null for most items, which are then fetched
 * @param share      how many tasks this item's host is spread over: the host's per-host limit
 *                   is divided by it in each of them
 * @param carried    the input's other columns, in the order of {@link UrlInput.Table#carried()}
 */
public record WorkItem(long item, String url, String host, String unreadable, int share,
                       List<Object> carried) implements Serializable {
    public WorkItem {
        if (share < 1) {
            throw new IllegalArgumentException("share must be at least 1: " + share);
        }
    }

    /** The URL to request: none for an unreadable record, which is never fetched. */
    public String urlToFetch() {
        return unreadable == null ? url : null;
    }

    /**
     * Whether fetching this item gave a body to work on (2xx, body kept): what every job's
     * {@link io.harvest.net.BodyHandler#wants} starts from before narrowing it.
     */
    public boolean gaveBody(FetchResult result) {
        return unreadable == null && result.ok() && result.body() != null;
    }
}
