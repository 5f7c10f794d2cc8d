package io.harvest.net;

import io.harvest.job.Status;
import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * robots.txt rules per origin (scheme, host, port), parsed by crawler-commons and kept by the
 * {@link FetchClient}: for every task of an executor JVM, so that each file is fetched once
 * per JVM ({@link #claim}), for at most a day (RFC 9309), a failure for {@value #FAILURE_TTL_MINUTES}
 * minutes. What an answer means, following RFC 9309:
 * <ul>
 * <li>2xx: the file's rules, for the product token of the User-Agent ("harvest"); a file over
 *     512 KiB is parsed up to there.</li>
 * <li>4xx, or more redirects than allowed: no rules, everything allowed.</li>
 * <li>5xx (after retries), 429 and other statuses: everything disallowed (robots_denied),
 *     crawler-commons' reading of "server error means complete disallow".</li>
 * <li>unreachable (DNS, refused, timeout, blocked address): the origin's URLs are not
 *     fetched and take the robots.txt failure as their own status, since the host could not
 *     be reached anyway.</li>
 * </ul>
 */
final class Robots {
    static final long MAX_BYTES = 512 * 1024;
    /** Origins remembered; a task with more simply fetches an evicted robots.txt again. */
    private static final int CACHE_SIZE = 20_000;

    static final long FAILURE_TTL_MINUTES = 10;
    private static final long RULES_TTL_NANOS = TimeUnit.HOURS.toNanos(24);
    private static final long FAILURE_TTL_NANOS = TimeUnit.MINUTES.toNanos(FAILURE_TTL_MINUTES);

    private final SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
    private final List<String> names;
    private final Map<String, Verdict> cache = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Verdict> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    /**
     * What robots.txt says for an origin: rules, or why it could not be had.
     *
     * @param failure null when rules are known
     */
    record Verdict(BaseRobotRules rules, Status failure, String error, long learnedNanos) {
        Verdict(BaseRobotRules rules, Status failure, String error) {
            this(rules, failure, error, System.nanoTime());
        }

        boolean stale(long nowNanos) {
            return nowNanos - learnedNanos > (failure == null ? RULES_TTL_NANOS : FAILURE_TTL_NANOS);
        }

        boolean allows(URI uri) {
            return rules.isAllowed(uri.toString());
        }

        /** Crawl-delay in milliseconds, or 0 when none is set. */
        long crawlDelayMillis() {
            long delay = rules == null ? BaseRobotRules.UNSET_CRAWL_DELAY : rules.getCrawlDelay();
            return delay == BaseRobotRules.UNSET_CRAWL_DELAY ? 0 : Math.max(0, delay);
        }
    }

    private final Set<String> fetching = ConcurrentHashMap.newKeySet();

    Robots(String userAgent) {
        this.names = List.of(productToken(userAgent));
    }

    static URI location(URI uri) {
        return uri.resolve("/robots.txt");
    }

    /** The origin's verdict, or null when it is not known (or too old) and must be fetched. */
    Verdict cached(String origin) {
        Verdict verdict = cache.get(origin);
        return verdict == null || verdict.stale(System.nanoTime()) ? null : verdict;
    }

    /**
     * Whether the caller is to fetch the origin's robots.txt: false while another run of the
     * JVM fetches it (then wait for {@link #cached}). A claim ends with {@link #learn} or
     * {@link #release}.
     */
    boolean claim(String origin) {
        return fetching.add(origin);
    }

    /** Gives up a claim without a verdict (the run was stopped): another run may fetch it. */
    void release(String origin) {
        fetching.remove(origin);
    }

    /** Decides and remembers the verdict for an origin from how its robots.txt fetch ended. */
    Verdict learn(String origin, Status status, String error, Outcome outcome) {
        Verdict verdict = decide(status, error, outcome);
        cache.put(origin, verdict);
        fetching.remove(origin);
        return verdict;
    }

    private Verdict decide(Status status, String error, Outcome outcome) {
        switch (status) {
            case OK, TOO_LARGE -> {
                if (outcome != null && outcome.body() != null && is2xx(outcome.status())) {
                    return rules(parser.parseContent(outcome.uri().toString(), outcome.body(),
                            outcome.contentType(), names));
                }
                return rules(parser.failedFetch(500));
            }
            case HTTP_ERROR -> {
                int code = outcome == null || outcome.status() == 429 ? 503 : outcome.status();
                return rules(parser.failedFetch(code)); // 429 is "busy", not "missing"
            }
            case REDIRECT_ERROR -> {
                return rules(parser.failedFetch(404));
            }
            default -> {
                return new Verdict(null, status, error);
            }
        }
    }

    private static boolean is2xx(Integer status) {
        return status != null && status >= 200 && status < 300;
    }

    private static Verdict rules(BaseRobotRules rules) {
        return new Verdict(rules, null, null);
    }

    /** "Harvest/0.1 (+url)" is "harvest" in robots.txt. */
    static String productToken(String userAgent) {
        String token = userAgent.trim().split("[/\\s]", 2)[0];
        return token.toLowerCase(Locale.ROOT);
    }
}
