"""The table, the target checks and the docs section of scripts/bench-images.

    python report_images.py --run-dir DIR --images N --latency-ms MS --command "..."
                            --harvest-args "..." [--doc docs/benchmarks.md]

Reads from DIR: results.jsonl (timed.py, with --sample-memory), output-<route>-<rep>.json
(images_output.py), stats-{before,after}-<route>-<rep>.json (the server's counters),
wrk-<connections>.txt (the server's ceiling) and uptime.txt.
"""
import importlib.metadata
import json
import os
import sys

import benchlib as b

ROUTES = {
    "img2dataset": "img2dataset 1.47.0, 2 processes x 64 threads",
    "harvest": "Harvest `images`, local[*]",
}


def served(run_dir, route, rep):
    """(image requests, most requests waiting at once) the server saw during one run."""
    before = b.load_json(os.path.join(run_dir, f"stats-before-{route}-{rep}.json")) or {}
    after = b.load_json(os.path.join(run_dir, f"stats-after-{route}-{rep}.json"))
    if not after:
        return None, None
    return after["images"] - before.get("images", 0), after["most_waiting"]


def figures(run_dir):
    """Per route: the medians over its runs, and the worst of what it lost."""
    out = {}
    for route, rows in b.read_results(os.path.join(run_dir, "results.jsonl")).items():
        outputs = [b.load_json(os.path.join(run_dir, f"output-{route}-{r['rep']}.json")) or {} for r in rows]
        finished = [(r, o) for r, o in zip(rows, outputs) if r["exit"] == 0]
        counts = [served(run_dir, route, r["rep"]) for r in rows]
        rates = [o.get("ok", 0) / r["wall_s"] for r, o in finished if r["wall_s"]]
        ok_images = b.median([o.get("ok") for _, o in finished])
        out[route] = {
            "runs": len(rows),
            "failed_runs": len(rows) - len(finished),
            "timed_out": sum(1 for r in rows if r.get("timed_out")),
            "wall_s": b.median([r["wall_s"] for r, _ in finished]),
            "rate": b.median(rates),
            "spread": b.spread([r["wall_s"] for r, _ in finished]),
            "job_s": b.median([o.get("job_s") for _, o in finished]),
            "job_rate": b.median([o.get("job_rate") for _, o in finished]),
            "cpu_ms": 1000 * b.median([r["cpu_s"] for r, _ in finished]) / ok_images if ok_images else None,
            "pss_mib": b.median([r.get("tree_pss_mib") for r, _ in finished]),
            "rss_mib": b.median([r.get("tree_rss_mib") for r, _ in finished]),
            "largest_process_mib": b.median([r["max_rss_mib"] for r, _ in finished]),
            "processes": max((r.get("most_processes", 0) for r in rows), default=None),
            "ok": min((o.get("ok", 0) for o in outputs), default=None),
            "lost": max((o.get("lost", 0) for o in outputs), default=None),
            "duplicates": max((o.get("rows", 0) - o.get("distinct_urls", 0) for o in outputs), default=None),
            "by_status": outputs[-1].get("by_status") if outputs else None,
            "files": min((o.get("files", 0) for o in outputs), default=None),
            "file_kib": b.median([o["file_bytes"] / o["files"] / 1024 for o in outputs if o.get("files")]),
            "fit": all(o.get("fit") for o in outputs),
            "stage_rate": b.median([(o.get("summary") or {}).get("images_per_s") for _, o in finished]),
            "stage_cpu_ms": b.median([(o.get("summary") or {}).get("cpu_ms_per_image") for _, o in finished]),
            "requests": b.median([c[0] for c in counts]),
            "in_flight": max((c[1] for c in counts if c[1] is not None), default=None),
            "rows": rows,
        }
    return out


