"""Benchmarks: `python -m bench <suite> [--quick]` or `python -m bench all`; one JSON line per figure."""
