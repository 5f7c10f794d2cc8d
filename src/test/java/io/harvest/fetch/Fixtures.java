package io.harvest.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The fetch tests' files under src/test/resources/fetch. */
final class Fixtures {
    private Fixtures() {}

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fetch/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture fetch/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
