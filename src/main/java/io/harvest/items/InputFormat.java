package io.harvest.items;

import io.harvest.io.FileListing;
import java.util.Locale;
import java.util.Set;

/** The formats of a fetch input, and how each is told from a file name. */
public enum InputFormat {
    /** Chosen from the file names: see {@link #ofFileName}. */
    AUTO,
    /** One URL per line; blank lines and lines starting with '#' are skipped. */
    TEXT,
    /** Comma-separated, with a header. */
    CSV,
    /** Tab-separated, with a header. */
    TSV,
    /** JSON lines: one object per line. */
    JSON,
    PARQUET;

    /** Compression suffixes Hadoop's codecs read transparently. */
    private static final Set<String> COMPRESSION = Set.of("gz", "bz2", "deflate", "zst", "lz4", "snappy");

    /**
     * The format of a file from its extension, under any compression suffix: csv, tsv/tab,
     * json/jsonl/ndjson, parquet/pq; anything else (txt, urls, none) is text.
     */
    public static InputFormat ofFileName(String name) {
        String base = name;
        if (COMPRESSION.contains(FileListing.extension(base))) {
            base = base.substring(0, base.lastIndexOf('.'));
        }
        return switch (FileListing.extension(base).toLowerCase(Locale.ROOT)) {
            case "csv" -> CSV;
            case "tsv", "tab" -> TSV;
            case "json", "jsonl", "ndjson" -> JSON;
            case "parquet", "pq" -> PARQUET;
            default -> TEXT;
        };
    }

    /** The lower-case name used on the command line and in messages. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
