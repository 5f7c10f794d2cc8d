package io.harvest.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harvest.testing.Scripts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The test JVM's Spark standalone cluster: scripts/cluster's Master and two Workers (1 core,
 * 1 GiB each), separate JVMs on 127.0.0.1, started on first use and stopped with the JVM.
 */
final class TestCluster {
    static final Path DIR = Path.of("target/cluster-it").toAbsolutePath();
    private static final Map<String, String> ENV = Map.of("HARVEST_CLUSTER_DIR", DIR.toString());
    private static String master;
    private static boolean stoppedAtExit;

    private TestCluster() {}

    /** The master URL of a cluster with both workers registered. */
    static synchronized String master() {
        if (master == null) {
            // A cluster left by a test JVM that was killed would make `up` refuse.
            cluster("down");
            Scripts.Run up = cluster("up");
            assertEquals(0, up.exit(), up.err());
            List<String> lines = up.out().lines().toList();
            master = lines.get(lines.size() - 1);
            assertTrue(master.startsWith("spark://127.0.0.1:"), up.out());
            if (!stoppedAtExit) {
                Runtime.getRuntime().addShutdownHook(new Thread(TestCluster::down, "cluster-down"));
                stoppedAtExit = true;
            }
        }
        return master;
    }

    /** Stops the cluster; the next {@link #master()} starts a new one (after a test killed a worker). */
    static synchronized void down() {
        if (master != null) {
            cluster("down");
            master = null;
        }
    }

    private static Scripts.Run cluster(String command) {
        return Scripts.run(DIR.resolveSibling("cluster-it-logs"), ENV, List.of("scripts/cluster", command));
    }

    /** The pid scripts/cluster recorded for a daemon ("worker1", "master"). */
    static long pid(String daemon) {
        try {
            return Files.readAllLines(DIR.resolve("state")).stream()
                    .filter(l -> l.startsWith("pid." + daemon + "="))
                    .mapToLong(l -> Long.parseLong(l.substring(l.indexOf('=') + 1))).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The executors of an application in one worker's work dir ({@code work/worker1/app-…/<id>}). */
    static long executorDirs(String worker) {
        Path work = DIR.resolve("work").resolve(worker);
        try (Stream<Path> dirs = Files.isDirectory(work) ? Files.walk(work, 2) : Stream.empty()) {
            return dirs.filter(p -> p.getParent() != null && p.getParent().getFileName().toString().startsWith("app-"))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A live executor of this cluster (a CoarseGrainedExecutorBackend working under its dir). */
    static Optional<ProcessHandle> anExecutor() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
                .filter(p -> cwd(p).startsWith(DIR.resolve("work")))
                .findFirst();
    }

    /**
     * Waits until no executor of this cluster is left (the master stops an application's
     * executors after its driver is gone), so that the next one found belongs to the next run.
     */
    static void awaitNoExecutors() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (anExecutor().isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(anExecutor().isEmpty(), "the executors of an ended run stopped within 2 min");
    }

    private static Path cwd(ProcessHandle process) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/" + process.pid() + "/cwd"));
        } catch (IOException | UnsupportedOperationException e) {
            return Path.of("/");
        }
    }
}
