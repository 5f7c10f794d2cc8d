package io.harvest.images;

import io.harvest.image.ThumbnailSpec;
import io.harvest.items.InputFormat;
import io.harvest.job.Status;
import io.harvest.net.FetchOptions;
import io.harvest.net.KeepBodies;
import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the images job needs to run.
 *
 * @param input         a URL list: file, folder or glob on any Hadoop file system
 * @param inputFormat   its format; {@link InputFormat#AUTO} tells it from the file names
 * @param urlColumn     the column holding the URL, for every format but text
 * @param captionColumn the text stored beside each image in shards; null for {@code caption}
 *                      when the input has it
 * @param output        the output folder
 * @param partitions    tasks; 0 for the cluster's default parallelism
 * @param spec          the thumbnails: sizes, resize mode, format, quality, pixel cap
 * @param filters       items refused from their header, before decoding
 * @param sink          how the images are stored
 * @param keepOriginal  store the downloaded bytes too
 * @param rerun         what a re-run over an existing output keeps
 * @param ignoreOptOut  keep images whose X-Robots-Tag opts out
 * @param links         with --links-from, where the input pages' image URLs are found; null
 *                      when the input lists the images themselves
 * @param fetch         how to fetch (every body is kept: the job decides what to do with it);
 *                      its extra headers go to the input's URLs only
 */
public record ImagesConfig(String input, InputFormat inputFormat, String urlColumn, String captionColumn,
                           String output, int partitions, ThumbnailSpec spec, Filters filters,
                           SinkKind sink, boolean keepOriginal, Rerun rerun, boolean ignoreOptOut,
                           LinkSource links, FetchOptions fetch) implements Serializable {

    public ImagesConfig {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(inputFormat, "inputFormat");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(filters, "filters");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(rerun, "rerun");
        Objects.requireNonNull(fetch, "fetch");
        if (urlColumn == null || urlColumn.isBlank()) {
            throw new IllegalArgumentException("the URL column must be named");
        }
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions must be 0 (auto) or more: " + partitions);
        }
        if (links != null && rerun.active()) {
            throw new IllegalArgumentException("--resume and --only-failed do not work with --links-from yet");
        }
    }

    /** A config with the defaults for everything but these. */
    public static ImagesConfig of(String input, String output, ThumbnailSpec spec) {
        return new ImagesConfig(input, InputFormat.AUTO, "url", null, output, 0, spec, Filters.NONE,
                SinkKind.FILES, false, Rerun.NONE, false, null, FetchOptions.defaults());
    }

    /**
     * The fetch options of the input's URLs: every successful body is kept (for the
     * thumbnailer, or to find links in), with the extra headers.
     */
    public FetchOptions fetchOptions() {
        return fetch.toBuilder().keepBodies(KeepBodies.ALL).build();
    }

    /** The fetch options of images found on pages: as the pages', but no extra header (an API key). */
    public FetchOptions foundImageOptions() {
        return fetch.toBuilder().keepBodies(KeepBodies.ALL).headers(java.util.List.of()).build();
    }

    /** A builder holding this config's values: change what differs, then {@link Builder#build()}. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some of a config's values and keeps the rest; {@link #build()} checks them. */
    public static final class Builder {
        private String input;
        private InputFormat inputFormat;
        private String urlColumn;
        private String captionColumn;
        private String output;
        private int partitions;
        private ThumbnailSpec spec;
        private Filters filters;
        private SinkKind sink;
        private boolean keepOriginal;
        private Rerun rerun;
        private boolean ignoreOptOut;
        private LinkSource links;
        private FetchOptions fetch;

        private Builder(ImagesConfig c) {
            input = c.input;
            inputFormat = c.inputFormat;
            urlColumn = c.urlColumn;
            captionColumn = c.captionColumn;
            output = c.output;
            partitions = c.partitions;
            spec = c.spec;
            filters = c.filters;
            sink = c.sink;
            keepOriginal = c.keepOriginal;
            rerun = c.rerun;
            ignoreOptOut = c.ignoreOptOut;
            links = c.links;
            fetch = c.fetch;
        }

        /** The URL list, its format, its URL column and its caption column (null: {@code caption} if any). */
        public Builder input(String path, InputFormat format, String column, String caption) {
            input = path;
            inputFormat = format;
            urlColumn = column;
            captionColumn = caption;
            return this;
        }

        public Builder output(String path) {
            output = path;
            return this;
        }

        public Builder partitions(int n) {
            partitions = n;
            return this;
        }

        /** How the images are stored, and whether the downloaded bytes are stored too. */
        public Builder sink(SinkKind kind, boolean original) {
            sink = kind;
            keepOriginal = original;
            return this;
        }

        public Builder rerun(Rerun r) {
            rerun = r;
            return this;
        }

        /** The header filters, and whether opt-outs are kept. */
        public Builder filters(Filters f, boolean ignoreOptOuts) {
            filters = f;
            ignoreOptOut = ignoreOptOuts;
            return this;
        }

        /** {@code --links-from from} (null: none) and {@code --link-filter filter} (null: keep all). */
        public Builder links(String from, String filter) {
            links = from == null ? null : LinkSource.parse(from, filter);
            return this;
        }

        public Builder fetch(FetchOptions options) {
            fetch = options;
            return this;
        }

        public ImagesConfig build() {
            return new ImagesConfig(input, inputFormat, urlColumn, captionColumn, output, partitions, spec,
                    filters, sink, keepOriginal, rerun, ignoreOptOut, links, fetch);
        }
    }

    /** Where the images go. */
    public enum SinkKind {
        /** {@code <output>/<W>x<H>/<shard>/<key>.<ext>}. */
        FILES,
        /** One tar shard per task under {@code <output>/shards/}, readable by the webdataset package. */
        WEBDATASET,
        /** The image bytes in the manifest itself. */
        PARQUET;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Items refused from their header, before any pixel is decoded (the pixel cap is in the
     * spec).
     *
     * @param minSize        the shorter side (as displayed) must be at least this; 0 for any
     * @param maxAspectRatio the longer side over the shorter at most this; 0 for any
     */
    public record Filters(int minSize, double maxAspectRatio) implements Serializable {
        public static final Filters NONE = new Filters(0, 0);

        public Filters {
            if (minSize < 0) {
                throw new IllegalArgumentException("min size must be 0 or more: " + minSize);
            }
            if (maxAspectRatio != 0 && !(maxAspectRatio >= 1)) {
                throw new IllegalArgumentException("max aspect ratio must be at least 1: " + maxAspectRatio);
            }
        }
    }

    /**
     * What a run over an output that already has a manifest keeps from it: with
     * {@code resume} every ok row; with {@code onlyFailed} every row but the failures listed
     * (all failures when the set is empty). Either way the new manifest is complete: the rows
     * kept plus the rows of the items fetched again.
     */
    public record Rerun(boolean resume, boolean onlyFailed, Set<Status> failures) implements Serializable {
        public static final Rerun NONE = new Rerun(false, false, Set.of());

        public Rerun {
            failures = Set.copyOf(failures);
            if (resume && onlyFailed) {
                throw new IllegalArgumentException("--resume and --only-failed do not go together: choose one");
            }
            for (Status s : failures) {
                if (!s.failed()) {
                    throw new IllegalArgumentException("--only-failed takes failure statuses, not " + s);
                }
            }
        }

        public boolean active() {
            return resume || onlyFailed;
        }

        /** Whether a previous row with this status is kept (not fetched again). */
        public boolean keeps(String status) {
            Status s = Status.ofLabel(status).orElse(Status.INTERNAL_ERROR);
            if (resume) {
                return !s.failed();
            }
            return !s.failed() || !(failures.isEmpty() || failures.contains(s));
        }
    }
}
