package io.harvest.fetch;

import io.harvest.testing.TestResources;

/** The fetch tests' files under src/test/resources/fetch. */
final class Fixtures {
    private Fixtures() {}

    static byte[] bytes(String name) {
        return TestResources.bytes("fetch/" + name);
    }
}
