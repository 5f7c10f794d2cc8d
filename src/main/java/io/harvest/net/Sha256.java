package io.harvest.net;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SHA-256 of a whole body, by OpenSSL's libcrypto where it is installed (through JNA, as the
 * JPEG codec), by the JDK otherwise. The JDK's SHA-256 runs at C2's speed only with C2's
 * intrinsics; the jobs that decode images run C1 only, where it costs about 7 ms per photo
 * of 700 KB, a fifth of the whole item. libcrypto uses the CPU's SHA instructions.
 * {@code -Dharvest.net.native-sha256=false} keeps the JDK's.
 */
final class Sha256 {
    private static final Logger LOG = LoggerFactory.getLogger(Sha256.class);
    private static final boolean NATIVE = OpenSsl.load();

    private Sha256() {}

    /** A digest to feed as a body streams in: the JDK's. */
    static MessageDigest streaming() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The hex SHA-256 of {@code data[0, length)}. */
    static String hex(byte[] data, int length) {
        byte[] md = new byte[32];
        if (NATIVE && length > 0) {
            OpenSsl.SHA256(data, new NativeLong(length), md);
        } else {
            MessageDigest digest = streaming();
            digest.update(data, 0, length);
            md = digest.digest();
        }
        return HexFormat.of().formatHex(md);
    }

    /** Whether libcrypto does the hashing in this JVM. */
    static boolean isNative() {
        return NATIVE;
    }

    private static final class OpenSsl {
        static native NativeLong SHA256(byte[] data, NativeLong length, byte[] md);

        static boolean load() {
            if (!Boolean.parseBoolean(System.getProperty("harvest.net.native-sha256", "true"))) {
                return false;
            }
            try {
                Native.register(OpenSsl.class, NativeLibrary.getInstance("crypto"));
                return true;
            } catch (LinkageError e) {
                LOG.info("no libcrypto here, bodies are hashed by the JDK: {}", e.toString());
                return false;
            }
        }
    }
}
