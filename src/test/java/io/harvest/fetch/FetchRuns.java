package io.harvest.fetch;

import io.harvest.job.Manifest;
import io.harvest.net.FetchOptions;
import io.harvest.testing.LocalFetch;
import io.harvest.testing.SharedSpark;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** What the fetch job tests share: options for the 127.0.0.1 test server, and manifest reading. */
final class FetchRuns {
    private FetchRuns() {}

    static FetchOptions options(Map<String, String> hosts) {
        return LocalFetch.options(hosts);
    }

    static Map<String, String> loopbackHosts(String... names) {
        return LocalFetch.loopbackHosts(names);
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
