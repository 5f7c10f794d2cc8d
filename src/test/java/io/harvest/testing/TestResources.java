package io.harvest.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The tests' fixture files under src/test/resources. */
public final class TestResources {
    private TestResources() {}

    /** The bytes of a fixture, by its path under src/test/resources ({@code images/cmyk.jpg}). */
    public static byte[] bytes(String path) {
        try (InputStream in = TestResources.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
