package io.harvest.images;

import io.harvest.image.ImageException;
import io.harvest.image.ImageHeaders;
import io.harvest.image.ImageInfo;
import io.harvest.image.Thumbnail;
import io.harvest.image.Thumbnailer;
import io.harvest.image.Thumbnails;
import io.harvest.io.FileSink;
import io.harvest.io.HadoopConf;
import io.harvest.io.OutputNames;
import io.harvest.io.Sink;
import io.harvest.io.TarShardSink;
import io.harvest.items.WorkItem;
import io.harvest.job.Status;
import io.harvest.net.BodyHandler;
import io.harvest.net.FetchResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The images job's {@link BodyHandler}: each downloaded body, on the task's handler thread,
 * checked against the opt-outs, told an image by its signature, filtered from its header,
 * decoded once for every size and stored through the task's {@link Sink}. Every item yields
 * exactly one row, whatever happens to it.
 */
final class ImageHandler implements BodyHandler<WorkItem, Row> {
    private static final long serialVersionUID = 1L;

    private final ImagesConfig config;
    private final ImageRows rows;
    private final StructType schema;
    private final int captionAt;
    private final String runId;
    private final HadoopConf hadoop;
    private final String agentToken;

    // Per task: made on the task's handler thread, dropped when the task ends.
    private transient Thumbnailer thumbnailer;
    private transient Sink sink;
    private transient int partition;

    /**
     * @param captionAt where the caption is among the carried columns; -1 for none
     * @param runId     names this run's shards, so that a re-run never overwrites shards whose
     *                  items it keeps
     */
    ImageHandler(ImagesConfig config, ImageRows rows, StructType schema, int captionAt, String runId,
                 HadoopConf hadoop) {
        this.config = config;
        this.rows = rows;
        this.schema = schema;
        this.captionAt = captionAt;
        this.runId = runId;
        this.hadoop = hadoop;
        this.agentToken = OptOut.token(config.fetch().userAgent());
    }

    @Override
    public void start(int taskPartition) {
        this.partition = taskPartition;
    }

    @Override
    public boolean wants(WorkItem item, FetchResult result) {
        return item.gaveBody(result);
    }

    @Override
    public Row plain(WorkItem item, FetchResult result) {
        if (item.unreadable() != null) {
            return rows.unreadable(item);
        }
        return rows.withoutImages(item, result, result.status(), result.error(), 0);
    }

    @Override
    public Row handle(WorkItem item, FetchResult result) {
        long start = System.nanoTime();
        try {
            String optOut = config.ignoreOptOut() ? null : OptOut.directive(result.robotsTag(), agentToken);
            if (optOut != null) {
                return rows.withoutImages(item, result, Status.OPTED_OUT, "X-Robots-Tag: " + optOut, millisSince(start));
            }
            byte[] data = result.body();
            ImageInfo info = ImageHeaders.probe(data);
            Row refused = filtered(item, result, info, start);
            if (refused != null) {
                return refused;
            }
            Thumbnails made = thumbnailer().make(data);
            return store(item, result, made, info, data, start);
        } catch (ImageException e) {
            return rows.withoutImages(item, result, e.failure(), e.getMessage(), millisSince(start));
        } catch (OutputNames.UnsafeNameException e) {
            return rows.withoutImages(item, result, Status.INVALID_NAME, e.getMessage(), millisSince(start));
        } catch (IOException e) {
            return rows.withoutImages(item, result, Status.IO_ERROR, describe(e), millisSince(start));
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            // A bug or a decoder's surprise on hostile bytes: one failed row, not a failed job.
            return rows.withoutImages(item, result, Status.INTERNAL_ERROR, describe(e), millisSince(start));
        }
    }

    /** The row of an image the filters refuse from its header; null when it passes. */
    private Row filtered(WorkItem item, FetchResult result, ImageInfo info, long start) {
        int shorter = Math.min(info.displayWidth(), info.displayHeight());
        int longer = Math.max(info.displayWidth(), info.displayHeight());
        String size = info.displayWidth() + "x" + info.displayHeight();
        ImagesConfig.Filters f = config.filters();
        if (f.minSize() > 0 && shorter < f.minSize()) {
            return rows.withoutImages(item, result, Status.TOO_SMALL,
                    size + ": shorter side under --min-size " + f.minSize(), millisSince(start));
        }
        if (f.maxAspectRatio() > 0 && (double) longer / Math.max(1, shorter) > f.maxAspectRatio()) {
            return rows.withoutImages(item, result, Status.BAD_ASPECT,
                    size + ": aspect ratio over --max-aspect-ratio " + f.maxAspectRatio(), millisSince(start));
        }
        return null;
    }

    private Row store(WorkItem item, FetchResult result, Thumbnails made, ImageInfo info, byte[] data,
                      long start) throws IOException {
        if (config.sink() == ImagesConfig.SinkKind.PARQUET) {
            return rows.made(item, result, made, null, millisSince(start));
        }
        List<Sink.Entry> entries = new ArrayList<>();
        for (Thumbnail t : made.images()) {
            entries.add(new Sink.Entry(t.size().toString(), t.format().extension(), t.bytes()));
        }
        if (config.keepOriginal()) {
            entries.add(new Sink.Entry("original", extensionOf(info.format()), data));
        }
        boolean shard = config.sink() == ImagesConfig.SinkKind.WEBDATASET;
        String key = ImageRows.key(item.item());
        List<String> paths = sink().put(shard ? key : ImageRows.shardFolder(item.item()) + "/" + key, entries);
        Row row = rows.made(item, result, made, paths, millisSince(start));
        if (shard) {
            List<Sink.Entry> sample = new ArrayList<>(List.of(new Sink.Entry(null, "json", SampleJson.of(schema, row))));
            Object caption = captionAt < 0 ? null : item.carried().get(captionAt);
            if (caption != null) {
                sample.add(new Sink.Entry(null, "txt", caption.toString().getBytes(StandardCharsets.UTF_8)));
            }
            sink.put(key, sample);
        }
        return row;
    }

    private static String extensionOf(String format) {
        return format.equals("jpeg") ? "jpg" : format.toLowerCase(Locale.ROOT);
    }

    private Thumbnailer thumbnailer() {
        if (thumbnailer == null) {
            thumbnailer = new Thumbnailer(config.spec());
        }
        return thumbnailer;
    }

    private Sink sink() throws IOException {
        if (sink == null) {
            sink = switch (config.sink()) {
                case FILES -> new FileSink(config.output(), hadoop.get());
                case WEBDATASET -> new TarShardSink(ImagesJob.shardsFolder(config.output()),
                        String.format(Locale.ROOT, "%s-%05d", runId, partition), hadoop.get());
                case PARQUET -> throw new IllegalStateException("Parquet output keeps bytes in rows");
            };
        }
        return sink;
    }

    /** Every item is in: the shard is renamed into place. */
    @Override
    public void finish() {
        try {
            if (sink != null) {
                sink.commit();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit the task's output", e);
        }
    }

    @Override
    public void close() {
        if (thumbnailer != null) {
            thumbnailer.close();
            thumbnailer = null;
        }
        if (sink != null) {
            sink.close();
            sink = null;
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
