package io.harvest.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageTest {
    @TempDir
    Path dir;

    /** What a task killed between writing and renaming leaves behind (issue 8). */
    @Test
    void tempFilesOfLostWritesAreRemovedAndNothingElse() throws Exception {
        Path done = Files.createDirectories(dir.resolve("75x75/a")).resolve("photo.jpg");
        Files.write(done, new byte[] {1});
        Path lost = dir.resolve("75x75/a/.photo2.jpg.8c1f3a2e-1b2c-4d5e-9f00-0123456789ab.tmp");
        Files.write(lost, new byte[] {2});
        Path hidden = dir.resolve("75x75/.kept.tmp");
        Files.write(hidden, new byte[] {3});

        assertEquals(1, Storage.removeUnfinishedWrites(dir.toUri().toString(), new Configuration()));

        assertFalse(Files.exists(lost));
        assertTrue(Files.exists(done));
        assertTrue(Files.exists(hidden), "only names of Storage's own temp files are removed");
    }

    @Test
    void aWriteLeavesNoTempFile() throws Exception {
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(dir.resolve("out/x.bin").toUri());
        Storage.writeAtomically(Storage.fileSystem(target, new Configuration()), target, "data");
        assertEquals(0, Storage.removeUnfinishedWrites(dir.toString(), new Configuration()));
        assertEquals("data", Files.readString(dir.resolve("out/x.bin")));
    }

    @Test
    void aMissingFolderHasNothingToRemove() throws Exception {
        assertEquals(0, Storage.removeUnfinishedWrites(dir.resolve("absent").toString(), new Configuration()));
    }
}
