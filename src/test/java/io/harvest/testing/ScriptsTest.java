package io.harvest.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

class ScriptsTest {
    @TempDir
    Path dir;

    /** A script with a child of its own, both sleeping far past the test. */
    private Scripts.Started sleeper() {
        return Scripts.start(dir, Map.of(), List.of("bash", "-c", "sleep 300 & sleep 300; echo never"));
    }

    @Test
    void aRunThatTimesOutIsKilledWithEveryProcessItStarted() throws Exception {
        Scripts.Started run = sleeper();
        while (run.process().descendants().count() < 2) {
            Thread.sleep(20);
        }
        List<ProcessHandle> tree = run.process().descendants().toList();

        AssertionFailedError timedOut = assertThrows(AssertionFailedError.class, () -> run.finish(0));

        assertTrue(timedOut.getMessage().contains("did not finish in 0 min"), timedOut.getMessage());
        assertFalse(run.process().isAlive(), "the script");
        assertEquals(List.of(), tree.stream().filter(ProcessHandle::isAlive).toList(), "its children");
    }

    @Test
    void closingARunningScriptKillsItsTree() throws Exception {
        List<ProcessHandle> tree;
        try (Scripts.Started run = sleeper()) {
            while (run.process().descendants().count() < 2) {
                Thread.sleep(20);
            }
            tree = run.process().descendants().toList();
        }
        assertEquals(List.of(), tree.stream().filter(ProcessHandle::isAlive).toList());
    }

    @Test
    void aFinishedRunGivesItsExitAndOutput() {
        Scripts.Run run = Scripts.run(dir, Map.of(), List.of("bash", "-c", "echo out; echo err >&2; exit 3"));

        assertEquals(new Scripts.Run(3, "out\n", "err\n"), run);
    }
}
