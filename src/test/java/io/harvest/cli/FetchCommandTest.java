package io.harvest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harvest.job.JobRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Exit codes and messages of {@code harvest fetch}, for the cases that stop before Spark starts. */
class FetchCommandTest {
    @TempDir
    Path dir;

    private static CliRun.Outcome run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void aMissingInputFailsFastNamingIt() {
        Path missing = dir.resolve("no-such-list.txt");
        CliRun.Outcome o = run("fetch", "--input", missing.toString(), "--output", dir.resolve("out").toString());
        assertEquals(JobRunner.USAGE, o.code());
        assertTrue(o.err().contains("input not found: " + missing), o.err());
    }

    @Test
    void aBadSelectorIsAUsageError() throws IOException {
        Path list = Files.writeString(dir.resolve("urls.txt"), "http://example.com/\n");
        CliRun.Outcome o = run("fetch", "--input", list.toString(), "--output", dir.resolve("out").toString(),
                "--extract", "votes=span#");
        assertEquals(JobRunner.USAGE, o.code());
        assertTrue(o.err().contains("bad selector 'span#'"), o.err());
    }

    @Test
    void badValuesAreUsageErrors() throws IOException {
        Path list = Files.writeString(dir.resolve("urls.txt"), "http://example.com/\n");
        String out = dir.resolve("out").toString();
        assertEquals(JobRunner.USAGE, run("fetch", "--input", list.toString(), "--output", out,
                "--concurrency", "0").code());
        assertEquals(JobRunner.USAGE, run("fetch", "--input", list.toString(), "--output", out,
                "--timeout", "soon").code());
        assertEquals(JobRunner.USAGE, run("fetch", "--input", list.toString(), "--output", out,
                "--extract", "status=title").code());
        assertEquals(JobRunner.USAGE, run("fetch", "--input", list.toString(), "--output", out,
                "--input-format", "xml").code());
        assertEquals(JobRunner.USAGE, run("fetch", "--output", out).code());
    }

    @Test
    void helpDocumentsEveryOptionWithItsDefault() {
        CliRun.Outcome o = run("fetch", "--help");
        assertEquals(0, o.code());
        for (String option : new String[] {"--input", "--output", "--input-format", "--url-column", "--partitions",
            "--concurrency", "--max-per-host", "--host-delay", "--ignore-robots", "--user-agent", "--retries",
            "--connect-timeout", "--timeout", "--max-bytes", "--max-redirects", "--host-failure-limit",
            "--allow-loopback", "--allow-private", "--allow-link-local", "--extract", "--save-body"}) {
            assertTrue(o.out().contains(option), option + " missing from --help");
        }
        String help = o.out().replaceAll("\\s+", " ");
        for (String shown : new String[] {"Default: 64", "Default: 2", "Default: 10MiB", "Default: 10s",
            "Default: 30s", "Default: 5", "Default: Harvest/", "Default: auto", "Default: url"}) {
            assertTrue(help.contains(shown), shown + " missing from --help:\n" + o.out());
        }
    }

    @Test
    void theJobFileParses() {
        CommandLine.ParseResult parsed = HarvestCli.commandLine().parseArgs("fetch", "@jobs/fetch.args",
                "--output", "elsewhere");
        FetchCommand fetch = (FetchCommand) parsed.subcommand().commandSpec().userObject();
        assertEquals("lists/seed-urls.txt", fetch.list.input);
        assertEquals("elsewhere", fetch.list.output);
        assertEquals(Duration.ofMillis(250), fetch.fetch.hostDelay);
        assertEquals(List.of("title=h1.post-title", "votes=span#article-rank", "author=a.author"), fetch.extract);
        assertEquals(10L << 20, fetch.fetch.maxBytes);
    }

    @Test
    void durationsAndSizesReadBackWhatTheyPrint() {
        for (String d : new String[] {"0", "250ms", "10s", "2m", "1h"}) {
            assertEquals(d, DurationConverter.format(DurationConverter.parse(d)));
        }
        assertEquals(1500, DurationConverter.parse("1.5s").toMillis());
        for (String s : new String[] {"10MiB", "512KiB", "1000", "2GiB"}) {
            assertEquals(s, ByteSize.format(ByteSize.parse(s)));
        }
    }
}
