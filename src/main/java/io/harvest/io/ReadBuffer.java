package io.harvest.io;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Whole-file reads into one array kept from one file to the next, for a task that reads
 * thousands: a fresh array per file is hundreds of MB a second for the allocator to zero and
 * the collector to sweep. Not thread-safe; one per task.
 */
public final class ReadBuffer {
    /**
     * Arrays up to this size (camera JPEGs are under it) are kept for the next file; a larger
     * file gets one of its own, so a task holds at most this much between files.
     */
    private static final int KEPT_BYTES = 32 << 20;

    private byte[] array = new byte[0];

    /**
     * Reads a whole file of a known length, refusing more than {@code maxBytes}, into an array
     * whose first {@code length} bytes are the file. The array is valid until the next read.
     */
    public byte[] read(FileSystem fs, Path path, long length, long maxBytes) throws IOException {
        int size = Storage.checkedLength(path, length, maxBytes);
        byte[] into = array.length >= size ? array : new byte[Math.max(size, Math.min(2 * array.length, KEPT_BYTES))];
        Storage.readInto(fs, path, into, size);
        if (into.length <= KEPT_BYTES) {
            array = into;
        }
        return into;
    }
}
