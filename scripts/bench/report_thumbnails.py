"""The table, the target checks and the docs section of scripts/bench-thumbnails.

    python report_thumbnails.py --run-dir DIR --count N --command "..." [--doc docs/benchmarks.md]

Reads DIR/results.jsonl (timed.py), DIR/thumbnails-made.txt and DIR/summary-<route>-<rep>.json.
"""
import glob
import json
import os
import subprocess
import sys

import benchlib as b

ROUTES = {
    "pillow-loop": "seed for loop, Python + Pillow",
    "pillow-pool": "seed `multiprocessing.Pool().map`, Pillow",
    "vips": "vipsthumbnail, 2 processes at a time",
    "harvest-local1": "Harvest `local[1]`",
    "harvest-local": "Harvest `local[*]`",
    "harvest-java": "Harvest `local[*]`, pure-Java fallback",
}


def summaries(run_dir, route):
    found = []
    for path in sorted(glob.glob(os.path.join(run_dir, f"summary-{route}-*.json"))):
        with open(path, encoding="utf-8") as f:
            found.append(json.load(f))
    return found


def made(run_dir):
    """{route: fewest thumbnails any repeat made}."""
    fewest = {}
    path = os.path.join(run_dir, "thumbnails-made.txt")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                route, _rep, n = line.split()
                fewest[route] = min(fewest.get(route, int(n)), int(n))
    return fewest


def figures(run_dir, count):
    """Per route: medians of the whole-process and in-job figures."""
    results = b.read_results(os.path.join(run_dir, "results.jsonl"))
    thumbs = made(run_dir)
    out = {}
    for route, rows in results.items():
        ok_rows = [r for r in rows if r["exit"] == 0]
        sums = summaries(run_dir, route)
        wall = b.median([r["wall_s"] for r in ok_rows])
        job_s = b.median([s.get("elapsed_s") for s in sums])
        out[route] = {
            "runs": len(rows),
            "failed_runs": len(rows) - len(ok_rows),
            "wall_s": wall,
            "rate": count / wall if wall else None,
            "spread": b.spread([r["wall_s"] for r in ok_rows]),
            "cpu_ms": 1000 * b.median([r["cpu_s"] for r in ok_rows]) / count if ok_rows else None,
            "job_s": job_s,
            "job_rate": b.median([s.get("per_s") for s in sums]),
            "made": thumbs.get(route),
            "failed_items": max((s.get("failed", 0) for s in sums), default=None),
            "decoders": sums[-1].get("decoders") if sums else None,
            "rows": rows,
        }
    return out


def render(fig, count):
    pool = fig.get("pillow-pool", {}).get("rate")
    header = ["route", "whole process s", "images/s", "vs Pillow pool", "in-job s", "in-job images/s",
              "in-job vs Pillow pool", "CPU ms/image", "spread", "thumbnails"]
    rows = []
    for route, label in ROUTES.items():
        f = fig.get(route)
        if not f:
            continue
        made_text = f"{f['made']}/{count}" if f["made"] is not None else "?"
        if f["failed_runs"]:
            made_text += f" ({f['failed_runs']} run(s) exited non-zero)"
        rows.append([label, b.fmt(f["wall_s"], 1), b.fmt(f["rate"], 0), b.fmt(b.ratio(f["rate"], pool), 2, "x"),
                     b.fmt(f["job_s"], 1), b.fmt(f["job_rate"], 0),
                     b.fmt(b.ratio(f["job_rate"], pool), 2, "x"), b.fmt(f["cpu_ms"], 1),
                     b.fmt(f["spread"], 0, "%"), made_text])
    return b.table(header, rows)