def render(fig, images):
    header = ["route", "whole process s", "images/s", "in-job s", "in-job images/s", "CPU ms/image",
              "peak memory of the tree (PSS) MiB", "sum of RSS MiB", "largest process MiB", "processes",
              "ok / input", "lost", "thumbnails (mean KiB, fit 256)", "requests (most at once)", "spread"]
    rows = []
    for route, label in ROUTES.items():
        f = fig.get(route)
        if not f:
            continue
        ok = f"{f['ok']}/{images}" if f["ok"] is not None else "?"
        if f["failed_runs"]:
            ok += f" ({f['failed_runs']} run(s) exited non-zero, {f['timed_out']} timed out)"
        thumbs = f"{f['files']} ({b.fmt(f['file_kib'], 1)}, {'yes' if f['fit'] else 'NO'})"
        rows.append([label, b.fmt(f["wall_s"], 1), b.fmt(f["rate"], 1), b.fmt(f["job_s"], 1),
                     b.fmt(f["job_rate"], 1), b.fmt(f["cpu_ms"], 1), b.fmt(f["pss_mib"], 0),
                     b.fmt(f["rss_mib"], 0), b.fmt(f["largest_process_mib"], 0), f["processes"], ok,
                     f["lost"] if f["lost"] is not None else "?", thumbs,
                     f"{b.fmt(f['requests'], 0)} ({f['in_flight'] if f['in_flight'] is not None else 'n/a'})", b.fmt(f["spread"], 0, "%")])
    return b.table(header, rows)


def ratios(fig):
    h, i = fig.get("harvest"), fig.get("img2dataset")
    if not (h and i):
        return "Ratios Harvest / img2dataset: n/a (both routes are needed)."
    rows = [["images/s, whole process", b.fmt(b.ratio(h["rate"], i["rate"]), 2, "x")],
            ["images/s, in job", b.fmt(b.ratio(h["job_rate"], i["job_rate"]), 2, "x")],
            ["CPU ms per image", b.fmt(b.ratio(h["cpu_ms"], i["cpu_ms"]), 2, "x")],
            ["peak memory of the tree (PSS)", b.fmt(b.ratio(h["pss_mib"], i["pss_mib"]), 2, "x")],
            ["sum of RSS", b.fmt(b.ratio(h["rss_mib"], i["rss_mib"]), 2, "x")]]
    return b.table(["Harvest / img2dataset", "ratio"], rows)


def targets(fig, images):
    h, i = fig.get("harvest"), fig.get("img2dataset")
    if not h:
        return ["- MISSING all targets: Harvest's route did not run (no images job in this checkout?)"]
    lines = [b.check("whole-process images/s, Harvest / img2dataset", b.ratio(h["rate"], i["rate"] if i else None), 2.0)]
    complete = h["lost"] == 0 and h["duplicates"] == 0 and h["failed_runs"] == 0
    lines.append(f"- {'PASS' if complete else 'FAIL'} nothing lost: manifest rows = input lines ({images}) in every run"
                 f" (most lost {h['lost']}, most duplicated {h['duplicates']}, runs exited non-zero {h['failed_runs']})")
    if i and h["pss_mib"] and i["pss_mib"]:
        verdict = "PASS" if h["pss_mib"] <= i["pss_mib"] else "FAIL"
        lines.append(f"- {verdict} peak memory of driver and executors together <= img2dataset's processes together:"
                     f" {h['pss_mib']:.0f} MiB vs {i['pss_mib']:.0f} MiB (PSS; sum of RSS {b.fmt(h['rss_mib'], 0)} vs"
                     f" {b.fmt(i['rss_mib'], 0)} MiB)")
    else:
        lines.append("- MISSING peak memory: not measured for both routes")
    if h["stage_rate"] or h["stage_cpu_ms"]:
        lines.append(f"- INFO Harvest's own summary (its images stage alone, without the session start and the"
                     f" manifest): {b.fmt(h['stage_rate'], 1)} images/s, {b.fmt(h['stage_cpu_ms'], 1)} ms of CPU per image")
    return lines


def bottleneck(fig, ceilings, latency_ms):
    best = max((f["rate"] for f in fig.values() if f["rate"]), default=None)
    if not ceilings:
        return "Server ceiling: not measured (wrk missing)."
    text = b.ceiling_text(ceilings, "images")
    top = max(ceilings.values())
    verdict = ""
    if best:
        verdict = (f" The fastest route made {best:.0f} images/s: {100 * best / top:.0f}% of the ceiling, so the"
                   + (" server was not the bottleneck." if best < 0.5 * top else " server may have been the bottleneck."))
    return (f"Server ceiling (wrk, 2 threads, keep-alive, same list, same {latency_ms:.0f} ms latency, on the same"
            f" cores as wrk itself): {text}.{verdict}")


