"""A Spark run's tasks from its event log: time before the first job, the stage, the idle tail.

    python task_timeline.py EVENT_LOG_DIR...

Each directory is a spark.eventLog.dir of one run (scripts/harvest thumbnails ... --conf
spark.eventLog.enabled=true --conf spark.eventLog.dir=file:DIR). The idle tail is the time from
the second-to-last task's end to the last one's: on 2 cores, how long one core waited for the
other at the end. Counts the tasks of every job of the run (a report job after the thumbnails
job included). Needs the zstd command for compressed logs.

    python task_timeline.py --first-stage EVENT_LOG_DIR

prints two numbers for the run's first stage alone (for the thumbnails job, the one that makes
the thumbnails): its seconds from the first task's launch to the last task's end, and the CPU
seconds of its task threads.
"""
import glob
import json
import subprocess
import sys


def events(directory):
    # Spark 4 writes rolling logs: DIR/eventlog_v2_<app>/events_<n>_<app>[.zstd]
    for path in sorted(glob.glob(directory + "/*/events_*")):
        raw = subprocess.run(["zstd", "-dc", path], capture_output=True, check=True).stdout \
            if path.endswith(".zstd") else open(path, "rb").read()
        for line in raw.decode().splitlines():
            yield json.loads(line)


def first_stage(directory):
    """(seconds from the first task's launch to the last one's end, task CPU seconds) of stage 0."""
    tasks = [(e["Task Info"]["Launch Time"], e["Task Info"]["Finish Time"], e["Task Metrics"]["Executor CPU Time"])
             for e in events(directory) if e["Event"] == "SparkListenerTaskEnd" and e["Stage ID"] == 0]
    if not tasks:
        raise SystemExit(directory + ": no task of stage 0")
    return (max(t[1] for t in tasks) - min(t[0] for t in tasks)) / 1000, sum(t[2] for t in tasks) / 1e9


def main():
    if sys.argv[1:2] == ["--first-stage"]:
        print("%.2f %.2f" % first_stage(sys.argv[2]))
        return
    for directory in sys.argv[1:]:
        tasks, app, job = [], None, None
        for e in events(directory):
            kind = e["Event"]
            if kind == "SparkListenerApplicationStart":
                app = e["Timestamp"]
            elif kind == "SparkListenerJobStart" and job is None:
                job = e["Submission Time"]
            elif kind == "SparkListenerTaskEnd":
                info, metrics = e["Task Info"], e["Task Metrics"]
                tasks.append((info["Launch Time"], info["Finish Time"], metrics["Executor CPU Time"] / 1e6,
                              metrics["JVM GC Time"]))
        if not tasks:
            print(directory, "no tasks")
            continue
        ends = sorted(t[1] for t in tasks)
        stage = (ends[-1] - min(t[0] for t in tasks)) / 1000
        tail = (ends[-1] - ends[-2]) / 1000 if len(ends) > 1 else 0.0
        print("%s: %d tasks, app start to first job %.1f s, stage %.1f s, idle tail %.2f s (%.1f%%), "
              "task CPU %.1f s, GC %.1f s" % (directory, len(tasks), (job - app) / 1000, stage, tail,
                                              100 * tail / stage, sum(t[2] for t in tasks) / 1000,
                                              sum(t[3] for t in tasks) / 1000))


if __name__ == "__main__":
    main()
