package io.harvest.cli;

import io.harvest.net.AddressPolicy;
import io.harvest.net.FetchOptions;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * How to fetch: the options every job that downloads shares (fetch, images). A command that
 * mixes them in names {@link Defaults} as its default value provider, so that --help shows
 * the fetcher's own defaults.
 */
final class FetchFlags {
    @Option(names = "--concurrency", description = "Requests in flight per task.")
    int concurrency;

    @Option(names = "--max-per-host", description = "Requests in flight to one host at a time.")
    int maxPerHost;

    @Option(names = "--host-delay", converter = DurationConverter.class, paramLabel = "<duration>",
            description = "Least time between the starts of two requests to one host (e.g. 500ms, 1s).")
    Duration hostDelay;

    @Option(names = "--ignore-robots", description = "Do not fetch or obey robots.txt (obeyed by default,"
            + " cached per host).")
    boolean ignoreRobots;

    @Option(names = "--user-agent", paramLabel = "<text>",
            description = "User-Agent header; its first word is the name robots.txt rules are matched against.")
    String userAgent;

    @Option(names = "--retries", description = "Extra attempts, with exponential backoff and jitter, after a"
            + " connect error, timeout, 429 or 502/503/504 (Retry-After honoured).")
    int retries;

    @Option(names = "--connect-timeout", converter = DurationConverter.class, paramLabel = "<duration>",
            description = "To open a connection, DNS lookup included.")
    Duration connectTimeout;

    @Option(names = "--timeout", converter = DurationConverter.class, paramLabel = "<duration>",
            description = "The whole request, to the last body byte: a server dripping bytes still times out.")
    Duration requestTimeout;

    @Option(names = "--max-bytes", converter = ByteSize.class, paramLabel = "<size>",
            description = "Body limit, counted after gzip/deflate decoding; a larger body is too_large.")
    long maxBytes;

    @Option(names = "--max-redirects", description = "Redirects followed per URL, each hop checked again.")
    int maxRedirects;

    @Option(names = "--host-failure-limit", description = "Consecutive connection-level failures (refused,"
            + " reset, timed out) after which a host's remaining URLs fail fast as host_unreachable.")
    int hostFailureLimit;

    @Option(names = "--allow-loopback",
            description = "Allow connecting to loopback addresses (127.0.0.0/8, ::1).")
    boolean allowLoopback;

    @Option(names = "--allow-private", description = "Allow private addresses (10/8, 172.16/12, 192.168/16,"
            + " fc00::/7, CGNAT 100.64/10).")
    boolean allowPrivate;

    @Option(names = "--allow-link-local", description = "Allow link-local addresses (169.254/16, fe80::/10:"
            + " cloud metadata lives there).")
    boolean allowLinkLocal;

    /** The fetch options these flags give; fails on a value out of range. */
    FetchOptions options() {
        return FetchOptions.defaults().toBuilder()
                .concurrency(concurrency).maxPerHost(maxPerHost).hostDelay(hostDelay)
                .obeyRobots(!ignoreRobots).userAgent(userAgent).retries(retries)
                .connectTimeout(connectTimeout).requestTimeout(requestTimeout).maxBytes(maxBytes)
                .maxRedirects(maxRedirects).hostFailureLimit(hostFailureLimit)
                .addresses(new AddressPolicy(allowLoopback, allowPrivate, allowLinkLocal))
                .build();
    }

    /** The fetcher's own defaults, so that --help shows what a run really uses. */
    static final class Defaults implements CommandLine.IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec arg) {
            if (!(arg instanceof OptionSpec option)) {
                return null;
            }
            FetchOptions d = FetchOptions.defaults();
            return switch (option.longestName()) {
                case "--concurrency" -> String.valueOf(d.concurrency());
                case "--max-per-host" -> String.valueOf(d.maxPerHost());
                case "--host-delay" -> DurationConverter.format(d.hostDelay());
                case "--user-agent" -> d.userAgent();
                case "--retries" -> String.valueOf(d.retries());
                case "--connect-timeout" -> DurationConverter.format(d.connectTimeout());
                case "--timeout" -> DurationConverter.format(d.requestTimeout());
                case "--max-bytes" -> ByteSize.format(d.maxBytes());
                case "--max-redirects" -> String.valueOf(d.maxRedirects());
                case "--host-failure-limit" -> String.valueOf(d.hostFailureLimit());
                default -> null;
            };
        }
    }
}
