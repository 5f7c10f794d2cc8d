package io.harvest.testing;

import io.harvest.net.AddressPolicy;
import io.harvest.net.FetchOptions;
import io.harvest.net.NameResolver;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Fetch options for jobs run against the 127.0.0.1 test server. */
public final class LocalFetch {
    private LocalFetch() {}

    /**
     * Loopback allowed, short timeouts and backoff, and the given host names mapped to
     * addresses (no DNS query leaves the machine; other names do not resolve).
     */
    public static FetchOptions options(Map<String, String> hosts) {
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
    public static Map<String, String> loopbackHosts(String... names) {
        Map<String, String> hosts = new HashMap<>();
        for (String name : names) {
            hosts.put(name, "127.0.0.1");
        }
        return hosts;
    }
}
