"""Profile what the load suite's requests cost in-process: CPU ms and SQL queries per kind of request.

`python -m bench.profile_requests [--db URL] [--profile KIND] [--repeat N]` seeds a database as bench.load does
(400 resources, the course and its session, 200 learners), then calls each kind of request the learners make
(bench.learners.ACTIONS) through Flask's test client and prints, per kind, the CPU milliseconds (process time,
steadier than wall time on a shared machine) and the SQL statements per request. `--profile KIND` runs that kind
under cProfile and prints the 40 most expensive functions (cumulative).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import pstats
import random
import statistics
import sys
import tempfile
import time

import sqlalchemy as sa

LEARNERS = 200


def _reset_postgres(url: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", help="a PostgreSQL URL whose database will be emptied; default SQLite")
    parser.add_argument("--profile", help="a kind of request to run under cProfile")
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="terreau-profile-")
    os.environ["TERREAU_INSTANCE_PATH"] = folder
    os.environ.pop("REDIS_URL", None)
    url = args.db or f"sqlite:///{folder}/bench.db"
    if url.startswith("postgresql"):
        _reset_postgres(url)
    from bench.load import prepare

    world = prepare(url, LEARNERS)
    from app import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": url})  # production settings, as gunicorn has them
    measure(app, world, args.repeat, args.profile)


def requests_of(world: dict, rng: random.Random, n: int) -> dict:
    """One request of each kind for learner `n`, as bench.learners makes them."""
    from bench.learners import Learner

    learner = Learner.__new__(Learner)
    learner.n, learner.world, learner.rng, learner.sent = n, world, rng, 0
    learner.position = rng.randrange(len(world["steps"]))
    kinds = {}
    for action in ("step", "progress", "catalogue", "resource", "search", "my_sessions"):
        kinds[action] = learner.request(action)
    kinds["catalogue_theme"] = ("GET", f"/ressources/?page=1&theme={rng.choice(world['themes'])}", {})
    return kinds


def measure(app, world: dict, repeat: int, profile_kind: str | None) -> None:
    from app.db import db
    from bench.learners import USER_AGENT

    statements, collecting = [], {"s": 0.0, "since": 0.0}

    def on_gc(phase, info):  # time spent collecting garbage: part of a request's CPU
        if phase == "start":
            collecting["since"] = time.process_time()
        else:
            collecting["s"] += time.process_time() - collecting["since"]

    gc.callbacks.append(on_gc)
    if os.environ.get("GC_FREEZE"):  # as gunicorn.conf.py does once a worker has loaded the app
        gc.freeze()
    with app.app_context():
        sa.event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append([a[2], time.process_time()]))
        sa.event.listen(db.engine, "after_cursor_execute",
                        lambda *a: statements[-1].__setitem__(1, time.process_time() - statements[-1][1]))
    rng = random.Random(7)
    clients = {}
    cpu, queries, garbage, in_sql = {}, {}, {}, {}
    profiler = cProfile.Profile() if profile_kind else None
    for r in range(repeat):
        n = rng.randrange(LEARNERS)
        if n not in clients:
            client = app.test_client()
            name, value = world["cookies"][n]
            client.set_cookie(name, value)
            clients[n] = client
        client = clients[n]
        for kind, (method, path, options) in requests_of(world, rng, n).items():
            kwargs = {"headers": {"User-Agent": USER_AGENT, **options.get("headers", {})}}
            if "data" in options:
                kwargs["data"] = options["data"]
            if "params" in options:
                kwargs["query_string"] = options["params"]
            statements.clear()
            if profiler and kind == profile_kind and r:
                profiler.enable()
            collecting["s"] = 0.0
            started = time.process_time()
            response = client.open(path, method=method, **kwargs)
            spent = time.process_time() - started
            if profiler:
                profiler.disable()
            if response.status_code != 200:
                print(f"{kind}: {response.status_code} {path}", file=sys.stderr)
            if r:  # the first round warms caches (templates, compiled queries)
                cpu.setdefault(kind, []).append(spent * 1000)
                queries.setdefault(kind, []).append(len(statements))
                garbage.setdefault(kind, []).append(collecting["s"] * 1000)
                in_sql.setdefault(kind, []).append(sum(spent for _, spent in statements) * 1000)
            if r == 1 and os.environ.get("SHOW_SQL") == kind:
                print("\n".join(f"{spent * 1000:6.2f} ms  {sql[:300]}" for sql, spent in statements))
    for kind in cpu:
        print(f"{kind:16} cpu_ms median {statistics.median(cpu[kind]):7.1f}  mean {statistics.mean(cpu[kind]):7.1f}"
              f"  gc_ms mean {statistics.mean(garbage[kind]):5.1f}  sql_ms mean {statistics.mean(in_sql[kind]):5.1f}"
              f"  queries median {statistics.median(queries[kind]):5.0f} max {max(queries[kind])}")
    if profiler:
        stats = pstats.Stats(profiler).sort_stats("cumulative")
        stats.print_stats(os.environ.get("PROFILE_FILTER", ""), 60)
        if os.environ.get("PROFILE_DUMP"):
            stats.dump_stats(os.environ["PROFILE_DUMP"])


if __name__ == "__main__":
    main()
