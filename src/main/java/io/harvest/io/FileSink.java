package io.harvest.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A folder of files: each entry at {@code <root>/<kind>/<key>[.<extension>]}, written under a
 * temp name and renamed into place, so a retried task rewrites a file whole, never tears it.
 */
public final class FileSink implements Sink {
    private final Path root;
    private final FileSystem fs;

    public FileSink(String root, Configuration conf) throws IOException {
        this.root = new Path(root);
        this.fs = Storage.fileSystem(this.root, conf);
    }

    /** Where an entry of {@code key} goes. */
    public Path pathOf(String key, Entry entry) {
        return pathOf(root, key, entry.kind(), entry.extension());
    }

    /** Where an entry goes under {@code root}: for planning and resume checks, before any write. */
    public static Path pathOf(Path root, String key, String kind, String extension) {
        String name = extension == null ? key : key + "." + extension;
        return OutputNames.under(kind == null ? root : new Path(root, kind), name);
    }

    public FileSystem fileSystem() {
        return fs;
    }

    @Override
    public List<String> put(String key, List<Entry> entries) throws IOException {
        List<Path> targets = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            // Every name is checked before the first write: an unsafe key writes nothing.
            targets.add(pathOf(key, e));
        }
        List<String> written = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            Storage.writeAtomically(fs, targets.get(i), entries.get(i).bytes());
            written.add(targets.get(i).toString());
        }
        return written;
    }

    @Override
    public void commit() {
        // Each file was in place as soon as it was written.
    }

    @Override
    public void close() {
        // Nothing held.
    }
}
