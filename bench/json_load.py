#!/usr/bin/env python3
"""The parsing-only baseline: json.load of the file, nothing else.

    json_load.py FILE...

Prints one JSON line: {"load_s": seconds, "files": n, "bytes": total}. A
directory is walked for *.json files (how ../shared/corpus is measured);
files that are not JSON are skipped and counted as "skipped".
"""
import json
import os
import sys
import time


def files_of(paths):
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                dirs.sort()
                for n in sorted(names):
                    if n.lower().endswith(".json"):
                        yield os.path.join(root, n)
        else:
            yield p


def main():
    n = size = skipped = 0
    keep = []
    t0 = time.perf_counter()
    for path in files_of(sys.argv[1:]):
        try:
            with open(path, encoding="utf-8") as f:
                keep.append(json.load(f))  # kept alive, as a loader would
            n += 1
            size += os.path.getsize(path)
        except (ValueError, UnicodeDecodeError):
            skipped += 1
    t1 = time.perf_counter()
    print(json.dumps({"load_s": round(t1 - t0, 3), "files": n, "bytes": size,
                      "skipped": skipped}))


if __name__ == "__main__":
    main()
