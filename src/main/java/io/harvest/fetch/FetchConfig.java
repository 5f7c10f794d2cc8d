package io.harvest.fetch;

import io.harvest.items.InputFormat;
import io.harvest.net.FetchOptions;
import io.harvest.net.KeepBodies;
import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything the fetch job needs to run.
 *
 * @param input       a file, folder or glob on any Hadoop file system
 * @param inputFormat its format; {@link InputFormat#AUTO} tells it from the file names
 * @param urlColumn   the column holding the URL, for every format but text
 * @param output      the output folder: manifest, summary.json and errors.txt
 * @param partitions  how many tasks the hosts are spread over; 0 for the cluster's default
 *                    parallelism
 * @param extract     the {@code --extract} fields, one manifest column each
 * @param saveBody    keep the bodies of successful responses in the manifest's {@code body} column
 * @param fetch       how to fetch; which bodies it keeps is decided by the job
 *                    ({@link #fetchOptions()})
 */
public record FetchConfig(String input, InputFormat inputFormat, String urlColumn, String output,
                          int partitions, List<ExtractField> extract, boolean saveBody,
                          FetchOptions fetch) implements Serializable {

    public FetchConfig {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(inputFormat, "inputFormat");
        Objects.requireNonNull(fetch, "fetch");
        if (urlColumn == null || urlColumn.isBlank()) {
            throw new IllegalArgumentException("the URL column must be named");
        }
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions must be 0 (auto) or more: " + partitions);
        }
        extract = List.copyOf(extract);
        Set<String> names = new HashSet<>();
        Set<String> reserved = FetchRows.reservedNames(List.of());
        for (ExtractField f : extract) {
            if (reserved.contains(f.name()) && !FetchRows.REPLACEABLE.contains(f.name())) {
                throw new IllegalArgumentException("extract field '" + f.name() + "' is a manifest column"
                        + " (only " + String.join(", ", new TreeSet<>(FetchRows.REPLACEABLE))
                        + " may be replaced): choose another name");
            }
            if (!names.add(f.name())) {
                throw new IllegalArgumentException("extract field '" + f.name() + "' is given twice");
            }
        }
    }

    /** A config with the defaults for everything but the input and output. */
    public static FetchConfig of(String input, String output) {
        return new FetchConfig(input, InputFormat.AUTO, "url", output, 0, List.of(), false,
                FetchOptions.defaults());
    }

    /**
     * The fetch options the tasks use: the job needs the HTML bodies to parse them, and every
     * successful body when saving them.
     */
    public FetchOptions fetchOptions() {
        return fetch.toBuilder().keepBodies(saveBody ? KeepBodies.ALL : KeepBodies.HTML).build();
    }

    public FetchConfig withFetch(FetchOptions options) {
        return new FetchConfig(input, inputFormat, urlColumn, output, partitions, extract, saveBody, options);
    }

    public FetchConfig withExtract(List<ExtractField> fields) {
        return new FetchConfig(input, inputFormat, urlColumn, output, partitions, fields, saveBody, fetch);
    }

    public FetchConfig withSaveBody(boolean save) {
        return new FetchConfig(input, inputFormat, urlColumn, output, partitions, extract, save, fetch);
    }

    public FetchConfig withInput(String path, InputFormat format, String column) {
        return new FetchConfig(path, format, column, output, partitions, extract, saveBody, fetch);
    }

    public FetchConfig withOutput(String path) {
        return new FetchConfig(input, inputFormat, urlColumn, path, partitions, extract, saveBody, fetch);
    }

    public FetchConfig withPartitions(int n) {
        return new FetchConfig(input, inputFormat, urlColumn, output, n, extract, saveBody, fetch);
    }
}
