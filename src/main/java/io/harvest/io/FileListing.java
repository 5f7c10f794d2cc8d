package io.harvest.io;

import io.harvest.HarvestException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Lists the input files of a job on any Hadoop file system: a folder (recursively), a single
 * file, or a glob. Only names and sizes travel to the driver; contents are read by tasks.
 */
public final class FileListing {
    private FileListing() {}

    /** True for strings Hadoop's globber would expand. */
    public static boolean isGlob(String input) {
        return input.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    /**
     * Lists the files under {@code input} whose extension is in {@code extensions} (lower
     * case, without the dot), sorted by relative path. Hidden files and folders (names
     * starting with '.') are skipped: Harvest's own temp files are among them.
     *
     * @throws HarvestException when the input does not exist or matches nothing at all
     */
    public static List<SourceFile> list(String input, Set<String> extensions, Configuration conf) {
        Path path = new Path(input);
        try {
            FileSystem fs = Storage.fileSystem(path, conf);
            List<SourceFile> files = new ArrayList<>();
            if (isGlob(input)) {
                FileStatus[] matches = fs.globStatus(path);
                if (matches == null || matches.length == 0) {
                    throw new HarvestException("input not found: no file matches " + input);
                }
                Path root = fs.makeQualified(globRoot(path));
                for (FileStatus match : matches) {
                    addAll(fs, match, root, extensions, files);
                }
            } else {
                FileStatus status;
                try {
                    status = fs.getFileStatus(path);
                } catch (FileNotFoundException e) {
                    throw new HarvestException("input not found: " + input);
                }
                Path root = status.isDirectory() ? status.getPath() : status.getPath().getParent();
                addAll(fs, status, root, extensions, files);
            }
            files.sort(Comparator.comparing(SourceFile::relative));
            return files;
        } catch (IOException e) {
            throw new HarvestException("cannot list input " + input + ": " + e.getMessage(), e);
        }
    }

    private static void addAll(FileSystem fs, FileStatus status, Path root, Set<String> extensions,
                               List<SourceFile> out) throws IOException {
        if (!status.isDirectory()) {
            add(status, root, extensions, out);
            return;
        }
        RemoteIterator<? extends FileStatus> it = filesUnder(fs, status.getPath());
        while (it.hasNext()) {
            add(it.next(), root, extensions, out);
        }
    }

    /**
     * Every file under {@code dir}, recursively, listed as it is read. On object stores (s3a, gs,
     * abfs) one flat listing, not a request per folder. On local disks a walk of the folders
     * through java.nio, one stat per entry: Hadoop's listFiles makes a LocatedFileStatus of each
     * file, whose permissions the local file system reads by starting an {@code ls} process (a
     * minute of CPU for a few thousand files), and even its plain listing costs 75 us a file,
     * time in which every core waits at the start and the end of a job.
     * Hidden folders ('.' names) are not entered there: nothing Harvest reads or writes is in one.
     */
    public static RemoteIterator<? extends FileStatus> filesUnder(FileSystem fs, Path dir)
            throws IOException {
        if (!(fs instanceof RawLocalFileSystem raw)) {
            return fs.listFiles(dir, true);
        }
        Deque<Path> folders = new ArrayDeque<>(List.of(fs.makeQualified(dir)));
        Deque<FileStatus> files = new ArrayDeque<>();
        long blockSize = fs.getDefaultBlockSize(dir);
        return new RemoteIterator<FileStatus>() {
            @Override
            public boolean hasNext() throws IOException {
                while (files.isEmpty() && !folders.isEmpty()) {
                    Path folder = folders.pop();
                    try (DirectoryStream<java.nio.file.Path> entries =
                                 Files.newDirectoryStream(raw.pathToFile(folder).toPath())) {
                        for (java.nio.file.Path entry : entries) {
                            String name = entry.getFileName().toString();
                            // A name with ':' is a relative path, not a URI scheme.
                            Path child = new Path(folder, new Path(null, null, name));
                            BasicFileAttributes attributes;
                            try {
                                attributes = Files.readAttributes(entry, BasicFileAttributes.class);
                            } catch (NoSuchFileException gone) {
                                continue;  // deleted since the folder was read
                            }
                            if (!attributes.isDirectory()) {
                                files.add(new FileStatus(attributes.size(), false, 1, blockSize,
                                        attributes.lastModifiedTime().toMillis(), child));
                            } else if (!name.startsWith(".")) {
                                folders.push(child);
                            }
                        }
                    }
                }
                return !files.isEmpty();
            }

            @Override
            public FileStatus next() throws IOException {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return files.poll();
            }
        };
    }

    private static void add(FileStatus status, Path root, Set<String> extensions,
                            List<SourceFile> out) {
        String relative = relativize(root, status.getPath());
        if (isHidden(relative) || !extensions.contains(extension(relative))) {
            return;
        }
        out.add(new SourceFile(status.getPath().toString(), relative, status.getLen(),
                status.getModificationTime()));
    }

    /** The lower-case extension of a name, without its dot; "" when there is none. */
    public static String extension(String name) {
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        return dot > slash + 1 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    private static boolean isHidden(String relative) {
        for (String segment : relative.split("/")) {
            if (segment.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** The folder a glob's matches are named relative to: its part before the first wildcard. */
    static Path globRoot(Path glob) {
        Path root = glob;
        while (root.getParent() != null && isGlob(root.toUri().getPath())) {
            root = root.getParent();
        }
        return root;
    }

    static String relativize(Path root, Path file) {
        String base = root.toUri().getPath();
        String full = file.toUri().getPath();
        if (!base.endsWith("/")) {
            base = base + "/";
        }
        if (!full.startsWith(base)) {
            return file.getName();
        }
        return full.substring(base.length());
    }
}
