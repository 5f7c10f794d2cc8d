package io.harvest.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The server of {@code scripts/bench-images}, run in its own JVM: serves every file under
 * {@code --root} (hidden ones aside) at its relative path, e.g. {@code /set-000/img-00001.jpg},
 * and a {@code /robots.txt} that allows everything, each after {@code --latency-ms} (default
 * 50), on a {@link LatencyServer}. The files are memory-mapped once at start: bodies come from
 * the page cache, not from a heap the size of the corpus, and no disk read waits in a request.
 * Only the files found at start are served; any other path is a 404, so no request reaches
 * outside the root. {@code /stats} counts images, robots and other requests, and
 * {@code image_count}.
 *
 * <pre>java -cp ... io.harvest.testing.ImageBenchServer --root DIR --latency-ms 50 --port-file F</pre>
 */
public final class ImageBenchServer extends LatencyServer {
    private static final byte[] ROBOTS = "User-agent: *\nAllow: /\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NOT_FOUND = "not found\n".getBytes(StandardCharsets.UTF_8);
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final Map<String, String> TYPES = Map.of("jpg", "image/jpeg", "jpeg", "image/jpeg",
            "png", "image/png", "gif", "image/gif", "bmp", "image/bmp", "webp", "image/webp");

    private final Map<String, ByteBuffer> files;

    ImageBenchServer(Path root, long latencyMs, int timerThreads) {
        super(latencyMs, timerThreads, List.of("images", "robots", "other"));
        this.files = mapAll(root);
    }

    /** Every non-hidden file under {@code root}, by its URL path ({@code /a/b.jpg}). */
    private static Map<String, ByteBuffer> mapAll(Path root) {
        Map<String, ByteBuffer> found = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                Path relative = root.relativize(file);
                boolean hidden = false;
                for (Path part : relative) {
                    hidden |= part.toString().startsWith(".");
                }
                if (!hidden) {
                    try (FileChannel channel = FileChannel.open(file)) {
                        found.put("/" + relative.toString().replace('\\', '/'),
                                channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    @Override
    protected Answer answer(String path) {
        if (path.equals("/robots.txt")) {
            return Answer.of(200, TEXT, ROBOTS, "robots");
        }
        ByteBuffer body = files.get(path);
        if (body == null) {
            return Answer.of(404, TEXT, NOT_FOUND, "other");
        }
        String extension = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return new Answer(200, TYPES.getOrDefault(extension, "application/octet-stream"), body, "images");
    }

    @Override
    protected String moreStats() {
        return "\"image_count\": " + files.size();
    }

    int imageCount() {
        return files.size();
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args, 50, List.of("root"));
        String root = options.own().get("root");
        if (root == null) {
            throw new IllegalArgumentException("--root <folder of images> is required");
        }
        ImageBenchServer handler = new ImageBenchServer(Path.of(root), options.latencyMs(), options.timerThreads());
        serve(handler, options, "image-bench-server", handler.imageCount() + " files of " + root
                + " on http://127.0.0.1:{port}/<relative path>, latency " + options.latencyMs() + " ms");
    }
}
