"""Run benchmark suites and print each figure as one JSON line: {"bench", "figure", "value", "unit"}."""

from __future__ import annotations

import argparse
import inspect
import json
import os
import platform
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


def machine() -> str:
    """The processor and its cores: figures from two machines of the same kind differed by 1.8x (the same
    transcoding took 21.4 CPU s on one, 11.7 on another), so every suite says where it ran."""
    fields = {}
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                key, _, value = line.partition(":")
                fields.setdefault(key.strip(), value.strip())
    except OSError:
        pass
    model = fields.get("model name") or platform.processor() or platform.machine()
    if "cpu family" in fields:  # a virtual machine may name its processor vaguely ("AMD EPYC")
        model += f" (family {fields['cpu family']}, model {fields.get('model', '?')})"
    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}"


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
        print(json.dumps({"bench": name, "figure": "machine", "value": machine(), "unit": "cpu"}), flush=True)
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
