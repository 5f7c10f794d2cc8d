package io.harvest.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the project's scripts (scripts/harvest, scripts/cluster) as a user does, in separate processes. */
public final class Scripts {
    /** A finished run: exit code, standard output and error. */
    public record Run(int exit, String out, String err) {}

    /**
     * A running script whose output goes to files under {@code dir}. Closing it kills what is
     * still running: a test that fails half-way leaves no job behind.
     */
    public record Started(Process process, Path out, Path err) implements AutoCloseable {
        /** The finished run; one that is still running after {@code minutes} is killed, and the test fails. */
        public Run finish(long minutes) {
            try {
                if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
                    kill();
                    fail("did not finish in " + minutes + " min (killed with every process it started); its errors:\n"
                            + Files.readString(err, StandardCharsets.UTF_8));
                }
                return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /**
         * Kills the script and every process under it (the spark-submit JVM below scripts/harvest),
         * so that a run that hangs does not take the machine from the tests after it.
         */
        public void kill() {
            // The script first, so that it starts nothing new once its tree is listed.
            List<ProcessHandle> tree = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
            tree.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle p : tree) {
                p.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> p).join();
            }
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                kill();
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

    /** A script run to its end; one still running after 8 minutes, or when the caller fails, is killed. */
    public static Run run(Path dir, Map<String, String> env, List<String> command) {
        try (Started started = start(dir, env, command)) {
            return started.finish(8);
        }
    }
}
