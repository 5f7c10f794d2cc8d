"""Runs one benchmark command and records what it cost, as one JSON line.

    python timed.py --results FILE --route NAME [--rep N] [--log FILE] [--items N] -- COMMAND...

Whole-process wall time (from before the start to after the exit), CPU time (user + system)
of the process and all its children, their largest resident set and the exit code. The
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", required=True, help="JSON lines file to append to")
    parser.add_argument("--route", required=True)
    parser.add_argument("--rep", type=int, default=1)
    parser.add_argument("--items", type=int, default=0, help="items the command works on")
    parser.add_argument("--log", help="file for the command's output (default: inherit)")
    parser.add_argument("--also-pid", type=int, help="a process of the benchmark outside this command")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command")
    out = open(args.log, "w", encoding="utf-8") if args.log else None
    busy_before, side_before = machine_busy_s(), process_cpu_s(args.also_pid)
    start = time.monotonic()
    proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT if out else None)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    busy, side = machine_busy_s() - busy_before, process_cpu_s(args.also_pid) - side_before
    cpu = usage.ru_utime + usage.ru_stime
    if out:
        out.close()
    row = {
        "route": args.route,
        "started": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "rep": args.rep,
        "items": args.items,
        "wall_s": round(wall, 3),
        "cpu_s": round(cpu, 3),
        "max_rss_mib": round(usage.ru_maxrss / 1024, 1),
        "exit": os.waitstatus_to_exitcode(status),
        "side_cpu_s": round(side, 3),
        "other_cpu_s": round(max(0.0, busy - cpu - side), 3),
        "cores": os.cpu_count(),
    }
    with open(args.results, "a", encoding="utf-8") as f:
        f.write(json.dumps(row) + "\n")
    print(f"  {args.route:<22} rep {args.rep}: {wall:8.2f} s wall, {row['cpu_s']:8.2f} s CPU,"
          f" exit {row['exit']}, others used {row['other_cpu_s']:.1f} s CPU", file=sys.stderr)
    return row["exit"]


if __name__ == "__main__":
    sys.exit(main())
