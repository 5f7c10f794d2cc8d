package io.harvest.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.hadoop.fs.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OutputNamesTest {
    @Test
    void aPlainRelativeNameStaysUnderTheRoot() {
        assertEquals("file:/out/75x75/a/b.jpg", OutputNames.under(new Path("file:/out/75x75"), "a/b.jpg").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape.jpg", "a/../../escape.jpg", "/etc/passwd", "a/./b.jpg", "",
        "a/", "c:/windows.jpg", "x\u0000.jpg", "..\\escape.jpg", "\\\\server\\share.jpg", "a/.."})
    void namesThatCouldLeaveTheFolderAreRefused(String name) {
        assertThrows(OutputNames.UnsafeNameException.class, () -> OutputNames.check(name));
    }

    @Test
    void dotsInsideANameAreFine() {
        assertEquals("a/..b/c...jpg", OutputNames.check("a/..b/c...jpg"));
    }
}
