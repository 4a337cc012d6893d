"""Run every benchmark module (`bench/bench_*.py`), or the ones named on the command line."""

import importlib
import pkgutil
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    names = argv or sorted(
        info.name
        for info in pkgutil.iter_modules([str(Path(__file__).parent)])
        if info.name.startswith("bench_")
    )
    missed = []
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        print(f"== {name} ==", flush=True)
        try:
            module.main()
        except SystemExit as stop:  # a benchmark that missed its target: the others still run
            if stop.code not in (None, 0):
                missed.append(name)
        print(flush=True)
    if missed:
        print(f"missed a target or failed: {', '.join(missed)}", flush=True)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
