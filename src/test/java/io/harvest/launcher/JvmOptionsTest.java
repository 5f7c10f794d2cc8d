package io.harvest.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/** The flags the tests pass must follow Spark's own list when Spark moves. */
class JvmOptionsTest {
    @Test
    void theTestsPassEveryFlagSparkAsksFor() throws Exception {
        String text = Files.readString(Path.of("target/jvm-options")).trim();
        List<String> ours = List.of(text.split("\\s+"));
        Set<String> missing = new java.util.TreeSet<>(List.of(JavaModuleOptions.defaultModuleOptionArray()));
        ours.forEach(missing::remove);
        assertTrue(missing.isEmpty(), "spark.jvm.options in pom.xml lacks " + missing);
        assertTrue(ours.get(0).equals("-XX:+IgnoreUnrecognizedVMOptions"),
                "Java 17 rejects Spark's newer flags unless this comes first");
    }
}
