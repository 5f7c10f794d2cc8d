package io.harvest.net;

import io.harvest.Version;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link Fetcher} fetches: limits, politeness, retries and safety. Serializable, so a
 * job builds it once on the driver and every task gets the same settings. Start from
 * {@link #defaults()} and change what differs: {@code FetchOptions.defaults().toBuilder()
 * .concurrency(256).maxPerHost(256).build()}.
 *
 * @param concurrency      requests in flight per fetcher (per Spark task)
 * @param maxPerHost       requests in flight to one host name at a time
 * @param hostDelay        least time between two requests to one host: a request starts no
 *                         sooner than this after the previous one started, nor after the
 *                         last answer from that host came in (with maxPerHost 1, the gap the
 *                         server sees between an answer and the next request)
 * @param retries          extra attempts after a connect error, timeout, 429 or 502/503/504
 * @param retryBackoff     base of the exponential backoff between attempts (jittered)
 * @param maxRetryAfter    the longest Retry-After honoured; a server asking for more is not
 *                         retried (its answer stands as http_error)
 * @param connectTimeout   to open a connection (DNS lookup included)
 * @param requestTimeout   the whole request, from sending to the last body byte: a server that
 *                         drips one byte a second still times out
 * @param maxBytes         body limit, counted after content decoding (a gzip bomb is too_large)
 * @param maxRedirects     redirects followed per URL; one more is a redirect_error
 * @param obeyRobots       fetch and obey robots.txt (cached per origin for the fetcher's life)
 * @param maxCrawlDelay    robots.txt Crawl-delay is honoured up to this (0: not honoured)
 * @param userAgent        sent with every request; its product token is the robots.txt name
 * @param addresses        which kinds of address may be connected to
 * @param hostFailureLimit consecutive connection-level failures after which a host's remaining
 *                         URLs fail fast as host_unreachable
 * @param keepBodies       which bodies are kept in memory in the result
 * @param lookAhead        items read ahead of the results; 0 picks 16 x concurrency (at least
 *                         1024). Items are queued per host, so a slow host only holds its own.
 * @param resolver         host name to addresses; the system's DNS unless a test or the user
 *                         maps names (the address policy applies to whatever it returns)
 * @param headers          extra request headers sent with every request (an API key); none by default
 */
public record FetchOptions(int concurrency, int maxPerHost, Duration hostDelay, int retries,
                           Duration retryBackoff, Duration maxRetryAfter, Duration connectTimeout,
                           Duration requestTimeout, long maxBytes, int maxRedirects,
                           boolean obeyRobots, Duration maxCrawlDelay, String userAgent,
                           AddressPolicy addresses, int hostFailureLimit, KeepBodies keepBodies,
                           int lookAhead, NameResolver resolver, List<RequestHeader> headers)
        implements Serializable {

    /** Kept bodies are Java arrays: the body limit stays under their size limit (2 GiB). */
    public static final long MAX_BODY_LIMIT = Integer.MAX_VALUE - 16;

    public FetchOptions {
        atLeast("concurrency", concurrency, 1);
        atLeast("maxPerHost", maxPerHost, 1);
        atLeast("retries", retries, 0);
        atLeast("maxRedirects", maxRedirects, 0);
        atLeast("hostFailureLimit", hostFailureLimit, 1);
        atLeast("lookAhead", lookAhead, 0);
        if (maxBytes < 1 || maxBytes > MAX_BODY_LIMIT) {
            throw new IllegalArgumentException("maxBytes must be from 1 to " + MAX_BODY_LIMIT
                    + ": " + maxBytes);
        }
        notNegative("hostDelay", hostDelay);
        notNegative("retryBackoff", retryBackoff);
        notNegative("maxRetryAfter", maxRetryAfter);
        notNegative("maxCrawlDelay", maxCrawlDelay);
        positive("connectTimeout", connectTimeout);
        positive("requestTimeout", requestTimeout);
        if (userAgent == null || userAgent.isBlank()) {
            throw new IllegalArgumentException("userAgent must not be blank");
        }
        Objects.requireNonNull(addresses, "addresses");
        Objects.requireNonNull(keepBodies, "keepBodies");
        Objects.requireNonNull(resolver, "resolver");
        headers = List.copyOf(headers);
    }

    /** The defaults of the fetch job: polite, safe, and 64 requests in flight. */
    public static FetchOptions defaults() {
        return new FetchOptions(64, 2, Duration.ZERO, 2, Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(30),
                10L << 20, 5, true, Duration.ofSeconds(10), defaultUserAgent(),
                AddressPolicy.PUBLIC_ONLY, 10, KeepBodies.HTML, 0, NameResolver.system(), List.of());
    }

    /** Names Harvest, its version and where to read about it, as polite crawlers do. */
    public static String defaultUserAgent() {
        // No contact URL is invented here: crawl operators add theirs with --user-agent.
        return "Harvest/" + Version.get() + " (batch fetcher on Apache Spark)";
    }

    /** The items read ahead of the results: {@link #lookAhead} or its automatic value. */
    public int effectiveLookAhead() {
        return lookAhead > 0 ? lookAhead : Math.max(1024, 16 * concurrency);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ": " + value);
        }
    }

    private static void notNegative(String name, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or more: " + d);
        }
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    /** Changes some options and keeps the rest. */
    public static final class Builder {
        private int concurrency;
        private int maxPerHost;
        private Duration hostDelay;
        private int retries;
        private Duration retryBackoff;
        private Duration maxRetryAfter;
        private Duration connectTimeout;
        private Duration requestTimeout;
        private long maxBytes;
        private int maxRedirects;
        private boolean obeyRobots;
        private Duration maxCrawlDelay;
        private String userAgent;
        private AddressPolicy addresses;
        private int hostFailureLimit;
        private KeepBodies keepBodies;
        private int lookAhead;
        private NameResolver resolver;
        private List<RequestHeader> headers;

        private Builder(FetchOptions o) {
            concurrency = o.concurrency;
            maxPerHost = o.maxPerHost;
            hostDelay = o.hostDelay;
            retries = o.retries;
            retryBackoff = o.retryBackoff;
            maxRetryAfter = o.maxRetryAfter;
            connectTimeout = o.connectTimeout;
            requestTimeout = o.requestTimeout;
            maxBytes = o.maxBytes;
            maxRedirects = o.maxRedirects;
            obeyRobots = o.obeyRobots;
            maxCrawlDelay = o.maxCrawlDelay;
            userAgent = o.userAgent;
            addresses = o.addresses;
            hostFailureLimit = o.hostFailureLimit;
            keepBodies = o.keepBodies;
            lookAhead = o.lookAhead;
            resolver = o.resolver;
            headers = o.headers;
        }

        public Builder concurrency(int v) {
            concurrency = v;
            return this;
        }

        public Builder maxPerHost(int v) {
            maxPerHost = v;
            return this;
        }

        public Builder hostDelay(Duration v) {
            hostDelay = v;
            return this;
        }

        public Builder retries(int v) {
            retries = v;
            return this;
        }

        public Builder retryBackoff(Duration v) {
            retryBackoff = v;
            return this;
        }

        public Builder maxRetryAfter(Duration v) {
            maxRetryAfter = v;
            return this;
        }

        public Builder connectTimeout(Duration v) {
            connectTimeout = v;
            return this;
        }

        public Builder requestTimeout(Duration v) {
            requestTimeout = v;
            return this;
        }

        public Builder maxBytes(long v) {
            maxBytes = v;
            return this;
        }

        public Builder maxRedirects(int v) {
            maxRedirects = v;
            return this;
        }

        public Builder obeyRobots(boolean v) {
            obeyRobots = v;
            return this;
        }

        public Builder maxCrawlDelay(Duration v) {
            maxCrawlDelay = v;
            return this;
        }

        public Builder userAgent(String v) {
            userAgent = v;
            return this;
        }

        public Builder addresses(AddressPolicy v) {
            addresses = v;
            return this;
        }

        public Builder hostFailureLimit(int v) {
            hostFailureLimit = v;
            return this;
        }

        public Builder keepBodies(KeepBodies v) {
            keepBodies = v;
            return this;
        }

        public Builder lookAhead(int v) {
            lookAhead = v;
            return this;
        }

        public Builder resolver(NameResolver v) {
            resolver = v;
            return this;
        }

        public Builder headers(List<RequestHeader> v) {
            headers = v;
            return this;
        }

        public FetchOptions build() {
            return new FetchOptions(concurrency, maxPerHost, hostDelay, retries, retryBackoff,
                    maxRetryAfter, connectTimeout, requestTimeout, maxBytes, maxRedirects,
                    obeyRobots, maxCrawlDelay, userAgent, addresses, hostFailureLimit, keepBodies,
                    lookAhead, resolver, headers);
        }
    }
}
