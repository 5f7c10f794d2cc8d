"""Where a thumbnails run's wall time went, from an async-profiler wall-clock profile.

    python profile_breakdown.py wall.collapsed [interval_ms]

The profile: scripts/harvest thumbnails ... with
SPARK_SUBMIT_OPTS="-agentpath:<async-profiler>/lib/libasyncProfiler.so=start,event=wall,interval=2ms,threads,file=wall.collapsed,collapsed"
(async-profiler from Maven Central: tools.profiler:async-profiler, whose jar holds the library;
the class-data archive must exist first: the agent cannot run while it is dumped).
Task threads' samples are put into stages by the first matching frame; the main thread's by
the phase of the job. Wall mode samples a subset of threads per tick: read the shares, and
scale the seconds by the run's real length.
"""
import collections
import sys

TASK_STAGES = [
    ("read file", "Storage.readFully"), ("write thumbnail", "Storage.writeAtomically"),
    ("jpeg decode (libjpeg-turbo)", "TJDecompressor"), ("decode (ImageIO)", "ImageIoDecoder.decode"),
    ("JPEG header", "JpegHeader"), ("box reduce", "BoxReduce"), ("pixel normalise", "Pixels.normalized"),
    ("jpeg encode", "JPEGImageWriter"), ("resize (thumbnailator)", "Thumbnails$Builder.toOutputStream"),
    ("parquet write", "parquet"), ("manifest rows", "ManifestRows"), ("tally", "Tally"),
    ("output names", "OutputNames"), ("task deserialize", "deserialize"),
    ("thumbnailer, other", "Thumbnailer.make"), ("thumbnail task, other", "ThumbnailTask"),
]
MAIN_PHASES = [
    ("SparkSession start", "SparkSession$Builder.getOrCreate"), ("SparkSession classes", "SparkSession.builder"),
    ("listing", "FileListing"), ("planning", "Balance"), ("tasks running", "Manifest.write"),
    ("summary", "Manifest.summarize"), ("stop", "SparkSession.stop"), ("class loading", "loadClass"),
]


def main():
    path = sys.argv[1]
    interval = float(sys.argv[2]) if len(sys.argv) > 2 else 2.0
    task, main_thread = collections.Counter(), collections.Counter()
    for line in open(path):
        stack, n = line.rsplit(" ", 1)
        n = int(n)
        thread = stack.split(";", 1)[0]
        if thread.startswith("[Executor task"):
            if "Executor$TaskRunner.run" not in stack:
                task["(idle pool thread)"] += n
                continue
            task[next((name for name, frame in TASK_STAGES if frame in stack), "other (JIT, safepoints, Spark)")] += n
        elif thread.startswith("[main"):
            main_thread[next((name for name, frame in MAIN_PHASES if frame in stack), "other")] += n
    busy = sum(v for k, v in task.items() if k != "(idle pool thread)")
    print("task threads, share of busy samples:")
    for name, n in task.most_common():
        if name != "(idle pool thread)":
            print("  %-32s %5.1f%%  %6.1f s sampled" % (name, 100.0 * n / busy, n * interval / 1000))
    print("main thread:")
    for name, n in main_thread.most_common():
        print("  %-32s %6.1f s sampled" % (name, n * interval / 1000))


if __name__ == "__main__":
    main()