def load_lines(run_dir):
    try:
        with open(os.path.join(run_dir, "uptime.txt"), encoding="utf-8") as f:
            return [line.rstrip() for line in f if line.strip()]
    except OSError:
        return []


def i2d_version():
    try:
        return importlib.metadata.version("img2dataset")
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def main():
    parser = b.arguments(__doc__)
    parser.add_argument("--images", type=int, required=True)
    parser.add_argument("--latency-ms", type=float, required=True)
    parser.add_argument("--harvest-args", default="")
    args = parser.parse_args()
    fig = figures(args.run_dir)
    all_rows, repeats = b.runs(fig)
    statuses = {route: f["by_status"] for route, f in fig.items()}
    uptime = "\n".join(f"    {line}" for line in load_lines(args.run_dir)) or "    (not recorded)"
    body = f"""## Images: `scripts/bench-images`

{args.images} photo-like JPEGs, 500 to 4000 px on the long edge (`scripts/harvest samples --count
{args.images} --min-size 500 --max-size 4000 --png-share 0`), on a local server in its own JVM
(`ImageBenchServer`, Jetty; files memory-mapped, every answer delayed {args.latency_ms:.0f} ms on a
scheduler, no thread held), all on one host. Each route makes a thumbnail that fits 256x256
(ratio kept, never enlarged), JPEG quality 95, into a folder of files. Medians of {repeats}
run(s) per route, routes interleaved (the order flips every repetition).

{b.noise_note(all_rows)}

Command: `{args.command}`

{bottleneck(fig, b.ceiling(args.run_dir), args.latency_ms)}

{render(fig, args.images)}

{ratios(fig)}

Targets of issue 7:
{chr(10).join(targets(fig, args.images))}

How each route ran:
- img2dataset: `img2dataset --input_format txt --output_format files --image_size 256
  --resize_mode keep_ratio_largest --resize_only_if_bigger True --encode_format jpg
  --encode_quality 95 --processes_count 2 --thread_count 64 --number_sample_per_shard
  {(args.images + 7) // 8} --retries 0 --timeout 10 --distributor multiprocessing` (8 shards:
  img2dataset gives whole shards to its processes). Its `keep_ratio` would make the *shorter*
  side 256 (bigger thumbnails); `keep_ratio_largest` is the same box as Harvest's `fit`.
  In-job: first shard start to last shard end, from its `<shard>_stats.json`.
- Harvest: `scripts/harvest images --size 256x256 --resize-mode fit --format jpg --quality 95
  --allow-loopback {args.harvest_args}`; in-job: `elapsed_s` and `per_s` of its `summary.json`.
  robots.txt obeyed (the server's allows everything). img2dataset has no per-host limit and
  keeps up to 128 requests in flight, so Harvest's per-host limit (2 by default) is raised to
  match unless the command above says otherwise.
- Whole process: wall time of the route's command, start to exit (Python imports, JVM and Spark
  start-up included); images/s = thumbnails made (`ok` rows) / that time. CPU ms/image: user +
  system time of the whole process tree (every process waited for) / thumbnails made.
- Peak memory: the whole process tree sampled every 0.2 s (`timed.py --sample-memory`): the
  sum of PSS (a page shared by n processes counts 1/n in each: what the tree really holds, the
  figure the target uses), the sum of RSS (shared pages counted in every process), and the
  largest single process.
- Lost: input lines - rows of the route's own record (img2dataset: its shards' Parquet files;
  Harvest: its manifest). Statuses of the last run: `{json.dumps(statuses, sort_keys=True)}`.
- Requests: image requests the server answered during the run, and the most it had waiting at
  once (the concurrency the route really reached).
- Load (`uptime`) around each run:
{uptime}

Machine:
{b.machine_lines(b.machine(all_rows, {"Python": sys.version.split()[0], "img2dataset": i2d_version(),
                                       "Harvest": b.checkout(args.run_dir)}))}
"""
    b.publish(body, args.doc, "bench-images")


if __name__ == "__main__":
    main()
