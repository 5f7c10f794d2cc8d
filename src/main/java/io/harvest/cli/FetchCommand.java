package io.harvest.cli;

import io.harvest.fetch.ExtractField;
import io.harvest.fetch.FetchConfig;
import io.harvest.fetch.FetchJob;
import io.harvest.job.JobRunner;
import io.harvest.net.FetchOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = FetchJob.NAME, mixinStandardHelpOptions = true, showDefaultValues = true,
        sortOptions = false, defaultValueProvider = FetchFlags.Defaults.class,
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

    @Mixin
    UrlListFlags list;

    @Mixin
    FetchFlags fetch;

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
            FetchOptions options = fetch.options();
            config = new FetchConfig(list.input, list.inputFormat, list.urlColumn, list.output, list.partitions,
                    fields, saveBody, options);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return JobRunner.run(FetchJob.NAME, () -> {
            Inputs.requireLocalExists(list.input);
            Inputs.requireDifferent(list.input, list.output);
        }, spark -> FetchJob.run(spark, config), System.out, System.err);
    }
}
