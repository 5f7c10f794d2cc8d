package io.harvest.thumbnails;

import io.harvest.image.ImageException;
import io.harvest.image.ImageHeaders;
import io.harvest.image.ImageInfo;
import io.harvest.image.ResizeMode;
import io.harvest.image.Thumbnail;
import io.harvest.image.Thumbnailer;
import io.harvest.image.ThumbnailSize;
import io.harvest.image.Thumbnails;
import io.harvest.io.FileSink;
import io.harvest.io.HadoopConf;
import io.harvest.io.OutputNames;
import io.harvest.io.ReadBuffer;
import io.harvest.io.Sink;
import io.harvest.io.Storage;
import io.harvest.job.Status;
import io.harvest.spark.CpuClock;
import io.harvest.spark.ProgressCounter;
import io.harvest.spark.Tally;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * The work of one task: each source read once, decoded once, every size encoded and written
 * under a temp name then renamed. Every item yields exactly one row, whatever happens to it.
 */
final class ThumbnailTask implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Enough of a source to hold its header and EXIF block, for the resume check. */
    private static final int HEADER_BYTES = 256 * 1024;

    private final ThumbnailsConfig config;
    private final HadoopConf hadoop;
    private final ProgressCounter progress;
    private final Tally tally;
    private final LongAccumulator cpuNanos;

    /**
     * @param cpuNanos where each task adds the CPU time its executor's JVM spent while the run's
     *                 tasks ran there (see {@link CpuClock})
     */
    ThumbnailTask(ThumbnailsConfig config, HadoopConf hadoop, ProgressCounter progress, Tally tally,
                  LongAccumulator cpuNanos) {
        this.config = config;
        this.hadoop = hadoop;
        this.progress = progress;
        this.tally = tally;
        this.cpuNanos = cpuNanos;
    }

    /** Rows for the items of one partition, made one at a time as Spark asks for them. */
    Iterator<Row> run(Iterator<PlannedItem> items) throws IOException {
        FileSink sink = new FileSink(config.output(), hadoop.get());
        Thumbnailer thumbnailer = new Thumbnailer(config.spec());
        ReadBuffer reads = new ReadBuffer();
        CpuClock.taskStarts(cpuNanos.id());
        return new Iterator<>() {
            private boolean open = true;

            @Override
            public boolean hasNext() {
                boolean more = items.hasNext();
                if (!more && open) {
                    thumbnailer.close();
                    open = false;
                    cpuNanos.add(CpuClock.taskEnds(cpuNanos.id()));
                }
                return more;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return process(thumbnailer, sink, reads, items.next());
            }
        };
    }

    private Row process(Thumbnailer thumbnailer, FileSink sink, ReadBuffer reads, PlannedItem item) {
        long start = System.nanoTime();
        Row row;
        String status;
        try {
            List<Path> targets = targets(item);
            row = config.resume() ? keptOrNull(item, targets, start) : null;
            if (row == null) {
                row = make(thumbnailer, sink, reads, item, start);
            }
            status = row.getString(ManifestRows.STATUS);
        } catch (OutputNames.UnsafeNameException e) {
            status = Status.INVALID_NAME.label();
            row = ManifestRows.failed(item, status, e.getMessage(), millisSince(start));
        } catch (ImageException e) {
            status = e.failure().label();
            row = ManifestRows.failed(item, status, e.getMessage(), millisSince(start));
        } catch (Storage.FileTooLargeException e) {
            status = Status.TOO_LARGE.label();
            row = ManifestRows.failed(item, status, e.getMessage(), millisSince(start));
        } catch (IOException e) {
            status = Status.IO_ERROR.label();
            row = ManifestRows.failed(item, status, describe(e), millisSince(start));
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            // A bug or a decoder's surprise on a hostile file: one failed row, not a failed job.
            status = Status.INTERNAL_ERROR.label();
            row = ManifestRows.failed(item, status, describe(e), millisSince(start));
        }
        progress.finished(Status.ofLabel(status).map(Status::failed).orElse(true));
        ManifestRows.tally(row, tally);
        return row;
    }

    private Row make(Thumbnailer thumbnailer, FileSink sink, ReadBuffer reads, PlannedItem item, long start)
            throws IOException, ImageException {
        Path source = new Path(item.source().path());
        FileSystem in = Storage.fileSystem(source, hadoop.get());
        long length = item.source().size();
        byte[] data = reads.read(in, source, length, config.maxFileBytes());
        // The format planned from the name: the output names were fixed before any read.
        Thumbnails made = thumbnailer.make(data, (int) length, item.format());
        List<Sink.Entry> entries = new ArrayList<>(made.images().size());
        for (Thumbnail t : made.images()) {
            entries.add(new Sink.Entry(t.size().toString(), null, t.bytes()));
        }
        List<String> paths = sink.put(item.outputName(), entries);
        return ManifestRows.made(item, Status.OK.label(), made, ManifestRows.written(made.images(), paths),
                millisSince(start));
    }

    /**
     * A "skipped" row when every thumbnail of the item is already there with the size this
     * source gives; null when anything must be made again.
     */
    private Row keptOrNull(PlannedItem item, List<Path> targets, long start) throws IOException {
        FileSystem out = Storage.fileSystem(targets.get(0), hadoop.get());
        for (Path t : targets) {
            if (!out.exists(t)) {
                return null;
            }
        }
        Path source = new Path(item.source().path());
        ImageInfo info;
        try {
            info = ImageHeaders.probe(Storage.readHead(Storage.fileSystem(source, hadoop.get()),
                    source, HEADER_BYTES));
        } catch (ImageException e) {
            return null;
        }
        List<ManifestRows.Written> written = new ArrayList<>();
        List<Thumbnail> none = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            ThumbnailSize size = config.spec().sizes().get(i);
            ResizeMode.Geometry g = config.spec().geometry(size, info.displayWidth(), info.displayHeight());
            int[] expected = {g.width(), g.height()};
            Path t = targets.get(i);
            long length = out.getFileStatus(t).getLen();
            try {
                ImageInfo thumb = ImageHeaders.probe(Storage.readHead(out, t, HEADER_BYTES));
                if (thumb.width() != expected[0] || thumb.height() != expected[1]) {
                    return null;
                }
            } catch (ImageException e) {
                return null;
            }
            written.add(new ManifestRows.Written(size.toString(), t.toString(), expected[0], expected[1], length));
        }
        Thumbnails kept = new Thumbnails(info.format(), info.displayWidth(), info.displayHeight(),
                null, none);
        return ManifestRows.made(item, Status.SKIPPED.label(), kept, written, millisSince(start));
    }

    private List<Path> targets(PlannedItem item) {
        List<Path> targets = new ArrayList<>();
        for (ThumbnailSize size : config.spec().sizes()) {
            targets.add(FileSink.pathOf(new Path(config.output()), item.outputName(), size.toString(), null));
        }
        return targets;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
