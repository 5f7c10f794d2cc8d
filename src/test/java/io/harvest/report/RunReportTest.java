package io.harvest.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harvest.HarvestException;
import io.harvest.cli.HarvestCli;
import io.harvest.job.JobRunner;
import io.harvest.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {
    @TempDir
    Path dir;

    @Test
    void reportOfAFolderThatIsNoOutputNamesWhatIsMissing() throws IOException {
        HarvestException e = assertThrows(HarvestException.class,
                () -> RunReport.rebuild(SharedSpark.get(), dir.toString()));
        assertTrue(e.getMessage().contains("summary.json"), e.getMessage());

        Files.writeString(dir.resolve("summary.json"), "{\"job\": \"thumbnails\", \"input\": 3}");
        e = assertThrows(HarvestException.class, () -> RunReport.rebuild(SharedSpark.get(), dir.toString()));
        assertTrue(e.getMessage().contains("no manifest"), e.getMessage());
    }

    @Test
    void reportCommandFailsFastOnAMissingFolder() {
        assertEquals(JobRunner.USAGE, HarvestCli.execute("report", dir.resolve("nothing-here").toString()));
    }

    @Test
    void htmlIsEscapedAndOnlyBrowsableLinksAreLinks() {
        assertEquals("&lt;b id=&quot;x&quot;&gt;a&amp;b&#39;&lt;/b&gt;", Html.esc("<b id=\"x\">a&b'</b>"));
        assertEquals(null, Html.safeHref("javascript:alert(1)"));
        assertEquals("https://a.test/x", Html.safeHref("https://a.test/x"));
    }
}
