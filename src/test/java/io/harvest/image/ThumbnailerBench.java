package io.harvest.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A measuring harness, not a test: runs one Thumbnailer, single-threaded, over the JPEGs under
 * a folder and prints images per second of wall time and of CPU time, as Pillow's loop does in
 * scripts/bench-thumbnailer.
 * Each file is read from disk inside the timed loop, as the job does.
 *
 * <pre>ThumbnailerBench DIR [--size 75x75] [--route native|java] [--rounds 3] [--format jpg|png]</pre>
 */
public final class ThumbnailerBench {
    private ThumbnailerBench() {}

    /** CPU time of the whole JVM (GC and JIT threads too): less sensitive to other load than wall time. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        List<ThumbnailSize> sizes = new ArrayList<>();
        boolean useNative = true;
        int rounds = 3;
        OutputFormat format = OutputFormat.SAME;
        for (int i = 1; i < args.length; i += 2) {
            switch (args[i]) {
                case "--size" -> sizes.add(ThumbnailSize.parse(args[i + 1]));
                case "--route" -> useNative = args[i + 1].equals("native");
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--format" -> format = OutputFormat.valueOf(args[i + 1].toUpperCase(java.util.Locale.ROOT));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (sizes.isEmpty()) {
            sizes.add(new ThumbnailSize(75, 75));
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".jpg")).sorted().toList();
        }
        ThumbnailSpec spec = new ThumbnailSpec(sizes, format, 0.75f, ThumbnailSpec.DEFAULT_MAX_PIXELS);
        try (Thumbnailer thumbnailer = new Thumbnailer(spec, useNative ? NativeJpeg.shared() : NativeJpeg.NONE)) {
            for (int round = 0; round < rounds; round++) {
                Map<String, Integer> routes = new TreeMap<>();
                long bytes = 0;
                int failed = 0;
                long start = System.nanoTime();
                long cpuStart = processCpuNanos();
                long threadStart = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                for (Path file : files) {
                    try {
                        Thumbnails made = thumbnailer.make(Files.readAllBytes(file));
                        routes.merge(made.decoder(), 1, Integer::sum);
                        bytes += made.images().get(0).bytes().length;
                    } catch (ImageException e) {
                        failed++;
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpu = (processCpuNanos() - cpuStart) / 1e9;
                double thread = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime()
                        - threadStart) / 1e9;
                System.out.printf("harvest %s %d images %.2fs %.1f img/s, %.1f img/cpu-s (%.1f on this thread alone;"
                        + " failed %d, %d thumbnail bytes) %s%n", thumbnailer.decoderName(), files.size(), seconds,
                        files.size() / seconds, files.size() / cpu, files.size() / thread, failed, bytes, routes);
            }
        }
    }
}
