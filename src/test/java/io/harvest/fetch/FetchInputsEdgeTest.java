package io.harvest.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harvest.HarvestException;
import io.harvest.job.Summary;
import io.harvest.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that are not URL lists as expected: the job must say so, or run to an empty result. */
class FetchInputsEdgeTest {
    @TempDir
    Path dir;

    private Summary run(Path input, Path output) {
        return FetchJob.run(SharedSpark.get(), FetchRuns.config(input, output, FetchRuns.options(Map.of())));
    }

    @Test
    void anInputWithoutItemsGivesAnEmptyManifestAndErrorList() throws IOException {
        Path input = Files.writeString(dir.resolve("empty.txt"), "# nothing yet\n\n");
        Summary summary = run(input, dir.resolve("out"));
        assertEquals(0, summary.input());
        assertEquals(0, FetchRuns.manifest(dir.resolve("out")).count());
        assertEquals("", Files.readString(dir.resolve("out/errors.txt")));
    }

    @Test
    void aMissingInputIsAUsageError() {
        HarvestException e = assertThrows(HarvestException.class,
                () -> run(dir.resolve("missing.txt"), dir.resolve("out")));
        assertTrue(e.getMessage().startsWith("input not found"), e.getMessage());
    }

    @Test
    void anOutputInsideAFolderInputIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("lists"));
        Files.writeString(dir.resolve("lists/a.txt"), "http://a.test/\n");
        HarvestException e = assertThrows(HarvestException.class,
                () -> run(dir.resolve("lists"), dir.resolve("lists/out")));
        assertTrue(e.getMessage().contains("must not be inside the input folder"), e.getMessage());
    }
}
