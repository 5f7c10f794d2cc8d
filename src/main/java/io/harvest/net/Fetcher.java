package io.harvest.net;

import java.net.URI;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * Fetches URLs: many requests in flight on one non-blocking Jetty client, polite per host,
 * safe about addresses, and one result per item whatever happens. Make one per Spark task and
 * close it when the task ends:
 *
 * <pre>{@code
 * try (Fetcher fetcher = new Fetcher(options)) {
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
 * DNS lookups, which block. Put items of many hosts in one input: a host gets at most
 * {@code maxPerHost} requests at a time, so an input sorted by host runs only as fast as the
 * hosts inside the look-ahead window allow.
 */
public final class Fetcher implements AutoCloseable {
    private static final int MAX_LOOKUP_THREADS = 32;
    private static final long DESTINATION_IDLE_MILLIS = 60_000;

    private final FetchOptions options;
    private final ThreadPoolExecutor lookups;
    private final HttpClient client;
    private final Robots robots;
    private final String accept;

    public Fetcher(FetchOptions options) {
        this.options = options;
        this.robots = new Robots(options.userAgent());
        this.accept = options.keepBodies() == KeepBodies.HTML
                ? "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8" : "*/*";
        int lookupThreads = Math.min(MAX_LOOKUP_THREADS, options.concurrency());
        this.lookups = new ThreadPoolExecutor(lookupThreads, lookupThreads, 10, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads("harvest-dns-"));
        lookups.allowCoreThreadTimeOut(true);
        this.client = newClient();
        try {
            client.start();
        } catch (Exception e) {
            close();
            throw new IllegalStateException("could not start the HTTP client: " + e, e);
        }
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
        return new FetchRun<>(this, robots, items, urlOf, shareOf);
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

    /** Starts one GET; the exchange hears how it ends. Throws only if it cannot start. */
    Request send(URI uri, Exchange exchange) {
        Request request = client.newRequest(uri)
                .method(HttpMethod.GET)
                .followRedirects(false)
                .timeout(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .headers(h -> {
                    h.put(HttpHeader.ACCEPT, accept);
                    options.headers().forEach(extra -> h.put(extra.name(), extra.value()));
                });
        request.send(exchange);
        return request;
    }

    private HttpClient newClient() {
        QueuedThreadPool threads = new QueuedThreadPool(
                Math.max(16, Math.min(64, options.concurrency() / 8)), 2);
        threads.setName("harvest-fetch");
        threads.setDaemon(true);
        threads.setReservedThreads(0);
        ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler(
                "harvest-fetch-timer", true);
        GuardedConnector connector = new GuardedConnector(options.addresses());
        connector.setExecutor(threads);
        connector.setScheduler(scheduler);
        connector.setSelectors(1);
        connector.setConnectTimeout(options.connectTimeout());
        connector.setIdleTimeout(options.requestTimeout());

        HttpClient http = new HttpClient(new HttpClientTransportOverHTTP(connector));
        http.setSocketAddressResolver(new GuardedResolver(options.resolver(), options.addresses(),
                lookups, scheduler, options.connectTimeout().toMillis()));
        http.setFollowRedirects(false); // each hop is checked and scheduled by the run
        http.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, options.userAgent()));
        http.setMaxConnectionsPerDestination(options.maxPerHost());
        http.setMaxRequestsQueuedPerDestination(Math.max(1024, 2 * options.concurrency()));
        http.setHttpCookieStore(new HttpCookieStore.Empty()); // no state carried between URLs
        http.setDestinationIdleTimeout(DESTINATION_IDLE_MILLIS);
        return http;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Stops the client: requests still running fail, and their items get results. */
    @Override
    public void close() {
        try {
            if (client != null) {
                client.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the HTTP client: " + e, e);
        } finally {
            lookups.shutdownNow();
        }
    }
}
