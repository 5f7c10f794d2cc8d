package io.harvest.cli;

import io.harvest.items.InputFormat;
import picocli.CommandLine.Option;

/** A URL list as input: the options of every job that reads one (fetch, images). */
final class UrlListFlags {
    @Option(names = "--input", required = true, paramLabel = "<file|dir|glob|URI>",
            description = "URL list on any Hadoop file system: text (one URL per line, '#' comments),"
                    + " CSV/TSV with a header, JSON lines or Parquet; .gz and other Hadoop codecs read"
                    + " as they are. A folder is read whole, sub-folders included.")
    String input;

    @Option(names = "--input-format", defaultValue = "auto", paramLabel = "auto|text|csv|tsv|json|parquet",
            description = "Input format; 'auto' tells it from the file extensions (.csv, .tsv, .jsonl/.json,"
                    + " .parquet; anything else is text).")
    InputFormat inputFormat;

    @Option(names = "--url-column", defaultValue = "url", paramLabel = "<name>",
            description = "The column holding the URL (CSV, TSV, JSON, Parquet).")
    String urlColumn;
}
