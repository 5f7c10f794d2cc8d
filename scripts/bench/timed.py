"""Runs one benchmark command and records what it cost, as one JSON line.

    python timed.py --results FILE --route NAME [--rep N] [--log FILE] [--items N]
                    [--sample-memory] [--timeout S] -- COMMAND...

Whole-process wall time (from before the start to after the exit), CPU time (user + system)
of the process and all its children, their largest resident set and the exit code. With
--sample-memory, also the peak memory of the whole process tree at once, sampled every
0.2 s: the sum of the resident sets (shared pages counted in every process) and of the
proportional sets (PSS: a page shared by n processes counts 1/n in each, so the sum is what
the tree really holds). With --timeout, the command's process group is killed after S
seconds (exit 124, "timed_out" true). The
machine's noise travels with each number: the CPU time that everything else on the machine
used meanwhile (from /proc/stat, less this command's own and that of --also-pid, e.g. the
benchmark's server, which is reported on its own).
"""
import argparse
import datetime
import json
import os
import subprocess
import sys
import threading
import time


TICKS = os.sysconf("SC_CLK_TCK")


def machine_busy_s():
    """CPU seconds the whole machine has spent busy since boot (all but idle and iowait)."""
    with open("/proc/stat", encoding="utf-8") as f:
        fields = [int(v) for v in f.readline().split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / TICKS


def process_cpu_s(pid):
    """CPU seconds (user + system) of one running process, 0 when there is none."""
    if not pid:
        return 0.0
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS
    except (OSError, IndexError, ValueError):
        return 0.0


def children_by_parent():
    """{ppid: [pid, ...]} of every process on the machine now."""
    found = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            found.setdefault(ppid, []).append(int(entry))
    return found


def tree(root):
    """root and all its descendants alive now."""
    children, pids, i = children_by_parent(), [root], 0
    while i < len(pids):
        pids.extend(children.get(pids[i], []))
        i += 1
    return pids


def memory_kib(pid):
    """(RSS, PSS) of one process in KiB, (0, 0) when it is gone."""
    values = {"Rss:": 0, "Pss:": 0}
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                if parts and parts[0] in values:
                    values[parts[0]] = int(parts[1])
    except OSError:
        pass
    return values["Rss:"], values["Pss:"]


class TreeMemory(threading.Thread):
    """Samples the memory of a process tree until stopped; keeps the peaks of the sums."""

    def __init__(self, root, interval=0.2):
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.peak_rss_kib = self.peak_pss_kib = self.most_processes = 0
        self.done = threading.Event()

    def run(self):
        while not self.done.is_set():
            pids = tree(self.root)
            sums = [sum(v) for v in zip(*(memory_kib(p) for p in pids))] or [0, 0]
            self.peak_rss_kib = max(self.peak_rss_kib, sums[0])
            self.peak_pss_kib = max(self.peak_pss_kib, sums[1])
            self.most_processes = max(self.most_processes, len(pids))
            self.done.wait(self.interval)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", required=True, help="JSON lines file to append to")
    parser.add_argument("--route", required=True)
    parser.add_argument("--rep", type=int, default=1)
    parser.add_argument("--items", type=int, default=0, help="items the command works on")
    parser.add_argument("--log", help="file for the command's output (default: inherit)")
    parser.add_argument("--also-pid", type=int, help="a process of the benchmark outside this command")
    parser.add_argument("--sample-memory", action="store_true", help="peak memory of the whole process tree")
    parser.add_argument("--timeout", type=float, help="seconds before the command's process group is killed")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command")
    out = open(args.log, "w", encoding="utf-8") if args.log else None
    busy_before, side_before = machine_busy_s(), process_cpu_s(args.also_pid)
    started = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    start = time.monotonic()
    proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT if out else None,
                            start_new_session=args.timeout is not None)
    sampler = TreeMemory(proc.pid) if args.sample_memory else None
    if sampler:
        sampler.start()
    timed_out = threading.Event()

    def kill():
        timed_out.set()
        os.killpg(proc.pid, 9)
    timer = threading.Timer(args.timeout, kill) if args.timeout else None
    if timer:
        timer.start()
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    if timer:
        timer.cancel()
    if sampler:
        sampler.done.set()
        sampler.join()
    busy, side = machine_busy_s() - busy_before, process_cpu_s(args.also_pid) - side_before
    cpu = usage.ru_utime + usage.ru_stime
    if out:
        out.close()
    row = {
        "route": args.route,
        "started": started,
        "rep": args.rep,
        "items": args.items,
        "wall_s": round(wall, 3),
        "cpu_s": round(cpu, 3),
        "max_rss_mib": round(usage.ru_maxrss / 1024, 1),
        "exit": 124 if timed_out.is_set() else os.waitstatus_to_exitcode(status),
        "side_cpu_s": round(side, 3),
        "other_cpu_s": round(max(0.0, busy - cpu - side), 3),
        "cores": os.cpu_count(),
    }
    if timer:
        row["timed_out"] = timed_out.is_set()
    if sampler:
        row.update({"tree_rss_mib": round(sampler.peak_rss_kib / 1024, 1),
                    "tree_pss_mib": round(sampler.peak_pss_kib / 1024, 1),
                    "most_processes": sampler.most_processes})
    with open(args.results, "a", encoding="utf-8") as f:
        f.write(json.dumps(row) + "\n")
    print(f"  {args.route:<22} rep {args.rep}: {wall:8.2f} s wall, {row['cpu_s']:8.2f} s CPU,"
          f" exit {row['exit']}, others used {row['other_cpu_s']:.1f} s CPU", file=sys.stderr)
    return row["exit"]


if __name__ == "__main__":
    sys.exit(main())
