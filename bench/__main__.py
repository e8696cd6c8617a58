"""Run benchmark suites and print each figure as one JSON line: {"bench", "figure", "value", "unit"}."""

from __future__ import annotations

import argparse
import inspect
import json
import sys

from bench import catalogue, interop, load, observatory, search, sessions, transcode

#: suite name -> function(quick[, options it takes]) yielding (figure, value, unit)
SUITES = {
    "catalogue": catalogue.run,
    "search": search.run,
    "interop": interop.run,
    "observatory": observatory.run,
    "sessions": sessions.run,
    "transcode": transcode.run,
    "load": load.run,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("suite", choices=[*SUITES, "all"])
    parser.add_argument("--quick", action="store_true", help="smaller data and fewer requests (smoke run)")
    parser.add_argument("--docs", type=int, metavar="N", help="documents to generate, for suites that take it")
    parser.add_argument("--seconds", type=float, help="how long the load lasts (load)")
    parser.add_argument("--learners", type=int, help="concurrent learners (load)")
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], help="database(s) to load (load)")
    args = parser.parse_args(argv)
    for name in SUITES if args.suite == "all" else [args.suite]:
        options = {"quick": args.quick}
        accepted = inspect.signature(SUITES[name]).parameters
        for option in ("docs", "seconds", "learners", "backend"):
            if getattr(args, option) is not None and option in accepted:
                options[option] = getattr(args, option)
        for figure, value, unit in SUITES[name](**options):
            print(json.dumps({"bench": name, "figure": figure, "value": value, "unit": unit}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
