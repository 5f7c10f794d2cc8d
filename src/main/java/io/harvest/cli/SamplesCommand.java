package io.harvest.cli;

import io.harvest.samples.SampleImages;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "samples", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        description = {"Makes photo-like sample images (gradients, shapes, noise) to try Harvest on.",
            "Deterministic: the same seed makes the same files; existing files are kept."})
final class SamplesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--output", required = true, paramLabel = "<dir>", description = "Folder to fill.")
    Path output;

    @Option(names = "--count", defaultValue = "300", description = "Number of images.")
    int count;

    @Option(names = "--min-size", defaultValue = "640", description = "Smallest long edge, pixels.")
    int minSize;

    @Option(names = "--max-size", defaultValue = "2048", description = "Largest long edge, pixels.")
    int maxSize;

    @Option(names = "--png-share", defaultValue = "0.2", description = "Share of PNGs; the rest are JPEGs.")
    double pngShare;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the images.")
    long seed;

    @Override
    public Integer call() {
        SampleImages samples;
        try {
            samples = new SampleImages(count, minSize, maxSize, pngShare, seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        long start = System.nanoTime();
        samples.writeTo(output);
        System.out.printf("samples: %d images in %s (%.1f s)%n", count, output, (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
