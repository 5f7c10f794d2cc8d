package io.harvest.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A real HTTP server on 127.0.0.1 (random port) for tests and benchmarks, answering each path
 * as told, misbehaviour included, and counting what it sees: hits, arrival times and the most
 * requests in progress at once, per path and per Host.
 *
 * <pre>{@code
 * try (TestHttpServer server = TestHttpServer.start()) {
 *     server.on("/page").reply(Reply.html("<title>t</title>"));
 *     server.on("/flaky").reply(Reply.status(503), Reply.html("ok")); // 503 once, then ok
 *     server.robots("User-agent: *\nDisallow: /private");
 *     fetch(server.url("/page")); // http://127.0.0.1:port/page
 *     assertEquals(1, server.hits("/page"));
 * }
 * }</pre>
 * Paths without a route answer 404. Query strings do not matter for routing.
 */
public final class TestHttpServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-http-timer");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Map<String, Gauge> byPath = new ConcurrentHashMap<>();
    private final Map<String, Gauge> byHost = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    private final String scheme;

    private TestHttpServer(int maxThreads, boolean tls) {
        QueuedThreadPool threads = new QueuedThreadPool(maxThreads, 8);
        threads.setName("test-http");
        threads.setDaemon(true);
        server = new Server(threads);
        scheme = tls ? "https" : "http";
        connector = tls
                ? new ServerConnector(server, 1, 1, new SslConnectionFactory(selfSigned(), "http/1.1"),
                        new HttpConnectionFactory())
                : new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptQueueSize(4096);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                serve(request, response, callback);
                return true;
            }
        });
    }

    public static TestHttpServer start() {
        return start(256);
    }

    /** @param maxThreads server threads; only blocking replies (drip, huge, cut) hold one */
    public static TestHttpServer start(int maxThreads) {
        return started(new TestHttpServer(maxThreads, false));
    }

    /** HTTPS with a self-signed certificate for 127.0.0.1, which no client trusts. */
    public static TestHttpServer startTls() {
        return started(new TestHttpServer(64, true));
    }

    private static TestHttpServer started(TestHttpServer s) {
        try {
            s.server.start();
        } catch (Exception e) {
            throw new IllegalStateException("test server did not start", e);
        }
        return s;
    }

    /** The route of a path (exact match), to say how it answers. */
    public Route on(String path) {
        return routes.computeIfAbsent(path, p -> new Route());
    }

    /** Serves this text as /robots.txt. */
    public TestHttpServer robots(String text) {
        on("/robots.txt").reply(Reply.text(text));
        return this;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://127.0.0.1:port} + path. */
    public String url(String pathAndQuery) {
        return url("127.0.0.1", pathAndQuery);
    }

    /** The same server under another host name (map the name with a fixed resolver). */
    public String url(String host, String pathAndQuery) {
        return scheme + "://" + host + ":" + port() + pathAndQuery;
    }

    public int hits(String path) {
        Gauge g = byPath.get(path);
        return g == null ? 0 : g.hits.get();
    }

    /** All requests seen, on any path. */
    public int totalHits() {
        return total.get();
    }

    /** The most requests to this path in progress at the same time. */
    public int maxConcurrent(String path) {
        Gauge g = byPath.get(path);
        return g == null ? 0 : g.max.get();
    }

    /** The most requests with this Host (name, no port) in progress at the same time. */
    public int maxConcurrentForHost(String host) {
        Gauge g = byHost.get(host);
        return g == null ? 0 : g.max.get();
    }

    /** When each request to this path arrived (System.nanoTime), in arrival order. */
    public List<Long> arrivals(String path) {
        Gauge g = byPath.get(path);
        return g == null ? List.of() : new ArrayList<>(g.arrivals);
    }

    /** Forgets the counts (not the routes). */
    public void resetCounts() {
        byPath.clear();
        byHost.clear();
        total.set(0);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("test server did not stop", e);
        }
    }

    /** A fresh self-signed key pair, made with the JDK's keytool. */
    private static SslContextFactory.Server selfSigned() {
        try {
            Path dir = Files.createTempDirectory("test-tls");
            Path store = dir.resolve("server.p12");
            Process keytool = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "test", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", "test-only", "-keypass", "test-only")
                    .redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (keytool.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            store.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStorePath(store.toString());
            tls.setKeyStorePassword("test-only");
            return tls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void serve(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        total.incrementAndGet();
        Gauge pathGauge = byPath.computeIfAbsent(path, p -> new Gauge());
        Gauge hostGauge = byHost.computeIfAbsent(Request.getServerName(request), h -> new Gauge());
        pathGauge.enter();
        hostGauge.enter();
        AtomicBoolean left = new AtomicBoolean();
        Runnable leave = () -> {
            if (left.compareAndSet(false, true)) {
                pathGauge.leave();
                hostGauge.leave();
            }
        };
        Callback done = Callback.from(() -> {
            leave.run();
            callback.succeeded();
        }, x -> {
            leave.run();
            callback.failed(x);
        });
        Route route = routes.get(path);
        Reply reply = route == null ? Reply.status(404) : route.next(request);
        if (reply.delay().isZero()) {
            reply.send(request, response, done);
        } else {
            timer.schedule(() -> server.getThreadPool().execute(
                    () -> reply.send(request, response, done)),
                    reply.delay().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** How one path answers: its replies in turn, the last one repeated. */
    public static final class Route {
        private final List<Reply> replies = new CopyOnWriteArrayList<>();
        private final AtomicInteger served = new AtomicInteger();
        private final AtomicInteger refused = new AtomicInteger();
        /** Header name to the value it must have (403 otherwise), or to null: must be absent (400 otherwise). */
        private final Map<String, String> checks = new java.util.concurrent.ConcurrentHashMap<>();
        private static final String ABSENT = "\u0000absent";

        /** Answers 403 unless the request has this header with this value (an API key check). */
        public Route requiring(String header, String value) {
            checks.put(header, value);
            return this;
        }

        /** Answers 400 when the request has this header (a secret that must not leak here). */
        public Route refusing(String header) {
            checks.put(header, ABSENT);
            return this;
        }

        Reply next(Request request) {
            for (Map.Entry<String, String> check : checks.entrySet()) {
                String got = request.getHeaders().get(check.getKey());
                if (check.getValue().equals(ABSENT) ? got != null : !check.getValue().equals(got)) {
                    refused.incrementAndGet();
                    return Reply.status(check.getValue().equals(ABSENT) ? 400 : 403);
                }
            }
            return next();
        }

        /** Requests answered 400/403 by a {@link #requiring} or {@link #refusing} check. */
        public int refused() {
            return refused.get();
        }

        /** The first request gets the first reply, and so on; the last one repeats. */
        public Route reply(Reply first, Reply... then) {
            List<Reply> all = new ArrayList<>();
            all.add(first);
            all.addAll(List.of(then));
            replies.clear();
            replies.addAll(all);
            served.set(0);
            return this;
        }

        Reply next() {
            if (replies.isEmpty()) {
                return Reply.status(404);
            }
            int n = served.getAndIncrement();
            return replies.get(Math.min(n, replies.size() - 1));
        }
    }

    private static final class Gauge {
        final AtomicInteger hits = new AtomicInteger();
        final AtomicInteger current = new AtomicInteger();
        final AtomicInteger max = new AtomicInteger();
        final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();

        void enter() {
            hits.incrementAndGet();
            arrivals.add(System.nanoTime());
            max.accumulateAndGet(current.incrementAndGet(), Math::max);
        }

        void leave() {
            current.decrementAndGet();
        }
    }
}
