package io.harvest.net;

import java.io.Serializable;

/**
 * What a job does with each fetched item, for {@link FetchPipeline}: a handler decides which
 * results need real work (an HTML page to parse, an image to thumbnail), does that work off
 * the task thread, and makes the row of every other result at once. One small interface, as
 * a crawler's parse filters: the fetching around it is the same for every job.
 *
 * @param <I> the work item
 * @param <R> what comes out per item (a manifest row)
 */
public interface BodyHandler<I, R> extends Serializable {
    /** True when {@link #handle} should do real work on this result's body. Runs on the task thread. */
    boolean wants(I item, FetchResult result);

    /**
     * The row of a wanted result: runs on a handler thread, so it may take CPU time. It must
     * not throw: a body it chokes on is a row saying so.
     */
    R handle(I item, FetchResult result);

    /** The row of a result not wanted (a failure, a body not kept): runs on the task thread, quickly. */
    R plain(I item, FetchResult result);

    /** Called on the task thread before the first item: the task's partition (names its output). */
    default void start(int partition) {}

    /**
     * Called on the task thread once every item's row is made, before {@link #close}: makes the
     * task's output visible (a shard renamed into place). Not called when the task fails.
     */
    default void finish() {}

    /**
     * Called once when the task ends, after the last {@link #handle}: frees what the handler
     * kept between items (decoders, buffers). {@link #handle} runs on one thread per task, so
     * that state needs no locks.
     */
    default void close() {}
}
