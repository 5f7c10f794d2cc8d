package io.harvest.images;

import static io.harvest.images.ImageServer.byItem;
import static io.harvest.images.ImageServer.status;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harvest.job.Status;
import io.harvest.testing.Reply;
import io.harvest.testing.SharedSpark;
import io.harvest.testing.TestHttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesOutputTest {
    private static final String HOST = "cdn.test";

    @TempDir
    Path dir;

    /**
     * A WebDataset reader's view of a shard, as the webdataset package groups it: members by
     * key (the name up to its first dot), each sample's extensions to their bytes.
     */
    private static Map<String, Map<String, byte[]>> samples(Path tar) throws IOException {
        Map<String, Map<String, byte[]>> samples = new TreeMap<>();
        try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream t = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e = t.getNextEntry(); e != null; e = t.getNextEntry()) {
                String name = e.getName();
                int dot = name.indexOf('.');
                samples.computeIfAbsent(name.substring(0, dot), k -> new TreeMap<>())
                        .put(name.substring(dot + 1), t.readAllBytes());
            }
        }
        return samples;
    }

    @Test
    void oneBigHostIsSpreadOverTheTasksAsWebDatasetShardsWithinItsLimit() throws IOException {
        try (TestHttpServer server = TestHttpServer.start()) {
            server.robots("User-agent: *\nAllow: /\n");
            List<String> csv = new ArrayList<>(List.of("url,caption"));
            for (int i = 0; i < 12; i++) {
                server.on("/p" + i + ".jpg").reply(Reply.bytes(ImageServer.encode(200 + i, 100, "jpg"), "image/jpeg")
                        .delay(Duration.ofMillis(100)));
                csv.add(server.url(HOST, "/p" + i + ".jpg") + ",photo " + i);
            }
            Path input = Files.write(dir.resolve("list.csv"), csv);
            Path out = dir.resolve("out");
            ImagesConfig config = ImageServer.config(input, out, HOST);
            config = config.toBuilder().sink(ImagesConfig.SinkKind.WEBDATASET, false)
                    .fetch(config.fetch().toBuilder().maxPerHost(2).build()).build();

            ImagesJob.run(SharedSpark.get(), config);

            assertTrue(server.maxConcurrentForHost(HOST) <= 2, "the host's limit holds over both tasks: "
                    + server.maxConcurrentForHost(HOST));
            List<Path> shards;
            try (Stream<Path> files = Files.list(out.resolve("shards"))) {
                shards = files.sorted().toList();
            }
            assertEquals(2, shards.size(), "both tasks made a shard, no temp file left: " + shards);
            int seen = 0;
            for (Path shard : shards) {
                assertTrue(shard.getFileName().toString().endsWith(".tar"));
                for (var sample : samples(shard).entrySet()) {
                    Map<String, byte[]> parts = sample.getValue();
                    assertEquals(Set.of("64x64.jpg", "json", "txt"), parts.keySet());
                    JsonNode json = new ObjectMapper().readTree(parts.get("json"));
                    assertEquals(sample.getKey(), json.get("key").asText());
                    long item = json.get("item").asLong();
                    assertEquals("photo " + item, new String(parts.get("txt"), StandardCharsets.UTF_8));
                    assertEquals("ok", json.get("status").asText());
                    BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(parts.get("64x64.jpg")));
                    assertEquals(64, thumb.getWidth());
                    seen++;
                }
            }
            assertEquals(12, seen);
            assertEquals(12, byItem(out).size());
        }
    }

    @Test
    void parquetHoldsTheBytesAndKeepOriginalTheDownload() throws IOException {
        byte[] jpeg = ImageServer.encode(300, 200, "jpg");
        try (TestHttpServer server = TestHttpServer.start()) {
            server.robots("User-agent: *\nAllow: /\n");
            server.on("/a.jpg").reply(Reply.bytes(jpeg, "image/jpeg"));
            Path input = Files.write(dir.resolve("urls.txt"), List.of(server.url(HOST, "/a.jpg")));
            Path parquet = dir.resolve("parquet");
            ImagesJob.run(SharedSpark.get(), ImageServer.config(input, parquet, HOST)
                    .toBuilder().sink(ImagesConfig.SinkKind.PARQUET, true).build());
            Row row = byItem(parquet).get(0L);
            assertEquals("ok", status(row));
            byte[] thumb = (byte[]) row.getList(row.fieldIndex("thumbnail_bytes")).get(0);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumb));
            assertEquals(64, image.getWidth());
            assertEquals(43, image.getHeight());
            assertArrayEquals(jpeg, (byte[]) row.get(row.fieldIndex("original_bytes")));

            Path files = dir.resolve("files");
            ImagesJob.run(SharedSpark.get(), ImageServer.config(input, files, HOST)
                    .toBuilder().sink(ImagesConfig.SinkKind.FILES, true).build());
            assertArrayEquals(jpeg, Files.readAllBytes(files.resolve("original/00000/000000000.jpg")));
            assertTrue(Files.exists(files.resolve("64x64/00000/000000000.jpg")));
        }
    }

    @Test
    void onlyFailedFetchesTheFailuresAgainAndResumeKeepsTheRest() throws IOException {
        byte[] jpeg = ImageServer.encode(120, 90, "jpg");
        try (TestHttpServer server = TestHttpServer.start()) {
            server.robots("User-agent: *\nAllow: /\n");
            server.on("/good.jpg").reply(Reply.bytes(jpeg, "image/jpeg"));
            server.on("/flaky.jpg").reply(Reply.status(404), Reply.status(404), Reply.bytes(jpeg, "image/jpeg"));
            Path input = Files.write(dir.resolve("urls.txt"),
                    List.of(server.url(HOST, "/good.jpg"), server.url(HOST, "/flaky.jpg")));
            Path out = dir.resolve("out");
            ImagesConfig config = ImageServer.config(input, out, HOST);

            ImagesJob.run(SharedSpark.get(), config);
            assertEquals("http_error", status(byItem(out).get(1L)));

            // Only timeouts asked for: the 404 is kept as it is, nothing is fetched.
            ImagesJob.run(SharedSpark.get(), config.toBuilder()
                    .rerun(new ImagesConfig.Rerun(false, true, Set.of(Status.TIMEOUT))).build());
            assertEquals(1, server.hits("/flaky.jpg"));
            assertEquals("http_error", status(byItem(out).get(1L)));

            ImagesJob.run(SharedSpark.get(), config.toBuilder()
                    .rerun(new ImagesConfig.Rerun(false, true, Set.of())).build());
            assertEquals(2, server.hits("/flaky.jpg"));
            assertEquals(1, server.hits("/good.jpg"), "the ok row is kept, not fetched again");

            var summary = ImagesJob.run(SharedSpark.get(), config.toBuilder()
                    .rerun(new ImagesConfig.Rerun(true, false, Set.of())).build());
            Map<Long, Row> rows = byItem(out);
            assertEquals(2, rows.size(), "one row per item after every re-run");
            assertEquals("ok", status(rows.get(0L)));
            assertEquals("ok", status(rows.get(1L)));
            assertEquals(3, server.hits("/flaky.jpg"));
            assertEquals(1, server.hits("/good.jpg"));
            assertEquals(2, summary.ok());
            assertTrue(Files.exists(out.resolve("64x64/00000/000000001.jpg")));
        }
    }

    @Test
    void resumeMatchesRowsByItemAndUrlThroughDuplicatesAndAChangedList() throws IOException {
        byte[] jpeg = ImageServer.encode(120, 90, "jpg");
        try (TestHttpServer server = TestHttpServer.start()) {
            server.robots("User-agent: *\nAllow: /\n");
            server.on("/good.jpg").reply(Reply.bytes(jpeg, "image/jpeg"));
            server.on("/other.jpg").reply(Reply.bytes(jpeg, "image/jpeg"));
            server.on("/flaky.jpg").reply(Reply.status(404), Reply.bytes(jpeg, "image/jpeg"));
            String good = server.url(HOST, "/good.jpg");
            String other = server.url(HOST, "/other.jpg");
            Path input = Files.write(dir.resolve("urls.txt"), List.of(good, good, server.url(HOST, "/flaky.jpg")));
            Path out = dir.resolve("out");
            ImagesConfig resume = ImageServer.config(input, out, HOST).toBuilder()
                    .rerun(new ImagesConfig.Rerun(true, false, Set.of())).build();

            ImagesJob.run(SharedSpark.get(), resume); // no manifest yet: a first run
            ImagesJob.run(SharedSpark.get(), resume);
            assertEquals(2, server.hits("/good.jpg"), "both lines of the duplicate are done and kept");
            assertEquals(2, server.hits("/flaky.jpg"));
            assertEquals(List.of("ok", "ok", "ok"), byItem(out).values().stream().map(ImageServer::status).toList());

            // The list changed: line 0 now holds another URL, line 2 is gone.
            Files.write(input, List.of(other, good));
            ImagesJob.run(SharedSpark.get(), resume);
            Map<Long, Row> rows = byItem(out);
            assertEquals(Set.of(0L, 1L), rows.keySet(), "one row per line of the list as it is now");
            assertEquals(other, rows.get(0L).getAs("url"));
            assertEquals("ok", status(rows.get(0L)));
            assertEquals(1, server.hits("/other.jpg"), "a line whose URL changed is fetched");
            assertEquals(good, rows.get(1L).getAs("url"));
            assertEquals(2, server.hits("/good.jpg"), "a line with the same URL is kept");
        }
    }

    @Test
    void shardsNoManifestNamesAreRemovedAndThoseOfKeptRowsStay() throws IOException {
        byte[] jpeg = ImageServer.encode(120, 90, "jpg");
        try (TestHttpServer server = TestHttpServer.start()) {
            server.robots("User-agent: *\nAllow: /\n");
            server.on("/good.jpg").reply(Reply.bytes(jpeg, "image/jpeg"));
            server.on("/flaky.jpg").reply(Reply.status(404), Reply.bytes(jpeg, "image/jpeg"));
            Path input = Files.write(dir.resolve("urls.txt"),
                    List.of(server.url(HOST, "/good.jpg"), server.url(HOST, "/flaky.jpg")));
            Path out = dir.resolve("out");
            Path shards = out.resolve("shards");
            // As Airflow's retries run it: every attempt resumes.
            ImagesConfig resume = ImageServer.config(input, out, HOST).toBuilder()
                    .sink(ImagesConfig.SinkKind.WEBDATASET, false)
                    .rerun(new ImagesConfig.Rerun(true, false, Set.of())).build();

            ImagesJob.run(SharedSpark.get(), resume);
            Set<String> first = fileNames(shards);
            assertEquals(1, first.size(), "the ok item's shard: " + first);
            // An attempt of another run that failed after one task committed, and one lost mid-write.
            Files.copy(shards.resolve(first.iterator().next()), shards.resolve("19990101T000000000-00000.tar"));
            Files.write(shards.resolve(".19990101T000000000-00001.tar." + UUID.randomUUID() + ".tmp"), jpeg);

            ImagesJob.run(SharedSpark.get(), resume);
            Set<String> second = fileNames(shards);
            assertEquals(2, second.size(), "the kept row's shard and the re-fetched item's: " + second);
            assertTrue(second.containsAll(first), "the shard holding the row --resume kept stays");
            assertEquals(Map.of("000000000", 1, "000000001", 1), samplesByKey(out));

            // A driver killed after its tasks committed, before its manifest was in place.
            Files.walk(out.resolve("manifest")).sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            ImagesJob.run(SharedSpark.get(), resume);
            Set<String> third = fileNames(shards);
            assertTrue(third.stream().noneMatch(second::contains), "no shard of the attempt without a manifest: "
                    + third);
            assertEquals(Map.of("000000000", 1, "000000001", 1), samplesByKey(out));
        }
    }

    private static Set<String> fileNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /**
     * How many times each ok row's key is a sample in the shards, checking that the shard its
     * manifest paths name is there.
     */
    private static Map<String, Integer> samplesByKey(Path out) throws IOException {
        Map<String, Integer> seen = new TreeMap<>();
        for (String shard : fileNames(out.resolve("shards"))) {
            for (String key : samples(out.resolve("shards").resolve(shard)).keySet()) {
                seen.merge(key, 1, Integer::sum);
            }
        }
        for (Row row : byItem(out).values()) {
            assertEquals("ok", status(row));
            String path = row.<Row>getList(row.fieldIndex("thumbnails")).get(0).getString(1);
            assertTrue(Files.exists(out.resolve("shards").resolve(path.substring(0, path.indexOf('/')))), path);
        }
        return seen;
    }
}
