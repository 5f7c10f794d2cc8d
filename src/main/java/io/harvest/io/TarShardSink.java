package io.harvest.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One WebDataset shard per task: a tar at {@code <folder>/<shard>.tar} whose samples are the
 * entries of each key, {@code <key>.<kind>.<extension>} ({@code 000000042.256x256.jpg}) and
 * {@code <key>.<extension>} for the sample's own {@code json} and {@code txt}. Written under a
 * hidden temp name and renamed by {@link #commit}: a retried task replaces the shard whole,
 * and a failed one leaves none (its temp file is deleted on {@link #close}).
 */
public final class TarShardSink implements Sink {
    private final FileSystem fs;
    private final Path target;
    private final Path temp;
    private TarArchiveOutputStream tar;
    private boolean committed;

    public TarShardSink(String folder, String shard, Configuration conf) throws IOException {
        this.target = OutputNames.under(new Path(folder), shard + ".tar");
        this.fs = Storage.fileSystem(target, conf);
        this.temp = Storage.tempBeside(target);
    }

    /** The shard's path once committed. */
    public Path target() {
        return target;
    }

    @Override
    public List<String> put(String key, List<Entry> entries) throws IOException {
        OutputNames.check(key);
        if (key.contains(".") || key.contains("/")) {
            // WebDataset splits a member name at its first dot after the last slash.
            throw new IllegalArgumentException("a shard key has no '.' or '/': " + key);
        }
        if (tar == null) {
            OutputStream out = fs.create(temp, false);
            tar = new TarArchiveOutputStream(out);
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        }
        List<String> names = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            String name = key + (e.kind() == null ? "" : "." + e.kind())
                    + (e.extension() == null ? "" : "." + e.extension());
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(e.bytes().length);
            tar.putArchiveEntry(entry);
            tar.write(e.bytes());
            tar.closeArchiveEntry();
            names.add(target.getName() + "/" + name);
        }
        return names;
    }

    /** Finishes the tar and renames it into place; a task with no items writes no shard. */
    @Override
    public void commit() throws IOException {
        if (tar == null || committed) {
            return;
        }
        tar.finish();
        tar.close();
        Storage.replace(fs, temp, target);
        committed = true;
    }

    @Override
    public void close() {
        if (tar == null || committed) {
            return;
        }
        try {
            tar.close();
        } catch (IOException e) {
            // The temp file is dropped below either way.
        }
        try {
            fs.delete(temp, false);
        } catch (IOException e) {
            // A leftover hidden temp file is ignored by readers (its name starts with '.').
        }
    }
}
