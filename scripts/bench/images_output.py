"""What one route of scripts/bench-images left in its output folder, as one JSON object.

    python images_output.py --route img2dataset|harvest --output DIR --input URLS

- rows, by_status, ok: the route's own record of its items (img2dataset: the Parquet file of
  each shard; Harvest: its manifest), and lost = input lines - rows (an item with no row);
  distinct_urls: how many different input URLs the rows name;
- job_s, job_rate: the job's own time (img2dataset: first shard start to last shard end, from
  its <shard>_stats.json; Harvest: elapsed_s and per_s of summary.json);
- files, file_bytes, largest_side, fit: the JPEG thumbnails on disk (outside the manifest),
  their bytes, the largest side seen, and whether every one fits 256x256 with a side of 256
  (the same work for both routes).
Needs pyarrow (img2dataset brings it).
"""
import argparse
import glob
import json
import os
import struct
import sys

import pyarrow.parquet as pq

import benchlib as b

BOX = 256


def jpeg_size(path):
    """(width, height) from a JPEG's frame header, or None."""
    with open(path, "rb") as f:
        data = f.read()
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        length = struct.unpack(">H", data[i + 2:i + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[i + 5:i + 9])
            return width, height
        i += 2 + length
    return None


def thumbnails(output):
    files, total, largest, fit = 0, 0, 0, True
    for root, dirs, names in os.walk(output):
        dirs[:] = [d for d in dirs if d != "manifest" and not d.startswith(".")]
        for name in names:
            if name.lower().endswith((".jpg", ".jpeg")) and not name.startswith("."):
                path = os.path.join(root, name)
                files += 1
                total += os.path.getsize(path)
                size = jpeg_size(path)
                if size is None:
                    fit = False
                    continue
                largest = max(largest, *size)
                fit = fit and max(size) == BOX and min(size) <= BOX
    return {"files": files, "file_bytes": total, "largest_side": largest, "fit": fit and files > 0}


def read_rows(paths, columns):
    """The given columns of Parquet files (those a file lacks come back as None)."""
    rows = []
    for path in paths:
        table = pq.read_table(path)
        present = [c for c in columns if c in table.column_names]
        data = table.select(present).to_pylist()
        rows.extend({c: r.get(c) for c in columns} for r in data)
    return rows


def img2dataset(output):
    rows = read_rows(sorted(glob.glob(os.path.join(output, "*.parquet"))), ["url", "status"])
    stats = [b.load_json(p) for p in glob.glob(os.path.join(output, "*_stats.json"))]
    stats = [s for s in stats if s and s.get("start_time") and s.get("end_time")]
    job_s = max(s["end_time"] for s in stats) - min(s["start_time"] for s in stats) if stats else None
    ok = sum(1 for r in rows if r["status"] == "success")
    return rows, ok, {"job_s": job_s, "job_rate": ok / job_s if job_s else None}


def harvest(output):
    rows = read_rows(sorted(glob.glob(os.path.join(output, "manifest", "*.parquet"))), ["url", "status"])
    summary = b.load_json(os.path.join(output, "summary.json")) or {}
    ok = sum(1 for r in rows if r["status"] == "ok")
    return rows, ok, {"job_s": summary.get("elapsed_s"), "job_rate": summary.get("per_s"), "summary": summary}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--route", choices=["img2dataset", "harvest"], required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--input", required=True, help="the URL list the route read")
    args = parser.parse_args()
    with open(args.input, encoding="utf-8") as f:
        urls = [line.strip() for line in f if line.strip()]
    found = {"input": len(urls)}
    try:
        rows, ok, job = (img2dataset if args.route == "img2dataset" else harvest)(args.output)
    except (OSError, ValueError) as e:  # no output, or a torn Parquet file: no rows to count
        print(f"images_output: {args.route}: {e}", file=sys.stderr)
        rows, ok, job = [], 0, {}
    by_status = {}
    for r in rows:
        by_status[r["status"]] = by_status.get(r["status"], 0) + 1
    found.update({"rows": len(rows), "lost": len(urls) - len(rows), "ok": ok, "by_status": by_status,
                  "distinct_urls": len({r["url"] for r in rows} & set(urls))})
    found.update(job)
    found.update(thumbnails(args.output))
    print(json.dumps(found, sort_keys=True))


if __name__ == "__main__":
    main()
