#!/usr/bin/env python3
"""Speed of the Python package beside the CLI, measured in one run.

    python3 scripts/bench-python.py ../shared/corpora/polnear/dev/text [--cli target/release/attest] [--repeat 3]

Prints, best of --repeat runs each: the CLI's `attest extract DIR` on one
thread (RAYON_NUM_THREADS=1) and the same job from Python (loading the models,
reading the files, `extract_many(threads=1)`, `to_json()`), whose ratio is the
Python layer's cost; then `extract_many` over documents already read, with
the models already loaded, on one thread and on all cores, whose ratio is
its parallel speed-up.
"""

import argparse
import json
import os
import pathlib
import subprocess
import sys
import time

import attest


def best(repeat, run):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=pathlib.Path)
    parser.add_argument("--cli", default=str(pathlib.Path(__file__).resolve().parents[1] / "target/release/attest"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    articles = len(attest.read_documents(args.corpus))

    def cli(threads):
        env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
        subprocess.run([args.cli, "extract", str(args.corpus)], env=env, check=True, stdout=subprocess.DEVNULL)

    def python_end_to_end():
        pipeline = attest.Pipeline()
        for analysis in pipeline.extract_many(attest.read_documents(args.corpus), threads=1):
            analysis.to_json()

    loaded = attest.Pipeline()
    documents = attest.read_documents(args.corpus)

    def python(threads):
        for analysis in loaded.extract_many(documents, threads=threads):
            analysis.to_json()

    figures = {
        "cli_1": best(args.repeat, lambda: cli(1)),
        "python_e2e_1": best(args.repeat, python_end_to_end),
        "python_1": best(args.repeat, lambda: python(1)),
        "python_all": best(args.repeat, lambda: python(cores)),
    }
    print(f"{articles} articles, {cores} cores, best of {args.repeat}")
    for name, seconds in figures.items():
        print(f"  {name:<11} {seconds:7.3f} s  {articles / seconds:7.1f} articles/s")
    overhead = figures["python_e2e_1"] / figures["cli_1"] - 1
    speedup = figures["python_1"] / figures["python_all"]
    print(f"Python layer over the CLI, one thread: {overhead * 100:+.1f}%")
    print(f"extract_many on {cores} cores over one thread: {speedup:.2f}x")
    print(json.dumps({**figures, "overhead": overhead, "speedup": speedup}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
