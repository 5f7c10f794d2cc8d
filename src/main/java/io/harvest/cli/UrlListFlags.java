package io.harvest.cli;

import io.harvest.items.InputFormat;
import picocli.CommandLine.Option;

/**
 * A URL list in, an output folder out, and the tasks in between: the options of every job
 * that reads a URL list (fetch, images).
 */
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

    @Option(names = "--output", required = true, paramLabel = "<dir>", description = "Output folder.")
    String output;

    @Option(names = "--partitions", defaultValue = "0",
            description = "Tasks the hosts are spread over (a host's URLs share one task, so its per-host"
                    + " limits hold); 0 means the cluster's default parallelism. The images job spreads a host"
                    + " with more than a task's share of the URLs over several, its --max-per-host divided"
                    + " among them.")
    int partitions;
}
