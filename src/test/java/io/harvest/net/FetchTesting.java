package io.harvest.net;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Options and helpers shared by the fetcher's tests. */
final class FetchTesting {
    private FetchTesting() {}

    /**
     * Loopback allowed (the test server is on 127.0.0.1), short timeouts, quick retries, and
     * a resolver that knows no names, so no test ever sends a DNS query.
     */
    static FetchOptions.Builder local() {
        return FetchOptions.defaults().toBuilder()
                .addresses(AddressPolicy.LOOPBACK_TOO)
                .resolver(NameResolver.fixed(Map.of()))
                .connectTimeout(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofSeconds(3))
                .retryBackoff(Duration.ofMillis(10));
    }

    /** Fetches the URLs and returns their results in input order, checking that each input
     * came back exactly once. */
    static List<FetchResult> fetchInOrder(Fetcher fetcher, List<String> urls) {
        FetchResult[] results = new FetchResult[urls.size()];
        Iterator<Fetched<Integer>> it = fetcher.fetchAll(
                IntStream.range(0, urls.size()).iterator(), urls::get);
        int count = 0;
        while (it.hasNext()) {
            Fetched<Integer> f = it.next();
            if (results[f.item()] != null) {
                throw new AssertionError("item " + f.item() + " came back twice");
            }
            results[f.item()] = f.result();
            count++;
        }
        if (count != urls.size()) {
            throw new AssertionError(count + " results for " + urls.size() + " inputs");
        }
        return new ArrayList<>(Arrays.asList(results));
    }

    /** Checks that consecutive arrivals (System.nanoTime) are at least {@code gap} apart. */
    static void assertSpacedAtLeast(List<Long> arrivals, Duration gap) {
        for (int i = 1; i < arrivals.size(); i++) {
            long apart = arrivals.get(i) - arrivals.get(i - 1);
            if (apart < gap.toNanos()) {
                throw new AssertionError("requests " + apart / 1_000_000 + " ms apart, expected at least "
                        + gap.toMillis() + " ms: " + arrivals);
            }
        }
    }

    /** A port on 127.0.0.1 that nothing listens on (connections are refused). */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
