package io.harvest.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.harvest.job.Summary;
import io.harvest.testing.Reply;
import io.harvest.testing.SharedSpark;
import io.harvest.testing.TestHttpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetchGroupingTest {
    @TempDir
    Path dir;

    @Test
    void aHostsUrlsShareOneTaskSoItsLimitHoldsAcrossTasks() throws IOException {
        List<String> hosts = List.of("h1.test", "h2.test", "h3.test");
        try (TestHttpServer server = TestHttpServer.start()) {
            server.robots("User-agent: *\nAllow: /\n");
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                server.on("/p" + i).reply(Reply.html("<title>" + i + "</title>").delay(Duration.ofMillis(300)));
                for (String host : hosts) {
                    urls.add(server.url(host, "/p" + i));
                }
            }
            Path input = dir.resolve("urls.txt");
            Files.write(input, urls);
            FetchConfig config = FetchRuns.config(input, dir.resolve("out"),
                    FetchRuns.options(FetchRuns.loopbackHosts(hosts.toArray(String[]::new))).toBuilder()
                            .maxPerHost(1).build())
                    .withPartitions(2);
            Summary summary = FetchJob.run(SharedSpark.get(), config);
            assertEquals(18, summary.ok());
            for (String host : hosts) {
                // Split over the two tasks, a host would see two requests at once.
                assertEquals(1, server.maxConcurrentForHost(host), host);
            }
        }
    }
}
