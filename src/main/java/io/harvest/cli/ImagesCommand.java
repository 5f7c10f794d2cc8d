package io.harvest.cli;

import io.harvest.HarvestException;
import io.harvest.image.OutputFormat;
import io.harvest.image.ThumbnailSize;
import io.harvest.image.ThumbnailSpec;
import io.harvest.images.ImagesConfig;
import io.harvest.images.ImagesJob;
import io.harvest.job.JobRunner;
import io.harvest.job.Status;
import io.harvest.net.RequestHeader;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = ImagesJob.NAME, mixinStandardHelpOptions = true, showDefaultValues = true,
        sortOptions = false, defaultValueProvider = FetchFlags.Defaults.class,
        description = {"Downloads every image URL of a list and makes its thumbnails in one pass: many",
            "downloads in flight per task while the cores decode, every guard of the fetch job,",
            "images told by their bytes, all sizes from one decode. Writes the images",
            "(<output>/<W>x<H>/<shard>/<key>.<ext>, or tar shards, or Parquet), <output>/manifest",
            "(one row per input item), <output>/summary.json and <output>/errors.txt.",
            ""})
final class ImagesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    UrlListFlags list;

    @Option(names = "--caption-column", paramLabel = "<name>",
            description = "The text stored beside each image in WebDataset shards (<key>.txt); by default"
                    + " the column 'caption' when the input has one.")
    String captionColumn;

    @Option(names = "--size", paramLabel = "<WxH>", defaultValue = "256x256",
            description = "Thumbnail box; repeat for several sizes, all made from one decode.")
    List<ThumbnailSize> sizes;

    @Mixin
    ResizeOptions resize;

    @Option(names = "--format", defaultValue = "jpg", paramLabel = "jpg|png|webp|same",
            converter = ThumbnailFormatConverter.class,
            description = "Thumbnail format; 'same' keeps JPEG and WebP and makes PNG of the rest (told by the bytes).")
    OutputFormat format;

    @Option(names = "--quality", defaultValue = "95", description = "JPEG and WebP quality, 1 to 100.")
    int quality;

    @Option(names = "--max-pixels", defaultValue = "50000000",
            description = "Images with more pixels are too_many_pixels, told from the header before decoding.")
    long maxPixels;

    @Option(names = "--min-size", defaultValue = "0", paramLabel = "<px>",
            description = "Images whose shorter side is under this are too_small (0: any).")
    int minSize;

    @Option(names = "--max-aspect-ratio", defaultValue = "0", paramLabel = "<ratio>",
            description = "Images whose longer side over the shorter is more than this are bad_aspect (0: any).")
    double maxAspectRatio;

    @Option(names = "--output-format", defaultValue = "files", paramLabel = "files|webdataset|parquet",
            description = "files: <output>/<W>x<H>/<shard>/<key>.<ext>; webdataset: one tar per task under"
                    + " <output>/shards/ (<key>.<W>x<H>.<ext>, <key>.json, <key>.txt); parquet: the bytes in"
                    + " the manifest.")
    ImagesConfig.SinkKind outputFormat;

    @Option(names = "--keep-original", description = "Store the downloaded bytes too.")
    boolean keepOriginal;

    @Option(names = "--resume", description = "Keep the ok rows of the manifest already in the output and"
            + " fetch the rest; the new manifest has one row per item.")
    boolean resume;

    @Option(names = "--only-failed", arity = "0..1", fallbackValue = "", paramLabel = "<status,...>",
            description = "Fetch again only the items whose row in the output's manifest failed (or failed"
                    + " with one of these statuses, e.g. --only-failed=timeout,http_error); keep the rest.")
    String onlyFailed;

    @Option(names = "--ignore-opt-out", description = "Keep images whose X-Robots-Tag says noai, noimageai,"
            + " noindex or noimageindex (for all agents or Harvest); they are opted_out rows by default.")
    boolean ignoreOptOut;

    @Option(names = "--links-from", paramLabel = "html|json:<path>",
            description = "The input lists pages, not images: fetch each and take its image URLs, from HTML"
                    + " (<img src>, the largest of each srcset, og:image) or from a JSON response at <path>"
                    + " (e.g. json:data[].link). The manifest has a row per page and per image found, each"
                    + " image row naming its page.")
    String linksFrom;

    @Option(names = "--link-filter", paramLabel = "<regex>",
            description = "With --links-from, keep the image URLs the regex finds a match in (e.g. '\\.jpg$').")
    String linkFilter;

    @Option(names = "--header", paramLabel = "'Name: value'",
            description = "A request header for the input's URLs (not for the images found on pages), ${VAR}"
                    + " read from the environment: --header 'Authorization: Client-ID ${IMGUR_CLIENT_ID}'.")
    List<String> headers = new java.util.ArrayList<>();

    @Mixin
    FetchFlags fetch;

    @Override
    public Integer call() {
        ImagesConfig config;
        List<RequestHeader> extra;
        try {
            extra = headers.stream().map(h -> RequestHeader.parse(h, System.getenv())).toList();
        } catch (HarvestException e) {
            System.err.println("harvest " + ImagesJob.NAME + ": " + e.getMessage());
            return JobRunner.USAGE;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try {
            if (quality < 1 || quality > 100) {
                throw new IllegalArgumentException("--quality must be 1 to 100, not " + quality);
            }
            ThumbnailSpec thumbs = new ThumbnailSpec(sizes, format, quality / 100f, maxPixels, resize.mode,
                    resize.upscale);
            ImagesConfig.Rerun rerun = new ImagesConfig.Rerun(resume, onlyFailed != null, statuses(onlyFailed));
            config = new ImagesConfig(list.input, list.inputFormat, list.urlColumn, captionColumn, list.output,
                    list.partitions, thumbs, new ImagesConfig.Filters(minSize, maxAspectRatio), outputFormat,
                    keepOriginal, rerun, ignoreOptOut, null, fetch.options().toBuilder().headers(extra).build())
                    .toBuilder().links(linksFrom, linkFilter).build();
            if (linkFilter != null && linksFrom == null) {
                throw new IllegalArgumentException("--link-filter needs --links-from");
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ImagesConfig run = config;
        return JobRunner.run(ImagesJob.NAME, () -> {
            Inputs.requireLocalExists(list.input);
            Inputs.requireDifferent(list.input, list.output);
        }, spark -> ImagesJob.run(spark, run), System.out, System.err);
    }

    private static Set<Status> statuses(String list) {
        Set<Status> out = new LinkedHashSet<>();
        if (list == null || list.isBlank()) {
            return out;
        }
        for (String label : list.split(",")) {
            String l = label.strip();
            out.add(Status.ofLabel(l).orElseThrow(() -> new IllegalArgumentException(
                    "--only-failed: no status '" + l + "' (statuses: " + String.join(", ",
                            Arrays.stream(Status.values()).map(Status::label).toList()) + ")")));
        }
        return out;
    }
}
