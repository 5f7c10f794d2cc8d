package io.harvest.cluster;

import static io.harvest.cluster.ClusterRuns.SLOW_SIZE;
import static io.harvest.cluster.ClusterRuns.assertEveryItemOnceAndNothingLeftOver;
import static io.harvest.cluster.ClusterRuns.command;
import static io.harvest.cluster.ClusterRuns.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harvest.testing.Reply;
import io.harvest.testing.Scripts;
import io.harvest.testing.TestHttpServer;
import io.harvest.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on a real standalone cluster, mid-run, for every job: whatever is lost, every input ends
 * with exactly one manifest row (and one thumbnail), and nothing half-written or temporary stays
 * in the output.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultsIT {
    /**
     * Photos of a thumbnails run. It is hit once {@link #KILL_AFTER} thumbnails are written, an
     * event, not a time: the rest take the 2 executors seconds more even on a quiet machine,
     * while the kill follows the event within a second.
     */
    private static final int PHOTOS = 60;
    private static final int KILL_AFTER = 10;
    /** URLs of the fetch and images runs. */
    private static final int URLS = 80;
    private static final Path PHOTOS_DIR = TestCluster.DIR.resolveSibling("cluster-it-photos-" + PHOTOS);

    @TempDir
    Path dir;

    /** The executor a test kills is one of its own run's, not one of the run before still stopping. */
    @BeforeEach
    void noExecutorOfAnEarlierRunLeft() throws InterruptedException {
        TestCluster.awaitNoExecutors();
    }

    private static Path photos() {
        return ClusterRuns.photos(PHOTOS_DIR, PHOTOS);
    }

    private Scripts.Started start(String... more) {
        return Scripts.start(dir, Map.of(), command("thumbnails", TestCluster.master(), photos(), dir.resolve("out"),
                Stream.concat(Stream.of("--size", SLOW_SIZE, "--format", "png"), Stream.of(more)).toArray(String[]::new)));
    }

    @Test
    @Order(1)
    void anExecutorKilledMidRunLosesNothing() throws Exception {
        try (Scripts.Started job = start()) {
            ClusterRuns.awaitThumbnails(dir.resolve("out").resolve(SLOW_SIZE), KILL_AFTER, job);
            ProcessHandle executor = TestCluster.anExecutor().orElseThrow();
            assertTrue(executor.destroyForcibly(), "kill -9 of executor " + executor.pid());

            Scripts.Run run = job.finish(10);

            assertEquals(0, run.exit(), run.err());
            assertEveryItemOnceAndNothingLeftOver(dir.resolve("out"), PHOTOS, SLOW_SIZE);
        }
    }

    /** A fetch run's tasks take a few seconds each: 2 requests in flight per task, each answered after 200 ms. */
    @Test
    @Order(2)
    void anExecutorKilledMidFetchLosesNothing() throws Exception {
        try (TestHttpServer server = TestHttpServer.start()) {
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < URLS; i++) {
                server.on("/p" + i).reply(Reply.html("<title>page " + i + "</title>").delay(Duration.ofMillis(200)));
                urls.add(server.url(i % 2 == 0 ? "127.0.0.1" : "localhost", "/p" + i));
            }
            Path in = Files.write(dir.resolve("urls.txt"), urls);
            Path out = dir.resolve("fetched");
            try (Scripts.Started job = Scripts.start(dir, Map.of(), command("fetch", TestCluster.master(), in, out,
                    "--allow-loopback", "--host-delay", "0ms", "--concurrency", "2", "--max-per-host", "2"))) {
                killAnExecutorAfter(server, 20, job);
                Scripts.Run run = job.finish(10);

                assertEquals(0, run.exit(), run.err());
            }
            ClusterRuns.assertOneOkRowEach(ClusterRuns.fetchRows(out), URLS, ",ok,200,page ");
            assertEquals(List.of(), ClusterRuns.leftovers(out));
        }
    }

    /** The images job writing WebDataset shards (one tar per task, renamed into place when the task ends). */
    @Test
    @Order(2)
    void anExecutorKilledMidImagesRunLosesNothing() throws Exception {
        try (TestHttpServer server = TestHttpServer.start()) {
            List<String> urls = ClusterRuns.serveImages(server, dir.resolve("served"), URLS, Duration.ofMillis(200));
            Path in = Files.write(dir.resolve("image-urls.txt"), urls);
            Path out = dir.resolve("images");
            try (Scripts.Started job = Scripts.start(dir, Map.of(), command("images", TestCluster.master(), in, out,
                    "--allow-loopback", "--host-delay", "0ms", "--concurrency", "2", "--max-per-host", "2",
                    "--size", "64x64", "--output-format", "webdataset"))) {
                killAnExecutorAfter(server, 20, job);
                Scripts.Run run = job.finish(10);

                assertEquals(0, run.exit(), run.err());
            }
            ClusterRuns.assertOneOkRowEach(ClusterRuns.imageRows(out), URLS, ",ok,200,");
            List<String> samples = ClusterRuns.shardMembers(out.resolve("shards")).stream()
                    .filter(name -> name.endsWith(".64x64.jpg")).toList();
            assertEquals(URLS, samples.size(), "one thumbnail per URL in the shards: " + samples);
            assertEquals(URLS, samples.stream().distinct().count(), "none twice: " + samples);
            assertEquals(List.of(), ClusterRuns.leftovers(out));
        }
    }

    /**
     * Speculation on: the images job's one host is spread over two tasks, items dealt in turn, and
     * every odd item is answered after 1.5 s, so one task takes 18 s longer than the other. Under
     * load a task's fixed cost was 40 s, so the copy is asked for at 1.1 times the fast task's
     * time. Once the fast one is done Spark starts a copy of the slow one on the other worker
     * (another host name); both attempts fetch and write the same items, and the loser is killed.
     */
    @Test
    @Order(2)
    void aSlowTaskCopiedBySpeculationGivesOneRowAndOneFileEach() throws Exception {
        try (TestHttpServer server = TestHttpServer.start()) {
            int count = 24;
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Path image = TestImages.jpeg(dir.resolve("served/i" + i + ".jpg"), 400 + i, 300);
                server.on("/i" + i + ".jpg").reply(Reply.file(image).delay(Duration.ofMillis(i % 2 == 1 ? 1500 : 0)));
                urls.add(server.url("/i" + i + ".jpg"));
            }
            Path in = Files.write(dir.resolve("image-urls.txt"), urls);
            Path out = dir.resolve("images");
            Path events = Files.createDirectories(dir.resolve("events"));

            Scripts.Run run = ClusterRuns.run(dir, command("images", TestCluster.master(), in, out,
                    "--allow-loopback", "--host-delay", "0ms", "--concurrency", "1", "--max-per-host", "2",
                    "--size", "64x64", "--partitions", "2",
                    "--conf", "spark.speculation=true", "--conf", "spark.speculation.quantile=0.5",
                    "--conf", "spark.speculation.multiplier=1.1", "--conf", "spark.speculation.efficiency.enabled=false",
                    "--conf", "spark.eventLog.enabled=true", "--conf", "spark.eventLog.compress=false",
                    "--conf", "spark.eventLog.dir=" + events.toUri()));

            assertEquals(0, run.exit(), run.err());
            assertTrue(ClusterRuns.speculativeTaskStarts(events) >= 1, "Spark started a speculative copy of the slow task");
            ClusterRuns.assertOneOkRowEach(ClusterRuns.imageRows(out), count, ",ok,200,");
            assertEquals(count, ClusterRuns.visibleFiles(out.resolve("64x64")), "one thumbnail per URL");
            assertEquals(List.of(), ClusterRuns.leftovers(out));
        }
    }

    private static void killAnExecutorAfter(TestHttpServer server, int requests, Scripts.Started job)
            throws InterruptedException {
        ClusterRuns.awaitMidRun(job, () -> server.totalHits() >= requests);
        ProcessHandle executor = TestCluster.anExecutor().orElseThrow();
        assertTrue(executor.destroyForcibly(), "kill -9 of executor " + executor.pid());
    }

    @Test
    @Order(3)
    void aDriverKilledMidRunIsResumedWithoutRedoingFinishedItems() throws Exception {
        try (Scripts.Started job = start()) {
            ClusterRuns.awaitThumbnails(dir.resolve("out").resolve(SLOW_SIZE), 2 * KILL_AFTER, job);
            ProcessHandle driver = job.process().descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains("org.apache.spark.deploy.SparkSubmit"))
                    .findFirst().orElseThrow();
            driver.destroyForcibly();
            assertTrue(job.finish(2).exit() != 0, "a killed driver fails the run");
        }
        // The dead driver's executors may still be writing: their last files count as finished.
        TestCluster.awaitNoExecutors();
        long finished = ClusterRuns.visibleFiles(dir.resolve("out").resolve(SLOW_SIZE));

        try (Scripts.Started resume = start("--resume")) {
            Scripts.Run resumed = resume.finish(10);
            assertEquals(0, resumed.exit(), resumed.err());
        }
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("out/summary.json").toFile());
        assertEquals(finished, summary.get("skipped").asLong(), "every finished item kept, none redone");
        assertEquals(PHOTOS - finished, summary.get("ok").asLong());
        List<String> rows = ClusterRuns.thumbnailRows(dir.resolve("out"));
        assertEquals(PHOTOS, rows.size());
        assertEquals(PHOTOS, ClusterRuns.visibleFiles(dir.resolve("out").resolve(SLOW_SIZE)));
        assertEquals(List.of(), ClusterRuns.leftovers(dir.resolve("out")));
    }

    /** Last: it leaves the cluster with one worker, so the cluster is stopped after it. */
    @Test
    @Order(4)
    void aWorkerKilledMidRunLosesNothing() throws Exception {
        try (Scripts.Started job = start()) {
            ClusterRuns.awaitThumbnails(dir.resolve("out").resolve(SLOW_SIZE), KILL_AFTER, job);
            ProcessHandle worker = ProcessHandle.of(TestCluster.pid("worker1")).orElseThrow();
            assertTrue(worker.destroyForcibly(), "kill -9 of worker1");

            Scripts.Run run = job.finish(10);

            assertEquals(0, run.exit(), run.err());
            assertEveryItemOnceAndNothingLeftOver(dir.resolve("out"), PHOTOS, SLOW_SIZE);
        }
    }

    @AfterAll
    static void stopTheDamagedCluster() {
        TestCluster.down();
    }
}
