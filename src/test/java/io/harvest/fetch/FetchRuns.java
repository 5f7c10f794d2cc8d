package io.harvest.fetch;

import io.harvest.job.Manifest;
import io.harvest.net.AddressPolicy;
import io.harvest.net.FetchOptions;
import io.harvest.net.NameResolver;
import io.harvest.testing.SharedSpark;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** What the fetch job tests share: options for the 127.0.0.1 test server, and manifest reading. */
final class FetchRuns {
    private FetchRuns() {}

    /**
     * Fetch options for tests: loopback allowed, short timeouts and backoff, and the given host
     * names mapped to addresses (no DNS query leaves the machine; other names do not resolve).
     */
    static FetchOptions options(Map<String, String> hosts) {
        return FetchOptions.defaults().toBuilder()
                .addresses(AddressPolicy.LOOPBACK_TOO)
                .resolver(NameResolver.fixed(hosts))
                .connectTimeout(Duration.ofSeconds(1))
                .requestTimeout(Duration.ofSeconds(1))
                .retries(1)
                .retryBackoff(Duration.ofMillis(20))
                .build();
    }

    /** Test host names, all on the test server. */
    static Map<String, String> loopbackHosts(String... names) {
        Map<String, String> hosts = new HashMap<>();
        for (String name : names) {
            hosts.put(name, "127.0.0.1");
        }
        return hosts;
    }

    static FetchConfig config(Path input, Path output, FetchOptions options) {
        return FetchConfig.of(input.toString(), output.toString()).withFetch(options);
    }

    static Dataset<Row> manifest(Path output) {
        return SharedSpark.get().read().parquet(Manifest.path(output.toString()).toString());
    }

    /** The manifest's rows by the value of a string column that is unique in it. */
    static Map<String, Row> byColumn(Path output, String column) {
        Map<String, Row> rows = new HashMap<>();
        List<Row> all = manifest(output).collectAsList();
        for (Row r : all) {
            Object key = r.get(r.fieldIndex(column));
            if (rows.put(String.valueOf(key), r) != null) {
                throw new AssertionError("two rows with " + column + " = " + key);
            }
        }
        return rows;
    }
}
