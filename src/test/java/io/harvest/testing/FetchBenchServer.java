package io.harvest.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The server of {@code scripts/bench-fetch}, run in its own JVM: serves {@code /page/<i>.html}
 * for i below {@code --pages}, and {@code /robots.txt}, each after {@code --latency-ms}. The
 * wait holds no thread: a request is parked on a scheduler and its response written when the
 * latency is up, so thousands of requests can wait at once on two cores. {@code /stats} (no
 * latency) reports requests by kind and the most requests seen waiting at once, which tells
 * whether a client really had the concurrency it was asked for; {@code /stats/reset} starts
 * that peak again from the requests waiting now (the counts keep running).
 *
 * <pre>java -cp ... io.harvest.testing.FetchBenchServer --pages 20000 --latency-ms 100 --port-file F</pre>
 */
public final class FetchBenchServer extends Handler.Abstract.NonBlocking {
    private static final byte[] ROBOTS = "User-agent: *\nDisallow: /private/\n".getBytes(StandardCharsets.UTF_8);

    private final byte[][] pages;
    private final long latencyMs;
    private final ScheduledExecutorService timer;
    private final LongAdder pageRequests = new LongAdder();
    private final LongAdder robotsRequests = new LongAdder();
    private final LongAdder otherRequests = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger mostWaiting = new AtomicInteger();

    FetchBenchServer(int pageCount, long latencyMs, int timerThreads) {
        this.pages = new byte[pageCount][];
        for (int i = 0; i < pageCount; i++) {
            pages[i] = FetchBenchPages.page(i, pageCount);
        }
        this.latencyMs = latencyMs;
        // Daemon threads: the server's own life cycle decides when the JVM ends.
        this.timer = Executors.newScheduledThreadPool(timerThreads, task -> {
            Thread t = new Thread(task, "fetch-bench-latency");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (path.equals("/stats/reset")) {
            mostWaiting.set(waiting.get());
        }
        if (path.startsWith("/stats")) {
            send(response, callback, 200, "application/json", stats().getBytes(StandardCharsets.UTF_8));
            return true;
        }
        int status = 200;
        String type = "text/html; charset=utf-8";
        byte[] body;
        if (path.equals("/robots.txt")) {
            robotsRequests.increment();
            type = "text/plain; charset=utf-8";
            body = ROBOTS;
        } else if (pageNumber(path) >= 0) {
            pageRequests.increment();
            body = pages[pageNumber(path)];
        } else {
            otherRequests.increment();
            status = 404;
            body = "<html><title>Not found</title></html>\n".getBytes(StandardCharsets.UTF_8);
        }
        int now = waiting.incrementAndGet();
        mostWaiting.accumulateAndGet(now, Math::max);
        int finalStatus = status;
        String finalType = type;
        timer.schedule(() -> {
            waiting.decrementAndGet();
            send(response, callback, finalStatus, finalType, body);
        }, latencyMs, TimeUnit.MILLISECONDS);
        return true;
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

    private void send(Response response, Callback callback, int status, String type, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, Integer.toString(body.length));
        bytesSent.add(body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    String stats() {
        return String.format("{\"pages\": %d, \"robots\": %d, \"other\": %d, \"bytes\": %d,"
                        + " \"most_waiting\": %d, \"latency_ms\": %d, \"page_count\": %d}",
                pageRequests.sum(), robotsRequests.sum(), otherRequests.sum(), bytesSent.sum(),
                mostWaiting.get(), latencyMs, pages.length);
    }

    /** Starts a Jetty server on 127.0.0.1 ({@code port} 0: any free port) with this handler. */
    Server start(int port) throws Exception {
        Server server = new Server();
        HttpConnectionFactory http = new HttpConnectionFactory();
        http.getHttpConfiguration().setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, http);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        // Clients open a thousand connections at once: a short backlog would drop SYNs and
        // add the kernel's one-second retransmit to the latency being measured.
        connector.setAcceptQueueSize(4096);
        server.addConnector(connector);
        server.setHandler(this);
        server.start();
        return server;
    }

    public static void main(String[] args) throws Exception {
        int port = 0;
        int pageCount = 20_000;
        long latencyMs = 100;
        int timerThreads = Runtime.getRuntime().availableProcessors();
        Path portFile = null;
        for (int a = 0; a < args.length; a += 2) {
            String value = a + 1 < args.length ? args[a + 1] : null;
            if (value == null) {
                throw new IllegalArgumentException("option " + args[a] + " needs a value");
            }
            switch (args[a]) {
                case "--port" -> port = Integer.parseInt(value);
                case "--pages" -> pageCount = Integer.parseInt(value);
                case "--latency-ms" -> latencyMs = Long.parseLong(value);
                case "--timer-threads" -> timerThreads = Integer.parseInt(value);
                case "--port-file" -> portFile = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + args[a]
                        + " (--port, --pages, --latency-ms, --timer-threads, --port-file)");
            }
        }
        FetchBenchServer handler = new FetchBenchServer(pageCount, latencyMs, timerThreads);
        Server server = handler.start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("fetch-bench-server: " + handler.stats());
            try {
                server.stop();
            } catch (Exception e) {
                System.err.println("fetch-bench-server: stop failed: " + e);
            }
        }));
        int bound = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        System.err.printf("fetch-bench-server: %d pages on http://127.0.0.1:%d/page/<i>.html, latency %d ms%n",
                pageCount, bound, latencyMs);
        if (portFile != null) {
            Path temp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
            Files.writeString(temp, Integer.toString(bound));
            Files.move(temp, portFile, StandardCopyOption.ATOMIC_MOVE);
        }
        server.join();
    }
}
