package io.harvest.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadBufferTest {
    @TempDir
    Path dir;

    @Test
    void eachReadGivesTheWholeFileAtTheStartOfOneKeptArray() throws Exception {
        byte[] large = bytes(300_000, 7);
        byte[] small = bytes(1_000, 3);
        org.apache.hadoop.fs.Path a = write("a.bin", large);
        org.apache.hadoop.fs.Path b = write("b.bin", small);
        FileSystem fs = Storage.fileSystem(a, new Configuration());
        ReadBuffer reads = new ReadBuffer();

        byte[] first = reads.read(fs, a, large.length, 1 << 20);
        assertArrayEquals(large, Arrays.copyOf(first, large.length));
        byte[] second = reads.read(fs, b, small.length, 1 << 20);
        assertSame(first, second, "the smaller file reuses the array");
        assertArrayEquals(small, Arrays.copyOf(second, small.length));
    }

    @Test
    void aFileShorterThanListedOrOverTheLimitIsRefused() throws Exception {
        org.apache.hadoop.fs.Path a = write("a.bin", bytes(100, 1));
        FileSystem fs = Storage.fileSystem(a, new Configuration());
        ReadBuffer reads = new ReadBuffer();
        EOFException shorter = assertThrows(EOFException.class, () -> reads.read(fs, a, 200, 1 << 20));
        assertTrue(shorter.getMessage().contains("shorter than its listed length 200"), shorter.getMessage());
        assertThrows(Storage.FileTooLargeException.class, () -> reads.read(fs, a, 100, 99));
    }

    private org.apache.hadoop.fs.Path write(String name, byte[] data) throws Exception {
        return new org.apache.hadoop.fs.Path(Files.write(dir.resolve(name), data).toUri());
    }

    private static byte[] bytes(int size, int seed) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 31 + seed);
        }
        return data;
    }
}
