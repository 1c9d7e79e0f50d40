"""Run every benchmark in bench/: `python -m bench` (or `make bench`)."""

import importlib
import pkgutil
import sys
from pathlib import Path

import bench


def main() -> int:
    names = sys.argv[1:] or [
        module.name
        for module in pkgutil.iter_modules([str(Path(bench.__file__).parent)])
        if module.name.startswith("bench_")
    ]
    for name in names:
        print(f"== {name}")
        importlib.import_module(f"bench.{name}").main()
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
