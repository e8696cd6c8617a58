"""Run benchmark suites and print each figure as one JSON line: {"bench", "figure", "value", "unit"}."""

from __future__ import annotations

import argparse
import inspect
import json
import sys

from bench import catalogue, interop, observatory, search, sessions, transcode

#: suite name -> function(quick[, docs]) yielding (figure, value, unit)
SUITES = {
    "catalogue": catalogue.run,
    "search": search.run,
    "interop": interop.run,
    "observatory": observatory.run,
    "sessions": sessions.run,
    "transcode": transcode.run,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("suite", choices=[*SUITES, "all"])
    parser.add_argument("--quick", action="store_true", help="smaller data and fewer requests (smoke run)")
    parser.add_argument("--docs", type=int, metavar="N", help="documents to generate, for suites that take it")
    args = parser.parse_args(argv)
    for name in SUITES if args.suite == "all" else [args.suite]:
        options = {"quick": args.quick}
        if args.docs is not None and "docs" in inspect.signature(SUITES[name]).parameters:
            options["docs"] = args.docs
        for figure, value, unit in SUITES[name](**options):
            print(json.dumps({"bench": name, "figure": figure, "value": value, "unit": unit}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