def targets(fig):
    def get(route, key):
        return fig.get(route, {}).get(key)
    pool, vips = get("pillow-pool", "rate"), get("vips", "rate")
    lines = [
        # Issue 10's targets; the pure-Java route's is "not slower than before": 0.45x in job,
        # measured at 8a5ec6b on this corpus (docs/benchmarks.md). vipsthumbnail's is issue 2's.
        b.check("in-job local[*] vs Pillow pool", b.ratio(get("harvest-local", "job_rate"), pool), 1.05),
        b.check("whole process local[*] vs Pillow pool", b.ratio(get("harvest-local", "rate"), pool), 0.95),
        b.check(f"in-job local[*] (= local[{os.cpu_count()}]) vs local[1]",
                b.ratio(get("harvest-local", "job_rate"), get("harvest-local1", "job_rate")), 1.85),
        b.check("in-job pure-Java fallback vs Pillow pool (0.45x before)",
                b.ratio(get("harvest-java", "job_rate"), pool), 0.45),
        b.check("whole process local[*] vs vipsthumbnail (issue 2)", b.ratio(get("harvest-local", "rate"), vips), 1.3),
    ]
    pool_cpu, harvest_cpu = get("pillow-pool", "cpu_ms"), get("harvest-local", "cpu_ms")
    if pool_cpu and harvest_cpu:
        lines.append(f"- INFO CPU time per image, steadier than wall time on a busy machine: Harvest local[*]"
                     f" {harvest_cpu:.1f} ms (JVM and Spark start-up included), Pillow pool {pool_cpu:.1f} ms:"
                     f" {pool_cpu / harvest_cpu:.2f}x")
    fallback = get("harvest-java", "decoders") or {}
    if any("turbo" in str(k).lower() for k in fallback):
        lines.append("- NOTE the fallback run still used libjpeg-turbo (decoders " + json.dumps(fallback)
                     + "): the forced fallback did not take; its figure is not the fallback's")
    return lines


def versions(run_dir):
    def run(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
        except OSError:
            return "not installed"
    try:
        import PIL
        from PIL import features
        pillow = f"{PIL.__version__} (libjpeg-turbo {features.version('libjpeg_turbo')})"
    except ImportError:
        pillow = "not installed"
    return {"Python": sys.version.split()[0], "Pillow": pillow, "vips": run(["vips", "--version"]) or "not installed",
            "Harvest": b.checkout(run_dir)}


def main():
    parser = b.arguments(__doc__)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--vips-batch", type=int, required=True)
    args = parser.parse_args()
    fig = figures(args.run_dir, args.count)
    all_rows, repeats = b.runs(fig)
    table = render(fig, args.count)
    checks = targets(fig)
    decoders = {r: fig[r]["decoders"] for r in ("harvest-local1", "harvest-local", "harvest-java")
                if r in fig and fig[r]["decoders"]}
    body = f"""## Thumbnails: `scripts/bench-thumbnails`

{args.count} photo-like JPEGs, 1024x768 to 4000x3000 (`scripts/harvest samples --count {args.count}
--min-size 1024 --max-size 4000 --png-share 0`), thumbnails of 75x75, page cache warmed by a
first read. Medians of {repeats} run(s) per route, routes interleaved.

{b.noise_note(all_rows)}

Command: `{args.command}`

{table}

Targets (issue 10; vipsthumbnail's from issue 2):
{chr(10).join(checks)}

How each route ran:
- Whole process: wall time of the route's command, start to exit, JVM and Spark start-up
  included; images/s = {args.count} / that time. Ratios are against the Pillow pool's whole process
  (its own start-up is a fraction of a second).
- In-job: `elapsed_s` and `per_s` from Harvest's `summary.json` (the job itself, without the
  JVM and Spark start-up).
- Pillow: `scripts/bench/seed_thumbnails.py`, the seed's program: `Image.open`,
  `.thumbnail((75, 75))` (Pillow's default filter; `ANTIALIAS` is gone from Pillow), `save`.
- vipsthumbnail: `--size 75x75`, {args.vips_batch} files per process, 2 processes at a time
  (`xargs -n {args.vips_batch} -P 2`), `VIPS_CONCURRENCY={os.environ.get("VIPS_CONCURRENCY", "1")}`
  (threads per process).
- Harvest: `scripts/harvest thumbnails --driver-memory 512m` (in local mode the driver heap
  holds the executor). The fallback run adds `-Dharvest.image.native=false` (through
  `SPARK_SUBMIT_OPTS`), Harvest's switch off its libjpeg-turbo route.
- Decoders Harvest reported: {json.dumps(decoders) if decoders else "n/a"}
- Spread: (slowest - fastest) / median of the repeats' whole-process times.

Machine:
{b.machine_lines(b.machine(all_rows, versions(args.run_dir)))}
"""
    b.publish(body, args.doc, "bench-thumbnails")


if __name__ == "__main__":
    main()
