package io.harvest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harvest.image.ResizeMode;
import io.harvest.images.ImagesConfig;
import io.harvest.job.JobRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Options, exit codes and messages of {@code harvest images}, for the cases that stop before Spark. */
class ImagesCommandTest {
    @TempDir
    Path dir;

    private static ImagesCommand parse(String... args) {
        CommandLine.ParseResult parsed = HarvestCli.commandLine().parseArgs(args);
        return (ImagesCommand) parsed.subcommand().commandSpec().userObject();
    }

    @Test
    void theJobFileParsesAndTheDefaultsAreImg2datasetsOnes() {
        ImagesCommand fromFile = parse("images", "@jobs/images.args", "--output", "elsewhere");
        assertEquals("lists/image-urls.csv", fromFile.list.input);
        assertEquals("elsewhere", fromFile.list.output);
        assertEquals(ImagesConfig.SinkKind.WEBDATASET, fromFile.outputFormat);
        ImagesCommand defaults = parse("images", "--input", "in.txt", "--output", "out");
        assertEquals(95, defaults.quality);
        assertEquals("jpg", defaults.format.extension());
        assertEquals(ResizeMode.FIT, defaults.resize.mode);
        assertEquals(ImagesConfig.SinkKind.FILES, defaults.outputFormat);
        assertEquals(null, defaults.onlyFailed);
    }

    @Test
    void onlyFailedTakesAnOptionalListOfStatuses() {
        assertEquals("", parse("images", "--input", "a", "--output", "b", "--only-failed").onlyFailed);
        assertEquals("timeout,http_error",
                parse("images", "--input", "a", "--output", "b", "--only-failed=timeout,http_error").onlyFailed);
    }

    @Test
    void formatTakesEveryThumbnailFormatAndNamesThemWhenWrong() throws IOException {
        assertEquals("webp", parse("images", "--input", "a", "--output", "b", "--format", "webp").format.extension());
        assertEquals("png", parse("images", "--input", "a", "--output", "b", "--format", "PNG").format.extension());
        Path list = Files.write(dir.resolve("urls.txt"), List.of("http://example.com/a.jpg"));
        CliRun.Outcome gif = CliRun.run("images", "--input", list.toString(), "--output",
                dir.resolve("out").toString(), "--format", "gif");
        assertEquals(JobRunner.USAGE, gif.code());
        assertTrue(gif.err().contains("--format") && gif.err().contains("jpg, png, webp or same"), gif.err());
    }

    @Test
    void badArgumentsAreUsageErrorsNamingThem() throws IOException {
        Path list = Files.write(dir.resolve("urls.txt"), List.of("http://example.com/a.jpg"));
        String out = dir.resolve("out").toString();
        CliRun.Outcome status = CliRun.run("images", "--input", list.toString(), "--output", out,
                "--only-failed=timeout,nope");
        assertEquals(JobRunner.USAGE, status.code());
        assertTrue(status.err().contains("no status 'nope'"), status.err());
        CliRun.Outcome notFailure = CliRun.run("images", "--input", list.toString(), "--output", out,
                "--only-failed=ok");
        assertEquals(JobRunner.USAGE, notFailure.code());
        assertTrue(notFailure.err().contains("failure statuses, not ok"), notFailure.err());
        CliRun.Outcome both = CliRun.run("images", "--input", list.toString(), "--output", out, "--resume",
                "--only-failed");
        assertEquals(JobRunner.USAGE, both.code());
        CliRun.Outcome quality = CliRun.run("images", "--input", list.toString(), "--output", out, "--quality", "0");
        assertEquals(JobRunner.USAGE, quality.code());
        assertTrue(quality.err().contains("--quality must be 1 to 100"), quality.err());
        CliRun.Outcome mode = CliRun.run("images", "--input", list.toString(), "--output", out,
                "--resize-mode", "stretch");
        assertEquals(JobRunner.USAGE, mode.code());
        Path missing = dir.resolve("missing.txt");
        CliRun.Outcome input = CliRun.run("images", "--input", missing.toString(), "--output", out);
        assertEquals(JobRunner.USAGE, input.code());
        assertTrue(input.err().contains("input not found: " + missing), input.err());
    }
}
