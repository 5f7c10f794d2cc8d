package io.harvest.net;

import java.net.URI;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.eclipse.jetty.client.Request;

/**
 * Fetches URLs: many requests in flight on one non-blocking Jetty client, polite per host,
 * safe about addresses, and one result per item whatever happens. In a Spark task take the
 * JVM's shared one ({@link #shared}) and close it when the task ends; tools and tests may make
 * one of their own:
 *
 * <pre>{@code
 * try (Fetcher fetcher = Fetcher.shared(options)) {
 *     Iterator<Fetched<Row>> it = fetcher.fetchAll(rows, row -> row.getAs("url"));
 *     while (it.hasNext()) { ... }
 * }
 * }</pre>
 *
 * In Spark's {@code mapPartitions} the returned iterator outlives the function that made it:
 * close the fetcher from a task completion listener, not around the {@code return}.
 *
 * <p>Threads: the caller's thread runs the scheduling inside {@code hasNext()} (and is the only
 * one to read the input); one selector and a few Jetty threads do the I/O; a small pool does
 * DNS lookups, which block. These and the robots.txt cache belong to the {@link FetchClient},
 * one per executor JVM for {@link #shared} fetchers. Put items of many hosts in one input: a host gets at most
 * {@code maxPerHost} requests at a time, so an input sorted by host runs only as fast as the
 * hosts inside the look-ahead window allow.
 */
public final class Fetcher implements AutoCloseable {
    private final FetchOptions options;
    private final FetchClient client;
    /** Whether closing stops the client too (it is this fetcher's own). */
    private final boolean ownsClient;
    private final String accept;
    /** Requests sent and not yet done: closing aborts them, whoever else uses the client. */
    private final Set<Request> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<FetchRun<?>> runs = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** A fetcher with a client of its own, stopped when it is closed: for tools and tests. */
    public Fetcher(FetchOptions options) {
        this(options, FetchClient.own(options), true);
    }

    private Fetcher(FetchOptions options, FetchClient client, boolean ownsClient) {
        this.options = options;
        this.client = client;
        this.ownsClient = ownsClient;
        this.accept = options.keepBodies() == KeepBodies.HTML
                ? "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8" : "*/*";
    }

    /**
     * A fetcher on the JVM's client for these options (its connections, DNS pool and robots.txt
     * cache, shared by every task of the executor). Closing it aborts only its own requests.
     */
    public static Fetcher shared(FetchOptions options) {
        return new Fetcher(options, FetchClient.shared(options), false);
    }

    /**
     * Fetches the URL of every item and yields each item once with its result, in completion
     * order. Items are read lazily (at most {@link FetchOptions#effectiveLookAhead()} ahead).
     * A URL that cannot be read or parsed, or anything failing inside, becomes a failed result
     * for its item; only an exception thrown by {@code items} itself ends the iteration.
     * The returned iterator belongs to the calling thread; run one at a time per fetcher.
     */
    public <T> Iterator<Fetched<T>> fetchAll(Iterator<T> items, Function<T, String> urlOf) {
        return fetchAll(items, urlOf, item -> 1);
    }

    /**
     * As {@link #fetchAll(Iterator, Function)}, for items whose host is spread over several
     * tasks: {@code shareOf} says over how many, and the host's limit here is divided by that
     * (its delay multiplied), so that politeness holds over all of them together.
     */
    public <T> Iterator<Fetched<T>> fetchAll(Iterator<T> items, Function<T, String> urlOf,
                                             ToIntFunction<T> shareOf) {
        FetchRun<T> run = new FetchRun<>(this, client.robots(), items, urlOf, shareOf);
        runs.add(run);
        return run;
    }

    /** Fetches one URL, blocking: for tools and tests; jobs use {@link #fetchAll}. */
    public FetchResult fetch(String url) {
        return fetchAll(List.of(url).iterator(), Function.identity()).next().result();
    }

    /**
     * The host a URL is scheduled under (its per-host limits, delay and cut-off), or null
     * when the fetcher would refuse the URL without a request. Jobs group a host's URLs into
     * one task with it, so that the per-host limits hold across a cluster.
     */
    public static String hostOf(String url) {
        try {
            return Urls.hostKey(Urls.parse(url));
        } catch (InvalidUrlException e) {
            return null;
        }
    }

    public FetchOptions options() {
        return options;
    }

    /**
     * Starts one GET; the exchange hears how it ends. Throws only if it cannot start.
     *
     * @param withHeaders whether the extra headers (an API key) go along: only to the input's
     *                    own origin, never across a redirect to another one
     */
    Request send(URI uri, Exchange exchange, boolean withHeaders) {
        if (closed) {
            throw new CancellationException("the fetcher is closed");
        }
        Request request = client.newRequest(uri, accept, withHeaders ? options.headers() : List.of());
        inFlight.add(request);
        request.onComplete(result -> inFlight.remove(request));
        request.send(exchange);
        return request;
    }

    /** Stops this fetcher: its requests still running fail, and their items get results. */
    @Override
    public void close() {
        closed = true;
        runs.forEach(FetchRun::close);
        if (ownsClient) {
            client.close();
        } else {
            CancellationException stop = new CancellationException("the fetcher was closed");
            inFlight.forEach(r -> r.abort(stop));
        }
    }
}
