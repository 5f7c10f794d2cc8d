"""What the benchmark reports share: results files, medians, the machine, docs/benchmarks.md."""
import argparse
import datetime
import glob
import json
import os
import platform
import re
import statistics
import subprocess
import sys


def arguments(doc):
    """The options every report takes (--run-dir, --command, --doc); each adds its own."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--run-dir", required=True)
    parser.add_argument("--command", required=True)
    parser.add_argument("--doc")
    return parser


def runs(fig):
    """(every timed row of every route, the most repeats any route had)."""
    rows = [r for f in fig.values() for r in f["rows"]]
    return rows, max((f["runs"] for f in fig.values()), default=0)


def read_results(path):
    """The rows timed.py wrote, grouped by route: {route: [row, ...]}."""
    by_route = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                by_route.setdefault(row["route"], []).append(row)
    return by_route


def load_json(path):
    """A JSON file's value, or None when it is missing or not JSON."""
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def ceiling(run_dir):
    """{connections: requests/s} of the server, as wrk measured it (common.sh server_ceiling)."""
    found = {}
    for path in glob.glob(os.path.join(run_dir, "wrk-*.txt")):
        with open(path, encoding="utf-8") as f:
            m = re.search(r"Requests/sec:\s+([\d.]+)", f.read())
        if m:
            found[int(re.search(r"wrk-(\d+)", path).group(1))] = float(m.group(1))
    return found


def ceiling_text(ceilings, unit):
    """The server's ceiling as a sentence's words: "700 <unit>/s with 64 connections, ..."."""
    return ", ".join(f"{v:,.0f} {unit}/s with {c} connections" for c, v in sorted(ceilings.items()))


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def spread(values):
    """(max - min) / median, in percent: how much the repeats disagree."""
    values = [v for v in values if v is not None]
    if len(values) < 2:
        return None
    return 100.0 * (max(values) - min(values)) / statistics.median(values)


def fmt(value, digits=1, suffix=""):
    return "n/a" if value is None else f"{value:,.{digits}f}{suffix}"


def ratio(a, b):
    return a / b if a is not None and b else None


def table(header, rows):
    """A Markdown table; also what the scripts print."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def check(name, value, target):
    """One target line: PASS/FAIL when measured, MISSING when the figure could not be taken."""
    if value is None:
        return f"- MISSING {name}: not measured"
    verdict = "PASS" if value >= target else "FAIL"
    return f"- {verdict} {name}: {value:.2f} (target >= {target})"


def run_quietly(command):
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=60)
        return (out.stdout + out.stderr).strip()
    except (OSError, subprocess.TimeoutExpired):
        return ""


def machine(rows, extra=None):
    """The machine a run happened on, and when (its first timed command started)."""
    cpu = ""
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as f:
        mem_kib = int(re.search(r"MemTotal:\s+(\d+)", f.read()).group(1))
    java = run_quietly(["java", "-version"]).splitlines()
    facts = {
        "date": min((r["started"] for r in rows if "started" in r), default=None)
        or datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "cores": str(os.cpu_count()),
        "CPU": cpu or platform.processor(),
        "RAM": f"{mem_kib / 1024 / 1024:.1f} GiB",
        "OS": platform.platform(),
        "Java": java[1] if len(java) > 1 else (java[0] if java else "?"),
    }
    facts.update(extra or {})
    return facts


def checkout(run_dir):
    """What the bench script recorded of the checkout it measured (commit, branch)."""
    try:
        with open(os.path.join(run_dir, "checkout.txt"), encoding="utf-8") as f:
            return f.read().strip()
    except OSError:
        return "?"


def machine_lines(facts):
    return "\n".join(f"- {k}: {v}" for k, v in facts.items())


def update_section(doc, name, body):
    """Replaces this benchmark's own section of docs/benchmarks.md, leaving the others alone."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{body.rstrip()}\n{end}"
    text = ""
    if os.path.exists(doc):
        with open(doc, encoding="utf-8") as f:
            text = f.read()
    if not text:
        text = ("# Benchmarks\n\nWritten by the scripts in `scripts/` (`bench-thumbnails`, "
                "`bench-fetch`); each script rewrites only its own section.\n")
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end):]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    os.makedirs(os.path.dirname(doc) or ".", exist_ok=True)
    with open(doc, "w", encoding="utf-8") as f:
        f.write(text)


def publish(body, doc, name):
    """Prints a benchmark's section, and writes it into the docs file when one is given."""
    print(body)
    if doc:
        update_section(doc, name, body)
        print(f"written to {doc}", file=sys.stderr)


def noise_note(rows):
    """Says how much CPU other work on the machine took while the numbers were taken."""
    rows = [r for r in rows if r.get("wall_s")]
    if not rows:
        return ""
    cores = rows[0].get("cores") or os.cpu_count() or 1
    shares = [100.0 * r["other_cpu_s"] / (r["wall_s"] * cores) for r in rows]
    note = (f"Other work on the machine used {min(shares):.0f}% to {max(shares):.0f}% of its"
            f" {cores} cores during the runs (median {statistics.median(shares):.0f}%).")
    if max(shares) > 10:
        note += (" **Taken under load: smoke numbers, not the official result; repeat on a quiet"
                 " machine.**")
    return note
