package io.harvest.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the project's scripts (scripts/harvest, scripts/cluster) as a user does, in separate processes. */
public final class Scripts {
    /** A finished run: exit code, standard output and error. */
    public record Run(int exit, String out, String err) {}

    /** A running script whose output goes to files under {@code dir}. */
    public record Started(Process process, Path out, Path err) {
        public Run finish(long minutes) {
            try {
                assertTrue(process.waitFor(minutes, TimeUnit.MINUTES), "did not finish in " + minutes + " min");
                return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private Scripts() {}

    public static Started start(Path dir, Map<String, String> env, List<String> command) {
        try {
            Files.createDirectories(dir);
            String name = Path.of(command.get(0)).getFileName() + "-" + System.nanoTime();
            Path out = dir.resolve(name + ".out");
            Path err = dir.resolve(name + ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            // The jar under test is the one the build made: scripts/harvest never rebuilds it here.
            builder.environment().put("HARVEST_BUILD", "0");
            builder.environment().putAll(env);
            return new Started(builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Run run(Path dir, Map<String, String> env, List<String> command) {
        return start(dir, env, command).finish(8);
    }
}
