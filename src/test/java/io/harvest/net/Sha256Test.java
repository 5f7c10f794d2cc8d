package io.harvest.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Sha256Test {
    @Test
    void wholeBodiesHashAsTheJdkHashesThemWhateverTheirLength() throws Exception {
        Random random = new Random(5);
        for (int length : new int[] {0, 1, 55, 56, 64, 1000, 700_001}) {
            byte[] data = new byte[length + 13];
            random.nextBytes(data);
            MessageDigest jdk = MessageDigest.getInstance("SHA-256");
            jdk.update(data, 0, length);
            assertEquals(HexFormat.of().formatHex(jdk.digest()), Sha256.hex(data, length), "length " + length);
        }
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256.hex(new byte[0], 0));
    }

    /** Where OpenSSL is installed (Debian's libssl3 has it), it is what hashes. */
    @Test
    void libcryptoHashesWhereItIsInstalled() {
        boolean installed = Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libcrypto.so.3"))
                || Files.exists(Path.of("/usr/lib/aarch64-linux-gnu/libcrypto.so.3"));
        org.junit.jupiter.api.Assumptions.assumeTrue(installed, "no libcrypto here");
        assertTrue(Sha256.isNative());
    }
}
