package io.harvest.net;

import io.harvest.job.Status;
import io.harvest.testing.Reply;
import io.harvest.testing.TestHttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Throughput of the fetcher against a local server with injected latency, the server in its
 * own JVM. Not a test: a harness for measurements (timings on a shared machine are rough).
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *     io.harvest.net.FetchBenchmark all 100 20000 64,256,1024
 * </pre>
 * {@code server <latencyMs>} runs only the server; {@code all} starts it as a child process,
 * measures the ceiling (no latency, concurrency 256 and 1024: the server's and this client's
 * together, on the same cores), then each concurrency with maxPerHost raised to match.
 */
public final class FetchBenchmark {
    private static final String PAGE = "<!doctype html><html><head><title>Bench page</title></head>"
            + "<body>" + "<p>Some text of a page, with <a href=\"/next\">a link</a>.</p>".repeat(30)
            + "</body></html>";
    /** The seed's 13-thread Python pool at 100 ms latency: 13 / 0.1 s. */
    private static final double PYTHON_POOL_13 = 130;

    private FetchBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("server")) {
            serve(Integer.parseInt(args[1]));
        } else if (args.length == 4 && args[0].equals("all")) {
            all(Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3]);
        } else {
            System.err.println("usage: FetchBenchmark server <latencyMs> | all <latencyMs> <urls> <c1,c2,...>");
            System.exit(2);
        }
    }

    private static void serve(int latencyMs) throws InterruptedException {
        TestHttpServer server = TestHttpServer.start(64);
        server.on("/slow").reply(Reply.html(PAGE).delay(Duration.ofMillis(latencyMs)));
        server.on("/fast").reply(Reply.html(PAGE));
        System.out.println("port " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }

    private static void all(int latencyMs, int count, String concurrencies) throws Exception {
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                FetchBenchmark.class.getName(), "server", String.valueOf(latencyMs))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            int port = Integer.parseInt(out.readLine().substring("port ".length()));
            String base = "http://127.0.0.1:" + port;
            System.out.printf("JVM %s, %d cores, max heap %d MiB; server in its own JVM (pid %d)%n",
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20, child.pid());
            run(base + "/fast", 5000, 256, false); // warm-up: JIT, connections
            double ceiling = 0;
            for (int c : new int[] {256, 1024}) {
                double perSecond = run(base + "/fast", Math.max(count, 20000), c, false).perSecond();
                System.out.printf("no latency, concurrency %d: %.0f URLs/s%n", c, perSecond);
                ceiling = Math.max(ceiling, perSecond);
            }
            System.out.printf("ceiling with this client: %.0f URLs/s (a lower bound of the server's:"
                    + " both share the cores; measure the server alone with wrk)%n%n", ceiling);
            System.out.println("| concurrency | URLs | s | URLs/s | latency limit | % of min(limit, ceiling)"
                    + " | x Python pool(13) | CPU ms/page | peak heap MiB | live heap MiB |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|");
            for (String c : concurrencies.split(",")) {
                int concurrency = Integer.parseInt(c.trim());
                Measure m = run(base + "/slow", count, concurrency, true);
                double limit = concurrency * 1000.0 / latencyMs;
                System.out.printf("| %d | %d | %.1f | %.0f | %.0f | %.0f%% | %.1fx | %.3f | %d | %d |%n",
                        concurrency, count, m.seconds, m.perSecond(), limit,
                        100 * m.perSecond() / Math.min(limit, ceiling),
                        m.perSecond() / PYTHON_POOL_13, m.cpuMsPerPage(), m.peakHeapMiB,
                        m.liveHeapMiB);
                if (!m.allOk()) {
                    System.out.println("  statuses: " + m.statuses);
                }
            }
        } finally {
            child.destroy();
        }
    }

    private static Measure run(String url, int count, int concurrency, boolean sampleLive)
            throws InterruptedException {
        FetchOptions options = FetchOptions.defaults().toBuilder()
                .addresses(AddressPolicy.LOOPBACK_TOO)
                .concurrency(concurrency).maxPerHost(concurrency)
                .build();
        HeapSampler heap = new HeapSampler(sampleLive);
        Map<Status, Integer> statuses = new EnumMap<>(Status.class);
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        heap.start();
        try (Fetcher fetcher = new Fetcher(options)) {
            Iterator<Fetched<Integer>> it = fetcher.fetchAll(IntStream.range(0, count).iterator(),
                    i -> url + "?i=" + i);
            while (it.hasNext()) {
                statuses.merge(it.next().result().status(), 1, Integer::sum);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long cpu = processCpuNanos() - cpu0;
        heap.interrupt();
        heap.join();
        return new Measure(count, seconds, cpu, heap.peak.get() >> 20, heap.live.get() >> 20,
                statuses);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private record Measure(int count, double seconds, long cpuNanos, long peakHeapMiB,
                           long liveHeapMiB, Map<Status, Integer> statuses) {
        double perSecond() {
            return count / seconds;
        }

        double cpuMsPerPage() {
            return cpuNanos / 1e6 / count;
        }

        boolean allOk() {
            return statuses.keySet().equals(java.util.Set.of(Status.OK));
        }
    }

    /** Used heap every 20 ms (garbage included), and once after a full GC mid-run (live). */
    private static final class HeapSampler extends Thread {
        final AtomicLong peak = new AtomicLong();
        final AtomicLong live = new AtomicLong();
        private final boolean sampleLive;

        HeapSampler(boolean sampleLive) {
            super("heap-sampler");
            setDaemon(true);
            this.sampleLive = sampleLive;
        }

        @Override
        public void run() {
            Runtime rt = Runtime.getRuntime();
            List<Long> samples = new ArrayList<>();
            try {
                while (!isInterrupted()) {
                    long used = rt.totalMemory() - rt.freeMemory();
                    peak.accumulateAndGet(used, Math::max);
                    samples.add(used);
                    if (sampleLive && samples.size() == 50) { // 1 s in: everything in flight
                        System.gc();
                        live.set(rt.totalMemory() - rt.freeMemory());
                    }
                    Thread.sleep(20);
                }
            } catch (InterruptedException done) {
                // measured
            }
        }
    }
}
