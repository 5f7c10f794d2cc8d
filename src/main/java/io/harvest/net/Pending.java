package io.harvest.net;

import io.harvest.job.Status;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;

/**
 * One item on its way through the fetcher: where it is in its redirect chain, how many
 * requests it made, and the last answer it got. Touched only by the run's own thread.
 */
final class Pending<T> {
    final T item;
    final String url;
    /** Non-null for the internal robots.txt fetch of this origin. */
    final String robotsOrigin;
    /**
     * The one origin the extra headers (an API key) go to: the input URL's own. Like browsers
     * and curl, they are dropped on a redirect to another origin, and never go to the
     * robots.txt of another one.
     */
    private final String headerOrigin;

    URI uri;
    String host;
    int hops;
    int requests;
    int retries;
    long startNanos = -1;
    /** The last request that got an HTTP answer, for final_url and http_status. */
    Outcome lastAnswer;
    /** Set when the item's result is made: never a second one. */
    boolean answered;
    private Set<String> visited;

    private Pending(T item, String url, URI uri, String robotsOrigin, String headerOrigin) {
        this.item = item;
        this.url = url;
        this.robotsOrigin = robotsOrigin;
        this.headerOrigin = headerOrigin;
        moveTo(uri);
    }

    /** @param uri null for an item whose URL was refused before any request */
    static <T> Pending<T> of(T item, String url, URI uri) {
        return new Pending<>(item, url, uri, null, uri == null ? null : Urls.origin(uri));
    }

    /** The robots.txt fetch of an origin, asked for by {@code asker} (whose headers it may carry). */
    static <T> Pending<T> robots(String origin, URI robotsUri, Pending<?> asker) {
        return new Pending<>(null, robotsUri.toString(), robotsUri, origin, asker.headerOrigin);
    }

    /** Whether the extra headers go with the request to the current URL. */
    boolean sendsHeaders() {
        return headerOrigin != null && uri != null && headerOrigin.equals(Urls.origin(uri));
    }

    boolean isRobots() {
        return robotsOrigin != null;
    }

    /** Whether this URL was already requested in the item's redirect chain (a loop). */
    boolean visited(URI target) {
        return target.equals(uri) || (visited != null && visited.contains(target.toString()));
    }

    /** Moves on to a redirect target. */
    void redirect(URI target) {
        if (visited == null) {
            visited = new HashSet<>();
        }
        visited.add(uri.toString());
        hops++;
        moveTo(target);
    }

    private void moveTo(URI target) {
        uri = target;
        host = target == null ? null : Urls.hostKey(target);
    }

    /**
     * The result for this item.
     *
     * @param last how the last request ended, when one was made for this decision
     */
    FetchResult result(Status status, String error, Outcome last, long nowNanos) {
        Outcome answer = last != null && last.answered() ? last : lastAnswer;
        boolean ok = status == Status.OK;
        long end = last != null ? last.atNanos() : nowNanos;
        long elapsedMs = startNanos < 0 ? 0 : Math.max(0, end - startNanos) / 1_000_000;
        int attempts = requests == 0 ? 0 : Math.max(1, requests - hops);
        long at = last != null ? last.atMillis() : System.currentTimeMillis();
        return new FetchResult(url, answer == null ? null : answer.uri().toString(), status,
                answer == null ? null : answer.status(), ok ? null : error,
                answer == null ? null : answer.contentType(), last == null ? 0 : last.bytes(),
                ok && last != null ? last.body() : null,
                last == null ? null : last.sha256(),
                attempts, elapsedMs, at, answer == null ? null : answer.robotsTag());
    }
}
