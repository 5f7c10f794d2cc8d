package io.harvest.net;

import io.harvest.job.Status;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * One {@link Fetcher#fetchAll} call: a scheduler run on the caller's thread. Jetty's threads
 * only do I/O and post {@link Outcome}s to a queue; every decision (what starts next, retry,
 * redirect, robots, cut-off) is taken here, inside {@code hasNext()}, so the state needs no
 * locks and the input iterator is read only by the thread that owns it (Spark's task thread).
 *
 * <p>Bounds: at most {@code lookAhead} items are read and not yet handed out; at most
 * {@code concurrency} requests run, and none start while {@code concurrency} results or
 * 64 MiB of kept bodies wait for the caller. Items wait in per-host queues, served round
 * robin, so one slow host holds only its own items.
 */
final class FetchRun<T> implements Iterator<Fetched<T>> {
    private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Past Jetty's own timeout by this much, a request is given up by the run itself. */
    private static final long WATCHDOG_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int SWEEP_EVERY = 10_000;
    /** Kept body bytes waiting for the caller past which no new request starts. */
    private static final long WAITING_BODY_BYTES = 64L << 20;
    /** How often a run checks for a robots.txt verdict another run is fetching. */
    private static final long ROBOTS_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Fetcher fetcher;
    private final FetchOptions options;
    private final Robots robots;
    private final Iterator<T> input;
    private final Function<T, String> urlOf;
    private final ToIntFunction<T> shareOf;
    private final int lookAhead;
    private final long attemptLimitNanos;

    private final Map<String, HostQueue<T>> hosts = new HashMap<>();
    private final ArrayDeque<HostQueue<T>> readyHosts = new ArrayDeque<>();
    private final Timers timers = new Timers();
    /** Running requests, oldest first: deadlines come in the same order. */
    private final Set<Attempt<T>> running = new LinkedHashSet<>();
    private final BlockingQueue<Completion<T>> completions = new LinkedBlockingQueue<>();
    private final ArrayDeque<Fetched<T>> results = new ArrayDeque<>();
    private final Map<String, List<Pending<T>>> awaitingRobots = new HashMap<>();
    /** Origins whose robots.txt this run fetches for every run of the JVM. */
    private final Set<String> claimedRobots = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private boolean inputDone;
    private int pending;
    private long waitingBodyBytes;
    private long pulled;

    FetchRun(Fetcher fetcher, Robots robots, Iterator<T> input, Function<T, String> urlOf,
             ToIntFunction<T> shareOf) {
        this.fetcher = fetcher;
        this.options = fetcher.options();
        this.robots = robots;
        this.input = input;
        this.urlOf = urlOf;
        this.shareOf = shareOf;
        this.lookAhead = options.effectiveLookAhead();
        this.attemptLimitNanos = options.connectTimeout().toNanos()
                + options.requestTimeout().toNanos() + WATCHDOG_GRACE_NANOS;
    }

    @Override
    public boolean hasNext() {
        step();
        while (results.isEmpty() && !(inputDone && pending == 0)) {
            awaitEvent();
            step();
        }
        return !results.isEmpty();
    }

    @Override
    public Fetched<T> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        pending--;
        Fetched<T> next = results.pollFirst();
        waitingBodyBytes -= bodySize(next);
        return next;
    }

    private void step() {
        for (Completion<T> c = completions.poll(); c != null; c = completions.poll()) {
            complete(c.attempt(), c.outcome());
        }
        long now = System.nanoTime();
        timers.runDue(now);
        for (Iterator<Attempt<T>> it = running.iterator(); it.hasNext(); ) {
            Attempt<T> oldest = it.next();
            if (oldest.deadlineNanos - now > 0) {
                break;
            }
            it.remove();
            oldest.abort();
            decide(oldest, Outcome.failed(oldest.job.uri, new TimeoutException(
                    "no answer within " + options.requestTimeout().toMillis() + " ms")));
        }
        pull();
        dispatch();
        if (results.isEmpty() && running.isEmpty() && timers.isEmpty() && readyHosts.isEmpty()
                && pending > 0) {
            failStalled();
        }
    }

    private void awaitEvent() {
        long now = System.nanoTime();
        long wait = Math.min(MAX_WAIT_NANOS, timers.nanosUntilNext(now));
        if (!running.isEmpty()) {
            wait = Math.min(wait, running.iterator().next().deadlineNanos - now);
        }
        try {
            Completion<T> c = completions.poll(Math.max(0, wait), TimeUnit.NANOSECONDS);
            if (c != null) {
                complete(c.attempt(), c.outcome());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while fetching");
        }
    }

    /** Reads items until the look-ahead is full; bad URLs are answered at once. */
    private void pull() {
        while (!inputDone && pending < lookAhead) {
            if (!input.hasNext()) {
                inputDone = true;
                return;
            }
            T item = input.next();
            pending++;
            if (++pulled % SWEEP_EVERY == 0) {
                long now = System.nanoTime();
                hosts.values().removeIf(h -> h.idle(now));
            }
            String raw = null;
            try {
                raw = urlOf.apply(item);
                URI uri = Urls.parse(raw);
                enqueue(Pending.of(item, raw, uri), false);
            } catch (InvalidUrlException e) {
                emit(Pending.of(item, raw, null), Status.INVALID_URL, e.getMessage(), null);
            } catch (RuntimeException e) {
                emit(Pending.of(item, raw, null), Status.INVALID_URL,
                        "could not read the URL: " + e, null);
            }
        }
    }

    private void enqueue(Pending<T> job, boolean first) {
        HostQueue<T> host = hosts.computeIfAbsent(job.host, name -> {
            // A host spread over n tasks gets 1/n of its limit here, and n times the delay.
            int share = Math.max(1, shareOf.applyAsInt(job.item));
            return new HostQueue<>(name, Math.max(1, options.maxPerHost() / share), share,
                    options.hostDelay().toNanos() * share, System.nanoTime());
        });
        if (first) {
            host.queue.addFirst(job);
        } else {
            host.queue.addLast(job);
        }
        touch(host);
    }

    /** Puts a host in the ready line if it has work it may start now, or wakes it later. */
    private void touch(HostQueue<T> host) {
        if (host.inReady || host.queue.isEmpty()) {
            return;
        }
        if (host.cutOff == null) {
            if (host.inFlight >= host.limit) {
                return;
            }
            if (System.nanoTime() - host.nextStartNanos < 0) {
                wakeLater(host);
                return;
            }
        }
        host.inReady = true;
        readyHosts.addLast(host);
    }

    private void wakeLater(HostQueue<T> host) {
        if (!host.wakeScheduled) {
            host.wakeScheduled = true;
            timers.at(host.nextStartNanos, () -> {
                host.wakeScheduled = false;
                touch(host);
            });
        }
    }

    private void dispatch() {
        while (!readyHosts.isEmpty() && running.size() < options.concurrency()
                && results.size() < options.concurrency()
                && waitingBodyBytes < WAITING_BODY_BYTES) {
            HostQueue<T> host = readyHosts.pollFirst();
            host.inReady = false;
            if (host.cutOff != null) {
                while (!host.queue.isEmpty()) {
                    finish(host.queue.pollFirst(), Status.HOST_UNREACHABLE, host.cutOff, null);
                }
                continue;
            }
            Pending<T> job = host.queue.pollFirst();
            if (job != null && admitted(job, host)) {
                start(job, host);
            }
            touch(host);
        }
    }

    /** Whether robots.txt lets the job start now; if not, the job is answered or parked. */
    private boolean admitted(Pending<T> job, HostQueue<T> host) {
        if (!options.obeyRobots() || job.isRobots()) {
            return true;
        }
        String origin = Urls.origin(job.uri);
        Robots.Verdict verdict = robots.cached(origin);
        if (verdict == null) {
            List<Pending<T>> waiting = awaitingRobots.get(origin);
            if (waiting == null) {
                waiting = new ArrayList<>();
                awaitingRobots.put(origin, waiting);
                askRobots(origin, job, host);
            }
            waiting.add(job);
            return false;
        }
        if (verdict.failure() != null) {
            finish(job, verdict.failure(), verdict.error() + " (fetching " + origin
                    + "/robots.txt; the URL itself was not requested)", null);
            return false;
        }
        if (!verdict.allows(job.uri)) {
            finish(job, Status.ROBOTS_DENIED, "disallowed by " + origin + "/robots.txt",
                    null);
            return false;
        }
        long crawlDelay = Math.min(verdict.crawlDelayMillis(), options.maxCrawlDelay().toMillis());
        host.delayNanos = Math.max(host.delayNanos, TimeUnit.MILLISECONDS.toNanos(crawlDelay) * host.share);
        return true;
    }

    /**
     * Fetches the origin's robots.txt, unless another run of the JVM (another task) is
     * fetching it already: then waits for that one's verdict, so the file is fetched once.
     */
    private void askRobots(String origin, Pending<T> asker, HostQueue<T> host) {
        if (robots.claim(origin)) {
            claimedRobots.add(origin);
            host.queue.addFirst(Pending.robots(origin, Robots.location(asker.uri), asker));
            touch(host);
        } else {
            timers.at(System.nanoTime() + ROBOTS_POLL_NANOS, () -> {
                if (robots.cached(origin) != null) {
                    releaseAwaitingRobots(origin);
                } else {
                    askRobots(origin, asker, host); // the other run may have ended without a verdict
                }
            });
        }
    }

    private void start(Pending<T> job, HostQueue<T> host) {
        long now = System.nanoTime();
        host.inFlight++;
        host.nextStartNanos = now + host.delayNanos;
        job.requests++;
        if (job.startNanos < 0) {
            job.startNanos = now;
        }
        Attempt<T> attempt = new Attempt<>(job, host, now + attemptLimitNanos);
        running.add(attempt);
        long maxBytes = job.isRobots() ? Robots.MAX_BYTES : options.maxBytes();
        Exchange exchange = new Exchange(job.uri, maxBytes, options.keepBodies(), job.isRobots(),
                outcome -> completions.add(new Completion<>(attempt, outcome)));
        try {
            attempt.request = fetcher.send(job.uri, exchange, job.sendsHeaders());
        } catch (RuntimeException e) {
            completions.add(new Completion<>(attempt, Outcome.failed(job.uri, e)));
        }
    }

    private void complete(Attempt<T> attempt, Outcome outcome) {
        if (running.remove(attempt)) { // else the watchdog already answered for it
            try {
                decide(attempt, outcome);
            } catch (RuntimeException e) { // a bug here costs one item its result, not the task
                finish(attempt.job, Status.CONNECTION_ERROR, "internal error: " + e, outcome);
            }
        }
    }

    /** Acts on what a finished request means for its item: done, retry, or follow. */
    private void decide(Attempt<T> attempt, Outcome outcome) {
        Pending<T> job = attempt.job;
        HostQueue<T> host = attempt.host;
        host.inFlight--;
        if (host.delayNanos > 0) { // spaced from the last answer too, as the server sees it
            host.nextStartNanos = later(host.nextStartNanos, System.nanoTime() + host.delayNanos);
        }
        if (outcome.answered()) {
            job.lastAnswer = outcome;
            host.consecutiveFailures = 0;
        } else if (Failures.isConnectionLevel(Failures.status(outcome.failure()))) {
            countFailure(host, Failures.message(outcome.failure()));
        }
        Next next = Next.after(outcome, job, options);
        if (next instanceof Next.Retry retry) {
            long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(retry.delayMillis());
            if (retry.pauseHost()) {
                host.nextStartNanos = later(host.nextStartNanos, due);
            }
            job.retries++;
            timers.at(due, () -> enqueue(job, true));
        } else if (next instanceof Next.Follow follow) {
            job.redirect(follow.target());
            enqueue(job, true);
        } else if (next instanceof Next.Done done) {
            finish(job, done.status(), done.error(), outcome);
        }
        touch(host);
    }

    private void countFailure(HostQueue<T> host, String message) {
        if (++host.consecutiveFailures >= options.hostFailureLimit() && host.cutOff == null) {
            host.cutOff = "host cut off after " + host.consecutiveFailures
                    + " consecutive connection failures (last: " + message + ")";
        }
    }

    private void finish(Pending<T> job, Status status, String error, Outcome last) {
        if (job.isRobots()) {
            learnRobots(job, status, error, last);
        } else {
            emit(job, status, error, last);
        }
    }

    private void emit(Pending<T> job, Status status, String error, Outcome last) {
        if (!job.answered) {
            job.answered = true;
            Fetched<T> result = new Fetched<>(job.item, job.result(status, error, last,
                    System.nanoTime()));
            waitingBodyBytes += bodySize(result);
            results.addLast(result);
        }
    }

    private void learnRobots(Pending<T> job, Status status, String error, Outcome last) {
        // A robots.txt that redirects somewhere refused is as good as missing.
        boolean refusedHop = job.hops > 0 && status == Status.BLOCKED;
        robots.learn(job.robotsOrigin, refusedHop ? Status.REDIRECT_ERROR : status, error,
                last);
        claimedRobots.remove(job.robotsOrigin);
        releaseAwaitingRobots(job.robotsOrigin);
    }

    private void releaseAwaitingRobots(String origin) {
        List<Pending<T>> waiting = awaitingRobots.remove(origin);
        if (waiting == null) {
            return;
        }
        for (int i = waiting.size() - 1; i >= 0; i--) {
            enqueue(waiting.get(i), true); // back at the front, in their order
        }
    }

    /** Lets other runs fetch the robots.txt files this one took on and will not finish. */
    void close() {
        claimedRobots.forEach(robots::release);
        claimedRobots.clear();
    }

    /** A safety net: items the run can no longer move are answered, never lost or hung on. */
    private void failStalled() {
        List<Pending<T>> stuck = new ArrayList<>();
        hosts.values().forEach(h -> stuck.addAll(h.queue));
        hosts.values().forEach(h -> h.queue.clear());
        awaitingRobots.values().forEach(stuck::addAll);
        awaitingRobots.clear();
        for (Pending<T> job : stuck) {
            finish(job, Status.CONNECTION_ERROR, "internal error: fetch scheduler stalled", null);
        }
        if (results.isEmpty()) {
            throw new IllegalStateException(pending + " items lost by the fetch scheduler");
        }
    }

    private static long bodySize(Fetched<?> fetched) {
        byte[] body = fetched.result().body();
        return body == null ? 0 : body.length;
    }

    /** The later of two System.nanoTime() instants (which may be negative numbers). */
    private static long later(long a, long b) {
        return a - b >= 0 ? a : b;
    }

    private record Completion<T>(Attempt<T> attempt, Outcome outcome) {
    }
}
