package io.harvest.net;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * The heavy parts of fetching: the Jetty client (its connection pool, selector and threads),
 * the DNS lookup pool and the robots.txt cache. One per executor JVM and {@link Settings}
 * ({@link #shared}), so that a run of many small tasks does not pay for them per task and
 * the client's per-destination connection cap holds over all the tasks of the JVM.
 */
final class FetchClient implements AutoCloseable {
    private static final int MAX_LOOKUP_THREADS = 32;
    private static final long DESTINATION_IDLE_MILLIS = 60_000;
    private static final Map<Settings, FetchClient> SHARED = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> SHARED.values().forEach(FetchClient::closeQuietly), "harvest-fetch-clients-stop"));
    }

    /** What the client is made of: fetch options that differ only in other fields share one. */
    record Settings(int concurrency, int maxPerHost, Duration connectTimeout, Duration requestTimeout,
                    String userAgent, AddressPolicy addresses, NameResolver resolver) {
        static Settings of(FetchOptions o) {
            return new Settings(o.concurrency(), o.maxPerHost(), o.connectTimeout(), o.requestTimeout(),
                    o.userAgent(), o.addresses(), o.resolver());
        }
    }

    private final Settings settings;
    private final ThreadPoolExecutor lookups;
    private final HttpClient client;
    private final Robots robots;

    /** The JVM's client for these options, made on first use and stopped when the JVM exits. */
    static FetchClient shared(FetchOptions options) {
        return SHARED.computeIfAbsent(Settings.of(options), FetchClient::new);
    }

    /** A client of its own, for a fetcher that stops it when closed. */
    static FetchClient own(FetchOptions options) {
        return new FetchClient(Settings.of(options));
    }

    private FetchClient(Settings settings) {
        this.settings = settings;
        this.robots = new Robots(settings.userAgent());
        int lookupThreads = Math.min(MAX_LOOKUP_THREADS, settings.concurrency());
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

    Robots robots() {
        return robots;
    }

    /** A GET, not yet sent. */
    Request newRequest(URI uri, String accept, List<RequestHeader> headers) {
        return client.newRequest(uri)
                .method(HttpMethod.GET)
                .followRedirects(false)
                .timeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .headers(h -> {
                    h.put(HttpHeader.ACCEPT, accept);
                    headers.forEach(extra -> h.put(extra.name(), extra.value()));
                });
    }

    private HttpClient newClient() {
        QueuedThreadPool threads = new QueuedThreadPool(
                Math.max(16, Math.min(64, settings.concurrency() / 8)), 2);
        threads.setName("harvest-fetch");
        threads.setDaemon(true);
        threads.setReservedThreads(0);
        ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler(
                "harvest-fetch-timer", true);
        GuardedConnector connector = new GuardedConnector(settings.addresses());
        connector.setExecutor(threads);
        connector.setScheduler(scheduler);
        connector.setSelectors(1);
        connector.setConnectTimeout(settings.connectTimeout());
        connector.setIdleTimeout(settings.requestTimeout());

        HttpClient http = new HttpClient(new HttpClientTransportOverHTTP(connector));
        http.setSocketAddressResolver(new GuardedResolver(settings.resolver(), settings.addresses(),
                lookups, scheduler, settings.connectTimeout().toMillis()));
        http.setFollowRedirects(false); // each hop is checked and scheduled by the run
        http.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, settings.userAgent()));
        // Per destination over every task of the JVM: the backstop of the per-host limit.
        http.setMaxConnectionsPerDestination(settings.maxPerHost());
        http.setMaxRequestsQueuedPerDestination(Math.max(1024, 2 * settings.concurrency()));
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

    private static void closeQuietly(FetchClient c) {
        try {
            c.close();
        } catch (RuntimeException e) {
            // the JVM is exiting: nothing is left to tell
        }
    }

    /** Stops the client: requests still running fail. */
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
