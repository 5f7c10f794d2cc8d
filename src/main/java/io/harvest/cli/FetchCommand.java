package io.harvest.cli;

import io.harvest.fetch.ExtractField;
import io.harvest.fetch.FetchConfig;
import io.harvest.fetch.FetchJob;
import io.harvest.items.InputFormat;
import io.harvest.job.JobRunner;
import io.harvest.net.AddressPolicy;
import io.harvest.net.FetchOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = FetchJob.NAME, mixinStandardHelpOptions = true, showDefaultValues = true,
        sortOptions = false, defaultValueProvider = FetchCommand.Defaults.class,
        description = {"Fetches every URL of a list, many requests in flight per task, and parses",
            "HTML pages with jsoup. Writes <output>/manifest (Parquet, one row per input",
            "line or row), <output>/summary.json and <output>/errors.txt (the failed URLs,",
            "one per line: an --input for a re-run).",
            "Manifest columns: item, url, final_url, status, http_status, error,",
            "content_type, charset, bytes, elapsed_ms, attempts, fetched_at, sha256, title,",
            "description, canonical, lang, links, images; one per --extract field; body",
            "with --save-body; then the input's other columns (input_<name> on a clash).",
            ""})
final class FetchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "<file|dir|glob|URI>",
            description = "URL list on any Hadoop file system: text (one URL per line, '#' comments),"
                    + " CSV/TSV with a header, JSON lines or Parquet; .gz and other Hadoop codecs read"
                    + " as they are. A folder is read whole, sub-folders included.")
    String input;

    @Option(names = "--output", required = true, paramLabel = "<dir>", description = "Output folder.")
    String output;

    @Option(names = "--input-format", defaultValue = "auto", paramLabel = "auto|text|csv|tsv|json|parquet",
            description = "Input format; 'auto' tells it from the file extensions (.csv, .tsv, .jsonl/.json,"
                    + " .parquet; anything else is text).")
    InputFormat inputFormat;

    @Option(names = "--url-column", defaultValue = "url", paramLabel = "<name>",
            description = "The column holding the URL (CSV, TSV, JSON, Parquet).")
    String urlColumn;

    @Option(names = "--partitions", defaultValue = "0",
            description = "Tasks the hosts are spread over (a host's URLs share one task); 0 means the"
                    + " cluster's default parallelism.")
    int partitions;

    @Option(names = "--concurrency", description = "Requests in flight per task.")
    int concurrency;

    @Option(names = "--max-per-host", description = "Requests in flight to one host at a time.")
    int maxPerHost;

    @Option(names = "--host-delay", converter = DurationConverter.class, paramLabel = "<duration>",
            description = "Least time between the starts of two requests to one host (e.g. 500ms, 1s).")
    Duration hostDelay;

    @Option(names = "--ignore-robots", description = "Do not fetch or obey robots.txt (obeyed by default,"
            + " cached per host).")
    boolean ignoreRobots;

    @Option(names = "--user-agent", paramLabel = "<text>",
            description = "User-Agent header; its first word is the name robots.txt rules are matched against.")
    String userAgent;

    @Option(names = "--retries", description = "Extra attempts, with exponential backoff and jitter, after a"
            + " connect error, timeout, 429 or 502/503/504 (Retry-After honoured).")
    int retries;

    @Option(names = "--connect-timeout", converter = DurationConverter.class, paramLabel = "<duration>",
            description = "To open a connection, DNS lookup included.")
    Duration connectTimeout;

    @Option(names = "--timeout", converter = DurationConverter.class, paramLabel = "<duration>",
            description = "The whole request, to the last body byte: a server dripping bytes still times out.")
    Duration requestTimeout;

    @Option(names = "--max-bytes", converter = ByteSize.class, paramLabel = "<size>",
            description = "Body limit, counted after gzip/deflate decoding; a larger body is too_large.")
    long maxBytes;

    @Option(names = "--max-redirects", description = "Redirects followed per URL, each hop checked again.")
    int maxRedirects;

    @Option(names = "--host-failure-limit", description = "Consecutive connection-level failures (refused,"
            + " reset, timed out) after which a host's remaining URLs fail fast as host_unreachable.")
    int hostFailureLimit;

    @Option(names = "--allow-loopback",
            description = "Allow connecting to loopback addresses (127.0.0.0/8, ::1).")
    boolean allowLoopback;

    @Option(names = "--allow-private", description = "Allow private addresses (10/8, 172.16/12, 192.168/16,"
            + " fc00::/7, CGNAT 100.64/10).")
    boolean allowPrivate;

    @Option(names = "--allow-link-local", description = "Allow link-local addresses (169.254/16, fe80::/10:"
            + " cloud metadata lives there).")
    boolean allowLinkLocal;

    @Option(names = "--extract", paramLabel = "name=selector[@attr]",
            description = "A manifest column from the first element the CSS selector matches in an HTML"
                    + " page: its text (whitespace normalised), or with @attr that attribute (@abs:href for"
                    + " an absolute URL); null when nothing matches. Repeatable, e.g."
                    + " --extract title=h1.post-title --extract votes=span#article-rank."
                    + " A field named title, description, canonical or lang replaces that page field."
                    + " A selector jsoup cannot parse is refused at start-up.")
    List<String> extract = new ArrayList<>();

    @Option(names = "--save-body", description = "Keep the body of every successful response (as received,"
            + " after content decoding) in the manifest's binary 'body' column.")
    boolean saveBody;

    @Override
    public Integer call() {
        FetchConfig config;
        try {
            List<ExtractField> fields = extract.stream().map(ExtractField::parse).toList();
            FetchOptions options = FetchOptions.defaults().toBuilder()
                    .concurrency(concurrency).maxPerHost(maxPerHost).hostDelay(hostDelay)
                    .obeyRobots(!ignoreRobots).userAgent(userAgent).retries(retries)
                    .connectTimeout(connectTimeout).requestTimeout(requestTimeout).maxBytes(maxBytes)
                    .maxRedirects(maxRedirects).hostFailureLimit(hostFailureLimit)
                    .addresses(new AddressPolicy(allowLoopback, allowPrivate, allowLinkLocal))
                    .build();
            config = new FetchConfig(input, inputFormat, urlColumn, output, partitions, fields, saveBody,
                    options);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return JobRunner.run(FetchJob.NAME, () -> {
            Inputs.requireLocalExists(input);
            Inputs.requireDifferent(input, output);
        }, spark -> FetchJob.run(spark, config), System.out, System.err);
    }

    /** The fetcher's own defaults, so that --help shows what a run really uses. */
    static final class Defaults implements CommandLine.IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec arg) {
            if (!(arg instanceof OptionSpec option)) {
                return null;
            }
            FetchOptions d = FetchOptions.defaults();
            return switch (option.longestName()) {
                case "--concurrency" -> String.valueOf(d.concurrency());
                case "--max-per-host" -> String.valueOf(d.maxPerHost());
                case "--host-delay" -> DurationConverter.format(d.hostDelay());
                case "--user-agent" -> d.userAgent();
                case "--retries" -> String.valueOf(d.retries());
                case "--connect-timeout" -> DurationConverter.format(d.connectTimeout());
                case "--timeout" -> DurationConverter.format(d.requestTimeout());
                case "--max-bytes" -> ByteSize.format(d.maxBytes());
                case "--max-redirects" -> String.valueOf(d.maxRedirects());
                case "--host-failure-limit" -> String.valueOf(d.hostFailureLimit());
                default -> null;
            };
        }
    }
}
