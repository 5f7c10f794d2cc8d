"""The seed's URL fetch program (Chris Kiehl, 2013), as scripts/bench-fetch runs it.

    python seed_fetch.py --urls FILE [--limit N] [--threads N]

Reads one URL a line and fetches each with urllib's urlopen(url).read(): with --threads 0 in
the seed's sequential for loop, otherwise with multiprocessing.dummy.Pool(N).map (threads).
A URL that fails is counted, not retried (the seed had no error handling at all).
"""
import argparse
import json
from multiprocessing.dummy import Pool as ThreadPool
from urllib.request import urlopen


def fetch(url):
    try:
        return len(urlopen(url).read())
    except OSError:
        return -1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--urls", required=True)
    parser.add_argument("--limit", type=int, default=0, help="only the first N URLs (0: all)")
    parser.add_argument("--threads", type=int, default=0, help="0: sequential loop")
    args = parser.parse_args()
    with open(args.urls, encoding="utf-8") as f:
        urls = [line.strip() for line in f if line.strip()]
    if args.limit:
        urls = urls[: args.limit]
    if args.threads == 0:
        sizes = [fetch(url) for url in urls]
    else:
        pool = ThreadPool(args.threads)
        sizes = pool.map(fetch, urls)
        pool.close()
        pool.join()
    failed = sum(1 for s in sizes if s < 0)
    print(json.dumps({"urls": len(urls), "failed": failed, "bytes": sum(s for s in sizes if s > 0)}))


if __name__ == "__main__":
    main()
