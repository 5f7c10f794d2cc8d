package io.harvest.cluster;

import static io.harvest.cluster.ClusterRuns.command;
import static io.harvest.cluster.ClusterRuns.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harvest.testing.Reply;
import io.harvest.testing.Scripts;
import io.harvest.testing.TestHttpServer;
import io.harvest.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every job submitted in client mode to a real standalone cluster (two Workers, separate JVMs)
 * gives the rows a local[*] run gives on the same input, with executors on both workers.
 */
class ClusterIT {
    @TempDir
    Path dir;

    @Test
    void thumbnailsOnTheClusterGiveTheRowsOfALocalRun() throws Exception {
        Path in = dir.resolve("in");
        for (int i = 0; i < 24; i++) {
            TestImages.jpeg(in.resolve("d" + i % 3 + "/p" + i + ".jpg"), 400 + 97 * i, 300 + 61 * i);
        }
        TestImages.png(in.resolve("d1/q.png"), 500, 700);
        TestImages.bytes(in.resolve("broken.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2});
        String master = TestCluster.master();
        long[] before = {TestCluster.executorDirs("worker1"), TestCluster.executorDirs("worker2")};

        Scripts.Run cluster = run(dir, command("thumbnails", master, in, dir.resolve("cluster"),
                "--size", "75x75", "--size", "300x300"));
        Scripts.Run local = run(dir, command("thumbnails", "local[2]", in, dir.resolve("local"),
                "--size", "75x75", "--size", "300x300"));

        assertEquals(0, cluster.exit(), cluster.err());
        assertEquals(0, local.exit(), local.err());
        assertTrue(TestCluster.executorDirs("worker1") > before[0], "an executor on worker1");
        assertTrue(TestCluster.executorDirs("worker2") > before[1], "an executor on worker2");
        List<String> rows = ClusterRuns.thumbnailRows(dir.resolve("cluster"));
        assertEquals(26, rows.size());
        assertEquals(ClusterRuns.thumbnailRows(dir.resolve("local")), rows);
        for (String size : List.of("75x75", "300x300")) {
            assertEquals(ClusterRuns.visibleFiles(dir.resolve("local").resolve(size)),
                    ClusterRuns.visibleFiles(dir.resolve("cluster").resolve(size)));
            assertTrue(Files.exists(dir.resolve("cluster").resolve(size).resolve("d0/p0.jpg")));
        }
        assertTrue(cluster.out().contains("ok 25 · skipped 0 · failed 1"), cluster.out());
        assertTrue(!cluster.err().contains(" INFO  org.apache.spark") && !cluster.err().contains("Using incubator"),
                "Harvest's lines only on the console: " + cluster.err());
    }

    @Test
    void fetchOnTheClusterGivesTheRowsOfALocalRun() throws Exception {
        try (TestHttpServer server = TestHttpServer.start()) {
            server.robots("User-agent: *\nDisallow: /private\n");
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                server.on("/p" + i).reply(Reply.html("<html><head><title>page " + i + "</title></head><body>"
                        + "<a href=/p" + (i + 1) + ">next</a></body></html>"));
                // Two host names for the one server: two hosts, so two tasks.
                urls.add(server.url(i % 2 == 0 ? "127.0.0.1" : "localhost", "/p" + i));
            }
            server.on("/gone").reply(Reply.status(404));
            urls.add(server.url("/gone"));
            urls.add(server.url("/private/x"));
            urls.add("not a url");
            Path in = Files.write(dir.resolve("urls.txt"), urls);
            String master = TestCluster.master();

            Scripts.Run cluster = run(dir, command("fetch", master, in, dir.resolve("cluster"),
                    "--allow-loopback", "--host-delay", "0ms"));
            Scripts.Run local = run(dir, command("fetch", "local[2]", in, dir.resolve("local"),
                    "--allow-loopback", "--host-delay", "0ms"));

            assertEquals(0, cluster.exit(), cluster.err());
            assertEquals(0, local.exit(), local.err());
            List<String> rows = ClusterRuns.fetchRows(dir.resolve("cluster"));
            assertEquals(33, rows.size());
            assertEquals(ClusterRuns.fetchRows(dir.resolve("local")), rows);
            assertTrue(rows.stream().anyMatch(r -> r.contains(",ok,200,page 7,")), rows.toString());
            assertTrue(rows.stream().anyMatch(r -> r.contains(",robots_denied,")), rows.toString());
        }
    }

    @Test
    void imagesOnTheClusterGiveTheRowsOfALocalRun() throws Exception {
        try (TestHttpServer server = TestHttpServer.start()) {
            List<String> urls = new ArrayList<>(ClusterRuns.serveImages(server, dir.resolve("served"), 16, Duration.ZERO));
            server.on("/gone.jpg").reply(Reply.status(404));
            server.on("/not-an-image.jpg").reply(Reply.bytes(new byte[] {1, 2, 3, 4}, "image/jpeg"));
            urls.add(server.url("/gone.jpg"));
            urls.add(server.url("localhost", "/not-an-image.jpg"));
            Path in = Files.write(dir.resolve("image-urls.txt"), urls);
            String master = TestCluster.master();
            long[] before = {TestCluster.executorDirs("worker1"), TestCluster.executorDirs("worker2")};
            // The executors fetch from this JVM's server on 127.0.0.1, which only --allow-loopback permits.
            String[] options = {"--allow-loopback", "--host-delay", "0ms", "--size", "64x64", "--size", "160x160"};

            Scripts.Run cluster = run(dir, command("images", master, in, dir.resolve("cluster"), options));
            Scripts.Run local = run(dir, command("images", "local[2]", in, dir.resolve("local"), options));

            assertEquals(0, cluster.exit(), cluster.err());
            assertEquals(0, local.exit(), local.err());
            assertTrue(TestCluster.executorDirs("worker1") > before[0], "an executor on worker1");
            assertTrue(TestCluster.executorDirs("worker2") > before[1], "an executor on worker2");
            List<String> rows = ClusterRuns.imageRows(dir.resolve("cluster"));
            assertEquals(18, rows.size());
            assertEquals(ClusterRuns.imageRows(dir.resolve("local")), rows);
            assertEquals(16, rows.stream().filter(r -> r.contains(",ok,200,")).count(), rows.toString());
            for (String size : List.of("64x64", "160x160")) {
                List<String> files = ClusterRuns.visiblePaths(dir.resolve("cluster").resolve(size));
                assertEquals(16, files.size(), files.toString());
                assertEquals(ClusterRuns.visiblePaths(dir.resolve("local").resolve(size)), files);
            }
            assertTrue(cluster.out().contains("ok 16 · skipped 0 · failed 2"), cluster.out());
            assertEquals(List.of(), ClusterRuns.leftovers(dir.resolve("cluster")));
        }
    }
}
