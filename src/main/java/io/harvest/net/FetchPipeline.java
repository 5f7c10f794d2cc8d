package io.harvest.net;

import io.harvest.spark.CpuClock;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.apache.spark.TaskContext;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Fetch many, then hand each body to a {@link BodyHandler} off the task thread: the shared
 * shape of every URL-list job (the fetch job's handler parses HTML, the images job's makes
 * thumbnails). One row per item, whatever happens to it.
 *
 * <p>Where the work runs: the fetcher's scheduler runs on the task thread, inside its
 * iterator, and starts new requests only there; the HTTP client's threads only move bytes.
 * So the task thread must come back to the fetcher quickly: wanted bodies are handled on a
 * handler thread of the task's own, and the task thread only hands them over and passes
 * finished rows to Spark. Downloads stay in flight while the handler works: IO and CPU
 * overlap inside the task. Only when the bodies waiting pass {@code backlogBytes} (the
 * handler cannot keep up) does the task thread wait for it.
 *
 * @param <I> the work item
 * @param <R> the row made per item
 */
public final class FetchPipeline<I, R> implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Unhandled bodies held at most by default, before fetching waits for the handler. */
    public static final long BACKLOG_BYTES = 64L << 20;
    /** Bodies waiting for the handler at most, however small. */
    static final int BACKLOG_ITEMS = 4096;

    /** How items are read: the URL to fetch (null: refused at once as invalid) and the host's share. */
    public interface Items<I> extends Serializable {
        String urlOf(I item);

        /** How many tasks the item's host is spread over; its per-host limit is divided by it. */
        default int shareOf(I item) {
            return 1;
        }
    }

    private final FetchOptions options;
    private final Items<I> items;
    private final BodyHandler<I, R> handler;
    private final long backlogBytes;
    private final LongAccumulator cpuNanos;

    /**
     * @param cpuNanos where each task adds the CPU time its executor's JVM spent while the
     *                 run's tasks ran there (see {@link CpuClock}); null to not count
     */
    public FetchPipeline(FetchOptions options, Items<I> items, BodyHandler<I, R> handler,
                         long backlogBytes, LongAccumulator cpuNanos) {
        this.options = options;
        this.items = items;
        this.handler = handler;
        this.backlogBytes = backlogBytes;
        this.cpuNanos = cpuNanos;
    }

    /**
     * Rows for the items of one partition, made as Spark asks for them; {@code onRow} sees each
     * row on the task thread as it is handed out (progress, tallies).
     */
    public Iterator<R> run(Iterator<I> input, Consumer<R> onRow) {
        if (!input.hasNext()) {
            // More tasks than hosts: nothing to start for an empty one.
            return Collections.emptyIterator();
        }
        if (cpuNanos != null) {
            CpuClock.taskStarts(cpuNanos.id());
        }
        TaskContext context = TaskContext.get();
        handler.start(context == null ? 0 : context.partitionId());
        Run run = new Run(input, onRow);
        if (context != null) {
            // A task that fails or is killed mid-way still aborts its requests and stops its handler thread.
            context.addTaskCompletionListener((TaskCompletionListener) ctx -> run.close());
        }
        return run;
    }

    /** A body handed to the handler: its row to come, and the bytes it holds meanwhile. */
    private record Handed<R>(Future<R> row, long bytes) {}

    private final class Run implements Iterator<R> {
        private final Fetcher fetcher = Fetcher.shared(options);
        private final Iterator<Fetched<I>> results;
        private final Consumer<R> onRow;
        private final ExecutorService handling = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "harvest-handler");
            t.setDaemon(true);
            return t;
        });
        private final ArrayDeque<R> ready = new ArrayDeque<>();
        private final ArrayDeque<Handed<R>> backlog = new ArrayDeque<>();
        private long heldBytes;
        private boolean closed;

        Run(Iterator<I> input, Consumer<R> onRow) {
            Function<I, String> urlOf = items::urlOf;
            ToIntFunction<I> shareOf = items::shareOf;
            this.results = fetcher.fetchAll(input, urlOf, shareOf);
            this.onRow = onRow;
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty()) {
                takeHandled(false);
                if (!ready.isEmpty()) {
                    break;
                }
                if (closed) {
                    return false;
                }
                if (results.hasNext()) {
                    accept(results.next());
                } else if (!backlog.isEmpty()) {
                    takeHandled(true);
                } else {
                    handler.finish();
                    close();
                    return false;
                }
            }
            return true;
        }

        @Override
        public R next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            R row = ready.poll();
            onRow.accept(row);
            return row;
        }

        private void accept(Fetched<I> fetched) {
            I item = fetched.item();
            FetchResult result = fetched.result();
            if (!handler.wants(item, result)) {
                ready.add(handler.plain(item, result));
                return;
            }
            long bytes = result.body() == null ? 0 : result.body().length;
            while (!backlog.isEmpty()
                    && (heldBytes + bytes > backlogBytes || backlog.size() >= BACKLOG_ITEMS)) {
                takeHandled(true);
            }
            backlog.add(new Handed<>(handling.submit(() -> handler.handle(item, result)), bytes));
            heldBytes += bytes;
        }

        /** Moves handled rows to the ready ones, in order: those done, or the next one waited for. */
        private void takeHandled(boolean wait) {
            while (!backlog.isEmpty() && (wait || backlog.peek().row().isDone())) {
                Handed<R> h = backlog.poll();
                heldBytes -= h.bytes();
                ready.add(await(h.row()));
                wait = false;
            }
        }

        private R await(Future<R> row) {
            try {
                return row.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while handling a body");
            } catch (ExecutionException e) {
                throw new IllegalStateException("the body handler failed", e.getCause());
            }
        }

        /** Whether the handler thread has stopped (a killed task's last item may still be decoding). */
        private boolean awaitHandler() {
            try {
                return handling.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** Stops the threads and counts the CPU this task's JVM used meanwhile. */
        void close() {
            if (closed) {
                return;
            }
            closed = true;
            handling.shutdownNow();
            try {
                fetcher.close();
            } finally {
                if (awaitHandler()) {
                    handler.close();
                }
                if (cpuNanos != null) {
                    cpuNanos.add(CpuClock.taskEnds(cpuNanos.id()));
                }
            }
        }
    }
}
