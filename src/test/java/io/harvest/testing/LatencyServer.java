package io.harvest.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * What the benchmarks' servers share, each run in its own JVM: every answer is sent after a
 * fixed latency without holding a thread (a request is parked on a scheduler and its response
 * written when the latency is up, so thousands of requests can wait at once on two cores).
 * {@code /stats} (no latency) reports requests by kind, bytes of their bodies and the most requests seen
 * waiting at once, which tells whether a client really had the concurrency it was asked for;
 * {@code /stats/reset} starts that peak again from the requests waiting now (the counts keep
 * running). A subclass says what each path answers, and which kinds of request it counts.
 */
public abstract class LatencyServer extends Handler.Abstract.NonBlocking {
    /** One answer: its status, Content-Type, body and the kind of request it counts as. */
    protected record Answer(int status, String contentType, ByteBuffer body, String kind) {
        static Answer of(int status, String contentType, byte[] body, String kind) {
            return new Answer(status, contentType, ByteBuffer.wrap(body), kind);
        }
    }

    private final long latencyMs;
    private final ScheduledExecutorService timer;
    private final Map<String, LongAdder> requests = new LinkedHashMap<>();
    private final LongAdder bytesSent = new LongAdder();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger mostWaiting = new AtomicInteger();

    /** @param kinds the kinds of request counted in {@code /stats}, in the order shown */
    protected LatencyServer(long latencyMs, int timerThreads, List<String> kinds) {
        this.latencyMs = latencyMs;
        kinds.forEach(kind -> requests.put(kind, new LongAdder()));
        // Daemon threads: the server's own life cycle decides when the JVM ends.
        this.timer = Executors.newScheduledThreadPool(timerThreads, task -> {
            Thread t = new Thread(task, "bench-server-latency");
            t.setDaemon(true);
            return t;
        });
    }

    /** What {@code path} answers; its kind must be one of the kinds given to the constructor. */
    protected abstract Answer answer(String path);

    /** Figures of the subclass appended to {@code /stats}, as {@code "name": value} pairs. */
    protected abstract String moreStats();

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (path.equals("/stats/reset")) {
            mostWaiting.set(waiting.get());
        }
        if (path.startsWith("/stats")) {
            send(response, callback, Answer.of(200, "application/json", stats().getBytes(StandardCharsets.UTF_8), null));
            return true;
        }
        Answer answer = answer(path);
        requests.get(answer.kind()).increment();
        bytesSent.add(answer.body().remaining());
        int now = waiting.incrementAndGet();
        mostWaiting.accumulateAndGet(now, Math::max);
        timer.schedule(() -> {
            waiting.decrementAndGet();
            send(response, callback, answer);
        }, latencyMs, TimeUnit.MILLISECONDS);
        return true;
    }

    private void send(Response response, Callback callback, Answer answer) {
        ByteBuffer body = answer.body().slice();
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, Integer.toString(body.remaining()));
        response.write(true, body, callback);
    }

    /** The counters as one JSON object: requests by kind, then bytes, peak waiting, latency, the rest. */
    String stats() {
        String counts = requests.entrySet().stream()
                .map(e -> String.format("\"%s\": %d", e.getKey(), e.getValue().sum()))
                .collect(Collectors.joining(", "));
        return String.format("{%s, \"bytes\": %d, \"most_waiting\": %d, \"latency_ms\": %d, %s}",
                counts, bytesSent.sum(), mostWaiting.get(), latencyMs, moreStats());
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

    static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /**
     * The command line of a benchmark server: {@code --name value} pairs, of which
     * {@code --port}, {@code --latency-ms}, {@code --timer-threads} and {@code --port-file}
     * are common to all and {@code own} are the server's own.
     */
    record Options(int port, long latencyMs, int timerThreads, Path portFile, Map<String, String> own) {
        static Options parse(String[] args, long defaultLatencyMs, List<String> own) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int a = 0; a < args.length; a += 2) {
                String name = args[a];
                if (!name.startsWith("--") || !(own.contains(name.substring(2)) || COMMON.contains(name.substring(2)))) {
                    throw new IllegalArgumentException("unknown option " + name + " (--"
                            + String.join(", --", COMMON) + (own.isEmpty() ? "" : ", --" + String.join(", --", own)) + ")");
                }
                if (a + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + name + " needs a value");
                }
                values.put(name.substring(2), args[a + 1]);
            }
            Map<String, String> mine = new LinkedHashMap<>(values);
            mine.keySet().removeAll(COMMON);
            return new Options(Integer.parseInt(values.getOrDefault("port", "0")),
                    Long.parseLong(values.getOrDefault("latency-ms", Long.toString(defaultLatencyMs))),
                    Integer.parseInt(values.getOrDefault("timer-threads",
                            Integer.toString(Runtime.getRuntime().availableProcessors()))),
                    values.containsKey("port-file") ? Path.of(values.get("port-file")) : null, mine);
        }

        private static final List<String> COMMON = List.of("port", "latency-ms", "timer-threads", "port-file");
    }

    /**
     * Serves until the JVM is stopped: starts on {@code port}, prints {@code banner} (with the
     * bound port in place of {@code {port}}), writes the port to the port file (atomically, for the
     * script that waits for it) and prints the counters at exit.
     */
    static void serve(LatencyServer handler, Options options, String name, String banner) throws Exception {
        Server server = handler.start(options.port());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println(name + ": " + handler.stats());
            try {
                server.stop();
            } catch (Exception e) {
                System.err.println(name + ": stop failed: " + e);
            }
        }));
        int bound = port(server);
        System.err.println(name + ": " + banner.replace("{port}", Integer.toString(bound)));
        if (options.portFile() != null) {
            Path temp = options.portFile().resolveSibling(options.portFile().getFileName() + ".tmp");
            Files.writeString(temp, Integer.toString(bound));
            Files.move(temp, options.portFile(), StandardCopyOption.ATOMIC_MOVE);
        }
        server.join();
    }
}
