"""Run every benchmark in bench/: `python -m bench` (or `make bench`); `python -m bench --help`.

Each benchmark runs in its own Python process with a copy of this process's environment: they
set environment variables and configure Django once per process (settings, database), so one
that ran before would otherwise decide the settings of the next.
"""

import argparse
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import bench

ROOT = Path(bench.__file__).resolve().parent.parent


def available() -> list[str]:
    return sorted(
        module.name
        for module in pkgutil.iter_modules([str(Path(bench.__file__).parent)])
        if module.name.startswith("bench_")
    )


def main() -> int:
    names = available()
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "benchmarks",
        nargs="*",
        metavar="BENCHMARK",
        help=f"the benchmarks to run, in this order (default: all of {', '.join(names)})",
    )
    selected = parser.parse_args().benchmarks or names
    if unknown := [name for name in selected if name not in names]:
        parser.error(f"unknown benchmark: {', '.join(unknown)} (choose from {', '.join(names)})")
    failed = []
    for name in selected:
        print(f"== {name}", flush=True)
        code = subprocess.call(
            [sys.executable, "-c", f"import bench.{name}; bench.{name}.main()"],
            cwd=ROOT,
            env=dict(os.environ),
        )
        if code:
            failed.append(name)
            print(f"{name} failed (exit status {code})")
        print(flush=True)
    if failed:
        print(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
