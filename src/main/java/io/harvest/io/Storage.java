package io.harvest.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Reads and writes single files on any Hadoop FileSystem. Every write goes to a temp name
 * beside the target and is renamed into place, so a killed or retried task never leaves a
 * half-written file under a real name.
 *
 * <p>Local files go through java.nio: without Hadoop's native library its local file system
 * starts a {@code chmod} process for every file it creates, which costs more than making a
 * thumbnail.
 */
public final class Storage {
    /** The names {@link #tempName} gives. */
    private static final Pattern TEMP_NAME = Pattern.compile(
            "\\..+\\.\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}\\.tmp");

    private Storage() {}

    /**
     * The file system of a path. For local paths the raw one: the checksummed local file
     * system would put a {@code .crc} file beside every thumbnail.
     */
    public static FileSystem fileSystem(Path path, Configuration conf) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    }

    /** The path as a full URI string ({@code file:/abs/path}, {@code hdfs://nn/path}). */
    public static String qualify(String path, Configuration conf) {
        try {
            Path p = new Path(path);
            return fileSystem(p, conf).makeQualified(p).toString();
        } catch (IOException | IllegalArgumentException e) {
            throw new io.harvest.HarvestException("bad path " + path + ": " + e.getMessage(), e);
        }
    }

    /** Reads a whole file of a known length, refusing more than {@code maxBytes}. */
    public static byte[] readFully(FileSystem fs, Path path, long length, long maxBytes)
            throws IOException {
        byte[] data = new byte[checkedLength(path, length, maxBytes)];
        readInto(fs, path, data, data.length);
        return data;
    }

    /** The length of a file to be read whole, when it is within {@code maxBytes}. */
    static int checkedLength(Path path, long length, long maxBytes) throws FileTooLargeException {
        if (length > maxBytes || length > Integer.MAX_VALUE - 8) {
            throw new FileTooLargeException(path + " is " + length + " bytes, over the limit of "
                    + maxBytes);
        }
        return (int) length;
    }

    /** Reads the first {@code length} bytes of a file, which has at least that many, into {@code data}. */
    static void readInto(FileSystem fs, Path path, byte[] data, int length) throws IOException {
        java.nio.file.Path local = local(fs, path);
        try {
            if (local != null) {
                try (FileChannel in = FileChannel.open(local)) {
                    ByteBuffer into = ByteBuffer.wrap(data, 0, length);
                    while (into.hasRemaining()) {
                        if (in.read(into) < 0) {
                            throw new EOFException();
                        }
                    }
                }
                return;
            }
            try (FSDataInputStream in = fs.open(path)) {
                in.readFully(0, data, 0, length);
            }
        } catch (EOFException e) {
            throw shorter(path, length);
        }
    }

    private static EOFException shorter(Path path, long length) {
        return new EOFException(path + " is shorter than its listed length " + length
                + " (changed while the job ran?)");
    }

    /** The java.nio path of a file on the local file system; null for any other. */
    private static java.nio.file.Path local(FileSystem fs, Path path) {
        return fs instanceof RawLocalFileSystem raw ? raw.pathToFile(path).toPath() : null;
    }

    /** Reads at most {@code limit} bytes from the start of a file. */
    public static byte[] readHead(FileSystem fs, Path path, int limit) throws IOException {
        java.nio.file.Path local = local(fs, path);
        try (InputStream in = local != null ? Files.newInputStream(local) : fs.open(path)) {
            return in.readNBytes(limit);
        }
    }

    public static void writeAtomically(FileSystem fs, Path target, byte[] data) throws IOException {
        java.nio.file.Path local = local(fs, target);
        if (local != null) {
            writeLocal(local, data);
            return;
        }
        Path temp = tempBeside(target);
        try {
            try (OutputStream out = fs.create(temp, false)) {
                out.write(data);
            }
            replace(fs, temp, target);
        } finally {
            if (fs.exists(temp)) {
                fs.delete(temp, false);
            }
        }
    }

    private static void writeLocal(java.nio.file.Path target, byte[] data) throws IOException {
        // createDirectories on a folder that is there throws and catches an exception: stat first.
        if (!Files.isDirectory(target.getParent())) {
            Files.createDirectories(target.getParent());
        }
        java.nio.file.Path temp = target.resolveSibling(tempName(target.getFileName().toString()));
        try {
            Files.write(temp, data, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** A hidden, unique path beside {@code target} for a file while it is written. */
    public static Path tempBeside(Path target) {
        return new Path(target.getParent(), tempName(target.getName()));
    }

    /** A hidden, unique name beside {@code name} for the file while it is written. */
    private static String tempName(String name) {
        return "." + name + "." + UUID.randomUUID() + ".tmp";
    }

    /**
     * Deletes the temp files of writes that never finished anywhere under a folder, and says how
     * many: a task killed with its executor (kill -9, a lost machine) had no chance to. For the
     * end of a job, when none of its tasks is still writing.
     */
    public static int removeUnfinishedWrites(String folder, Configuration conf) throws IOException {
        Path root = new Path(folder);
        FileSystem fs = fileSystem(root, conf);
        if (!fs.exists(root)) {
            return 0;
        }
        int removed = 0;
        RemoteIterator<? extends FileStatus> files = FileListing.filesUnder(fs, root);
        while (files.hasNext()) {
            Path file = files.next().getPath();
            if (TEMP_NAME.matcher(file.getName()).matches() && fs.delete(file, false)) {
                removed++;
            }
        }
        return removed;
    }

    /** Renames a finished file into place, over the file already there, if any. */
    public static void replace(FileSystem fs, Path source, Path target) throws IOException {
        if (!fs.rename(source, target)) {
            // Some file systems (HDFS) refuse to rename over an existing file: a retried
            // task or a re-run replacing its own earlier output.
            fs.delete(target, false);
            if (!fs.rename(source, target)) {
                throw new IOException("could not rename " + source + " to " + target);
            }
        }
    }

    public static void writeAtomically(FileSystem fs, Path target, String text) throws IOException {
        writeAtomically(fs, target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A file over the size the job accepts. */
    public static final class FileTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        public FileTooLargeException(String message) {
            super(message);
        }
    }
}
