package io.harvest.cli;

import io.harvest.image.OutputFormat;
import io.harvest.image.ThumbnailSize;
import io.harvest.image.ThumbnailSpec;
import io.harvest.job.JobRunner;
import io.harvest.thumbnails.ThumbnailsConfig;
import io.harvest.thumbnails.ThumbnailsJob;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = ThumbnailsJob.NAME, mixinStandardHelpOptions = true, showDefaultValues = true,
        sortOptions = false,
        description = {"Makes thumbnails of every image (jpg, jpeg, png, gif, bmp, webp) under a folder.",
            "Writes <output>/<W>x<H>/<relative path>, <output>/manifest (Parquet, one row per image)",
            "and <output>/summary.json."})
final class ThumbnailsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "<dir|glob|URI>",
            description = "Folder (searched recursively), file or glob, on any Hadoop file system.")
    String input;

    @Option(names = "--output", required = true, paramLabel = "<dir>", description = "Output folder.")
    String output;

    @Option(names = "--size", paramLabel = "<WxH>", defaultValue = "75x75",
            description = "Bounding box, aspect ratio kept, never enlarged. Repeat for several sizes,"
                    + " all made from one decode.")
    List<ThumbnailSize> sizes;

    @Mixin
    ResizeOptions resize;

    @Option(names = "--format", defaultValue = "same", paramLabel = "same|jpg|png|webp",
            converter = ThumbnailFormatConverter.class,
            description = "Output format: 'same' keeps JPEG, PNG and WebP and makes PNG of the rest.")
    OutputFormat format;

    @Option(names = "--quality", defaultValue = "0.85", description = "JPEG and WebP quality, 0 to 1.")
    float quality;

    @Option(names = "--max-pixels", defaultValue = "50000000",
            description = "Images with more pixels are refused from their header, before decoding.")
    long maxPixels;

    @Option(names = "--max-file-bytes", defaultValue = "256MiB", converter = ByteSize.class,
            description = "Source files larger than this are refused without being read.")
    long maxFileBytes;

    @Option(names = "--resume",
            description = "Keep thumbnails already in the output when they are valid; still writes"
                    + " a complete manifest.")
    boolean resume;

    @Option(names = "--partitions", defaultValue = "0",
            description = "Number of tasks of equal weight; 0 means largest images first, in tasks"
                    + " that shrink toward the end (about 7 per core).")
    int partitions;

    @Override
    public Integer call() {
        ThumbnailsConfig config;
        try {
            config = new ThumbnailsConfig(input, output,
                    new ThumbnailSpec(sizes, format, quality, maxPixels, resize.mode, resize.upscale), resume, partitions, maxFileBytes);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return JobRunner.run(ThumbnailsJob.NAME, () -> {
            Inputs.requireLocalExists(input);
            Inputs.requireDifferent(input, output);
        }, spark -> ThumbnailsJob.run(spark, config), System.out, System.err);
    }
}
