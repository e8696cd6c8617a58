"""Run benchmark suites and print each figure as one JSON line: {"bench", "figure", "value", "unit"}."""

from __future__ import annotations

import argparse
import json
import sys

from bench import catalogue

#: suite name -> function(quick) yielding (figure, value, unit)
SUITES = {
    "catalogue": catalogue.run,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("suite", choices=[*SUITES, "all"])
    parser.add_argument("--quick", action="store_true", help="smaller data and fewer requests (smoke run)")
    args = parser.parse_args(argv)
    for name in SUITES if args.suite == "all" else [args.suite]:
        for figure, value, unit in SUITES[name](quick=args.quick):
            print(json.dumps({"bench": name, "figure": figure, "value": value, "unit": unit}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
