package io.harvest.fetch;

import io.harvest.net.FetchOptions;
import io.harvest.net.FetchResult;
import io.harvest.net.Fetched;
import io.harvest.net.Fetcher;
import io.harvest.spark.ProgressCounter;
import io.harvest.spark.Tally;
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
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.TaskCompletionListener;

/**
 * The work of one fetch task: its items fetched by one {@link Fetcher}, many in flight, and
 * one manifest row made for each, whatever happens to it.
 *
 * <p>Where the work runs: the fetcher's scheduler runs on the task thread, inside its
 * iterator, and starts new requests only there; the HTTP client's threads only move bytes.
 * So the task thread must come back to the fetcher quickly: HTML pages are parsed on a
 * parser thread of the task's own, and the task thread only hands them over and passes
 * finished rows to Spark. A slow parse delays its own row, never the fetching; only when
 * the unparsed bodies waiting pass {@link #BACKLOG_BYTES} (parsing cannot keep up) does the
 * task thread wait for the parser.
 */
final class FetchTask implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Unparsed bodies held at most, before fetching waits for the parser. */
    static final long BACKLOG_BYTES = 64L << 20;
    /** Pages waiting for the parser at most, however small. */
    static final int BACKLOG_PAGES = 4096;

    private final FetchOptions options;
    private final PageParser parser;
    private final FetchRows rows;
    private final ProgressCounter progress;
    private final LongAccumulator cpuNanos;
    private final Tally tally;

    FetchTask(FetchOptions options, PageParser parser, FetchRows rows, ProgressCounter progress,
              LongAccumulator cpuNanos, Tally tally) {
        this.options = options;
        this.parser = parser;
        this.rows = rows;
        this.progress = progress;
        this.cpuNanos = cpuNanos;
        this.tally = tally;
    }

    /** Rows for the items of one partition, made as Spark asks for them. */
    Iterator<Row> run(Iterator<Row> items) {
        if (!items.hasNext()) {
            // More tasks than hosts: no client to start for an empty one.
            return Collections.emptyIterator();
        }
        CpuClock.taskStarts(cpuNanos.id());
        Run run = new Run(items);
        TaskContext context = TaskContext.get();
        if (context != null) {
            // A task that fails or is killed mid-way still stops its client and parser threads.
            context.addTaskCompletionListener((TaskCompletionListener) ctx -> run.close());
        }
        return run;
    }

    /**
     * The URL to request: none for an unusable input record, which the fetcher then answers
     * as invalid at once, without a request (its row says why: {@link FetchRows#invalid}).
     */
    private static String urlOf(Row item) {
        return item.isNullAt(WorkItems.ERROR) ? item.getString(WorkItems.URL) : null;
    }

    /** A page handed to the parser: its row to come, and the body bytes it holds meanwhile. */
    private record Pending(Future<Row> row, long bytes) {}

    private final class Run implements Iterator<Row> {
        private final Fetcher fetcher = new Fetcher(options);
        private final Iterator<Fetched<Row>> results;
        private final ExecutorService parsing = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "harvest-parse");
            t.setDaemon(true);
            return t;
        });
        private final ArrayDeque<Row> ready = new ArrayDeque<>();
        private final ArrayDeque<Pending> backlog = new ArrayDeque<>();
        private long backlogBytes;
        private boolean closed;

        Run(Iterator<Row> items) {
            results = fetcher.fetchAll(items, FetchTask::urlOf);
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty()) {
                takeParsed(false);
                if (!ready.isEmpty()) {
                    break;
                }
                if (closed) {
                    return false;
                }
                if (results.hasNext()) {
                    accept(results.next());
                } else if (!backlog.isEmpty()) {
                    takeParsed(true);
                } else {
                    close();
                    return false;
                }
            }
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row row = ready.poll();
            FetchRows.tally(row, tally);
            return row;
        }

        private void accept(Fetched<Row> fetched) {
            Row item = fetched.item();
            FetchResult result = fetched.result();
            boolean unusable = !item.isNullAt(WorkItems.ERROR);
            progress.finished(unusable || !result.ok());
            if (unusable) {
                ready.add(rows.invalid(item));
            } else if (result.ok() && result.body() != null
                    && PageParser.isHtml(result.contentType(), result.body())) {
                parse(item, result);
            } else {
                ready.add(rows.fetched(item, result, null, null));
            }
        }

        private void parse(Row item, FetchResult result) {
            long bytes = result.body().length;
            while (!backlog.isEmpty()
                    && (backlogBytes + bytes > BACKLOG_BYTES || backlog.size() >= BACKLOG_PAGES)) {
                takeParsed(true);
            }
            backlog.add(new Pending(parsing.submit(() -> parsedRow(item, result)), bytes));
            backlogBytes += bytes;
        }

        /** Runs on the parser thread; a page jsoup chokes on is an ok row with an error. */
        private Row parsedRow(Row item, FetchResult result) {
            String base = result.finalUrl() != null ? result.finalUrl() : item.getString(WorkItems.URL);
            try {
                HtmlPage page = parser.parse(result.body(), result.contentType(), base);
                return rows.fetched(item, result, page, null);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                return rows.fetched(item, result, null, "HTML not parsed: " + e);
            }
        }

        /** Moves parsed rows to the ready ones, in order: those done, or the next one waited for. */
        private void takeParsed(boolean wait) {
            while (!backlog.isEmpty() && (wait || backlog.peek().row().isDone())) {
                Pending p = backlog.poll();
                backlogBytes -= p.bytes();
                ready.add(await(p.row()));
                wait = false;
            }
        }

        private Row await(Future<Row> row) {
            try {
                return row.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while parsing");
            } catch (ExecutionException e) {
                throw new IllegalStateException("the parser failed", e.getCause());
            }
        }

        /** Stops the threads and counts the CPU this task's JVM used meanwhile. */
        void close() {
            if (closed) {
                return;
            }
            closed = true;
            parsing.shutdownNow();
            fetcher.close();
            cpuNanos.add(CpuClock.taskEnds(cpuNanos.id()));
        }
    }
}
