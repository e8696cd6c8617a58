"""What the suites that measure a real server share: gunicorn started on loopback, and percentiles.

`gunicorn(url, folder)` runs the app with gthread workers: TERREAU_BENCH_WORKERS processes (default 2, one per
core of the reference machine: Python threads of one process share a core, so more processes than cores only
add context switches) × TERREAU_BENCH_THREADS threads (default 8: a request spends much of its time waiting for
the database or the disk, so each process keeps several in flight).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path


def free_port() -> int:
    """A TCP port nobody listens on at the moment, on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(url: str, folder: str, env: dict[str, str] | None = None):
    """Serve the app on a free loopback port with `url` as its database and `folder` as its instance folder;
    yields the server (`.port`, `.pid`) once /sante answers, and stops it on exit. `env` adds or overrides
    variables."""
    port = free_port()
    workers = os.environ.get("TERREAU_BENCH_WORKERS", "2")
    threads = os.environ.get("TERREAU_BENCH_THREADS", "8")
    # gunicorn.conf.py logs each request to stdout by default: the bench's stdout is for its JSON figures only
    environment = {**os.environ, "DATABASE_URL": url, "TERREAU_INSTANCE_PATH": folder,
                   "TERREAU_ACCESS_LOG": os.devnull, **(env or {})}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", workers, "-k", "gthread", "--threads", threads,
         "-b", f"127.0.0.1:{port}", "--log-level", "warning", "app:create_app()"], env=environment)
    try:
        wait_for(port)
        server.port = port
        yield server
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a worker stuck on a request: do not leave it behind
            server.kill()
            server.wait()


def wait_for(port: int, timeout: float = 60) -> None:
    """Return once GET /sante answers 200 on `port`."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/sante")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) spent so far by the process `pid` and its children (gunicorn's workers), read
    from /proc; None where there is no /proc. On a shared machine, CPU per request is steadier than latency."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        ticks = sum(sum(int(field) for field in Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()[11:13])
                    for p in (pid, *map(int, children)))
    except (OSError, ValueError):
        return None
    return ticks / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], q: int) -> float:
    """The q-th percentile (inclusive method); the single value when there is only one."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]
