package io.harvest.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harvest.HarvestException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileListingTest {
    @TempDir
    Path dir;

    @Test
    void aFolderIsListedRecursivelySortedWithSizesAndNoHiddenOrForeignFiles() throws Exception {
        write("b/deep/er/one.jpg", 3);
        write("a.JPG", 1);
        write("b/two: a colon.png", 2);
        write("b/.hidden.jpg", 4);
        write(".cache/three.jpg", 5);
        write("b/notes.txt", 6);
        write("b/.photo.jpg.8c1f3a2e-1b2c-4d5e-9f00-0123456789ab.tmp", 7);

        List<SourceFile> files = FileListing.list(dir.toString(), Set.of("jpg", "png"), new Configuration());

        assertEquals(List.of("a.JPG", "b/deep/er/one.jpg", "b/two: a colon.png"),
                files.stream().map(SourceFile::relative).toList());
        assertEquals(List.of(1L, 3L, 2L), files.stream().map(SourceFile::size).toList());
        for (SourceFile f : files) {
            assertTrue(f.path().startsWith("file:" + dir), f.path());
            assertEquals(f.size(), Files.size(Path.of(new org.apache.hadoop.fs.Path(f.path()).toUri())));
        }
    }

    @Test
    void aMissingInputIsNamedInTheError() {
        HarvestException e = assertThrows(HarvestException.class,
                () -> FileListing.list(dir.resolve("absent").toString(), Set.of("jpg"), new Configuration()));
        assertTrue(e.getMessage().contains("input not found") && e.getMessage().contains("absent"), e.getMessage());
    }

    private void write(String relative, int size) throws Exception {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[size]);
    }
}
