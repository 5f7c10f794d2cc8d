package io.harvest.io;

import java.io.IOException;
import java.util.List;

/**
 * Where a task's output files go: a folder of files ({@link FileSink}), a WebDataset tar shard
 * per task ({@link TarShardSink}), or nowhere but the manifest's own rows (Parquet output).
 * One per task; not thread-safe. Nothing half-written is ever visible: files are renamed into
 * place, shards are renamed when the task commits, and an uncommitted shard is deleted.
 */
public interface Sink extends AutoCloseable {
    /**
     * One file of an item.
     *
     * @param kind      what it is: a size ({@code 256x256}), {@code original}; null for the
     *                  item's own {@code json} and {@code txt} beside its images
     * @param extension without the dot: {@code jpg}, {@code json}; null for none
     */
    record Entry(String kind, String extension, byte[] bytes) {}

    /**
     * Stores one item's entries under {@code key} (a relative name, checked not to leave the
     * output); returns where each went, in order: a path, or a name inside a shard.
     */
    List<String> put(String key, List<Entry> entries) throws IOException;

    /** All of the task's items are in: makes them visible (a shard is renamed into place). */
    void commit() throws IOException;

    /** Drops what was not committed; harmless after {@link #commit}. */
    @Override
    void close();
}
