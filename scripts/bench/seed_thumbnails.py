"""The seed's thumbnail program (Chris Kiehl, 2013), as scripts/bench-thumbnails runs it.

    python seed_thumbnails.py --mode loop|pool --input DIR --output DIR

For each JPEG under DIR (recursively, sorted): Image.open, .thumbnail((75, 75)), save into the
output folder under the same file name (names are unique in the benchmark corpus). 'loop' is
the seed's for loop, 'pool' its multiprocessing.Pool().map (one process per core). The seed's
Image.ANTIALIAS no longer exists in Pillow; thumbnail()'s own default filter is used, with the
draft (DCT-scaled) decode that thumbnail() does for JPEGs.
"""
import argparse
import os
from functools import partial
from multiprocessing import Pool

from PIL import Image

SIZE = (75, 75)


def image_paths(folder):
    found = []
    for root, _dirs, files in os.walk(folder):
        found.extend(os.path.join(root, f) for f in files if f.lower().endswith((".jpg", ".jpeg")))
    return sorted(found)


def create_thumbnail(filename, output):
    im = Image.open(filename)
    im.thumbnail(SIZE)
    im.save(os.path.join(output, os.path.basename(filename)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=["loop", "pool"], required=True)
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", required=True)
    args = parser.parse_args()
    os.makedirs(args.output, exist_ok=True)
    images = image_paths(args.input)
    make = partial(create_thumbnail, output=args.output)
    if args.mode == "loop":
        for image in images:
            make(image)
    else:
        pool = Pool()
        pool.map(make, images)
        pool.close()
        pool.join()
    print(f"{args.mode}: {len(images)} thumbnails in {args.output}")


if __name__ == "__main__":
    main()
