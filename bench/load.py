"""Load suite: 200 learners browsing and posting progress for 60 s against gunicorn, on SQLite and PostgreSQL.

For each backend the suite seeds a database of its own (SQLite: a file in a temporary instance folder;
PostgreSQL: the database `bench_load` at TERREAU_BENCH_POSTGRES_URL's server, created, then dropped), starts
gunicorn on loopback (bench.server: gthread, 2 processes × 8 threads on the 2-core reference machine) and drives
the learners from this process, then prints per backend `<backend>_requests_per_s`, `<backend>_p50_ms`,
`<backend>_p95_ms`, `<backend>_errors`, `<backend>_<action>_p95_ms` for each kind of request, and
`<backend>_server_cpu_ms_per_request` (CPU the gunicorn processes spent during the measure, per request: on a
machine shared with other work the latencies say how busy the machine was, this figure what a request costs;
the database server's own CPU is not in it).

Data: 400 resources of French prose and the real taxonomy (bench.search's generator, indexed by Whoosh), and
the sessions suite's course (12 sequences × 10 steps, each step showing a published public resource) with one
session where the learners are enrolled, with their past progress. Each learner has an API token (as a player
gets one) and a session cookie, as if it had logged in before: the bench signs the cookie with the server's
secret key rather than posting the login form, because 200 password checks (scrypt, slow on purpose) would take
the server's two cores for tens of seconds before the measure starts and measure nothing the load test is about
(the login form has its own tests).

The job queue is the one each deployment has: SQLite for SQLite, Redis (TERREAU_BENCH_REDIS_URL, default
redis://127.0.0.1:6379/0) for PostgreSQL. Only the login form is rate-limited (10 attempts a minute per
address, for people), and the learners do not use it: nothing the bench does meets a limit, so the server runs
with its production settings. The PostgreSQL run is skipped, with a note on stderr, when PostgreSQL or Redis does
not answer.

The driver (bench.learners) is an asyncio/aiohttp client: a closed model where each learner waits 1 to 5 s
between two actions, as people read a page, so 200 learners offer about 65 requests a second.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import sys
import tempfile

import sqlalchemy as sa

from bench import search as search_bench
from bench import sessions as sessions_bench
from bench.learners import ACTIONS, drive
from bench.server import cpu_seconds, gunicorn, percentile

BACKENDS = ("sqlite", "postgres")
POSTGRES_URL = os.environ.get("TERREAU_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("TERREAU_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
DATABASE = "bench_load"
RESOURCES = 400


def run(quick: bool = False, seconds: float | None = None, learners: int | None = None, backend: str = "both"):
    """Yield (figure, value, unit) for each backend asked for (`both`: sqlite then postgres)."""
    seconds = seconds or (10 if quick else 60)
    learners = learners or (50 if quick else 200)
    for name in BACKENDS if backend == "both" else (backend,):
        with tempfile.TemporaryDirectory(prefix="terreau-bench-load-") as folder:
            os.environ["TERREAU_INSTANCE_PATH"] = folder  # read when `app` is imported: the job queue lives there
            os.environ.pop("REDIS_URL", None)
            with _database(name, folder) as url:
                if url is None:
                    continue
                world = prepare(url, learners)
                with gunicorn(url, folder, {"REDIS_URL": REDIS_URL} if name == "postgres" else {}) as server:
                    cpu = cpu_seconds(server.pid)
                    result = asyncio.run(drive(server.port, world, seconds))
                    after = cpu_seconds(server.pid)
                    result["server_cpu_s"] = after - cpu if cpu is not None and after is not None else None
        yield from figures(name, result)


def figures(backend: str, result: dict):
    """The figures of one backend's run: throughput, latency over every request and per action, errors."""
    latencies = [ms for values in result["latencies"].values() for ms in values]
    yield f"{backend}_learners", result["learners"], "count"
    yield f"{backend}_requests", len(latencies), "count"
    yield f"{backend}_requests_per_s", round(len(latencies) / result["elapsed"], 1), "requests/s"
    yield f"{backend}_p50_ms", round(percentile(latencies, 50), 1), "ms"
    yield f"{backend}_p95_ms", round(percentile(latencies, 95), 1), "ms"
    yield f"{backend}_errors", result["errors"], "count"
    if result["server_cpu_s"] is not None and latencies:
        yield f"{backend}_server_cpu_ms_per_request", round(result["server_cpu_s"] * 1000 / len(latencies), 1), "ms"
    for action in ACTIONS:
        if result["latencies"].get(action):
            yield f"{backend}_{action}_p95_ms", round(percentile(result["latencies"][action], 95), 1), "ms"


@contextlib.contextmanager
def _database(backend: str, folder: str):
    """The URL of an empty database for `backend`, or None (with a note) when its services do not answer."""
    if backend == "sqlite":
        yield f"sqlite:///{folder}/bench.db"
        return
    admin = sa.create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"))
            conn.execute(sa.text(f"CREATE DATABASE {DATABASE}"))
        _ping_redis()
    except Exception as exc:  # noqa: BLE001 - any failure to reach a service means: skip this backend
        print(f"load: PostgreSQL run skipped, {type(exc).__name__}: {exc}".splitlines()[0], file=sys.stderr)
        admin.dispose()
        yield None
        return
    try:
        yield admin.url.set(database=DATABASE).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"))
        admin.dispose()


def _ping_redis() -> None:
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    finally:
        client.close()


def prepare(url: str, learners: int) -> dict:
    """Seed the database at `url` and the search index; returns what the learners need to know."""
    from app import create_app
    from app.db import db
    from commons.search import rebuild

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        db.create_all()
        rng = random.Random(2027)
        choices = search_bench.seed(rng, RESOURCES)
        world = sessions_bench.seed(rng, learners, partner_id=1)
        world["resources"] = _show_resources_in_steps(world["steps"])
        world["tokens"] = sessions_bench.make_tokens(world, learners)
        world["cookies"] = _session_cookies(app, world, learners)
        rebuild(procs=1)
        db.session.remove()
        db.engine.dispose()
    world.update(words=choices["words"], themes=choices["theme"])
    return world


def _show_resources_in_steps(steps: list[int]) -> list[int]:
    """Each step shows one of the published public resources, in turn; returns those resources."""
    from app.db import db
    from commons.models import Resource, Status, Visibility
    from courses.models import Step

    visible = list(db.session.scalars(sa.select(Resource.id).where(
        Resource.status == Status.PUBLISHED, Resource.visibility == Visibility.PUBLIC,
        Resource.is_deleted.is_(False)).order_by(Resource.id)))
    db.session.execute(sa.update(Step), [{"id": step, "resource_id": visible[n % len(visible)]}
                                         for n, step in enumerate(steps)])
    db.session.commit()
    return visible


def _session_cookies(app, world: dict, learners: int) -> list[tuple[str, str]]:
    """(name, value) of each learner's session cookie, as logging in sets it: the user, fresh, and the
    identifier of its browser that Flask-Login's session protection checks (address and user agent)."""
    from flask_login.utils import _create_identifier

    from bench.learners import USER_AGENT

    serializer = app.session_interface.get_signing_serializer(app)
    with app.test_request_context(environ_base={"REMOTE_ADDR": "127.0.0.1"}, headers={"User-Agent": USER_AGENT}):
        browser = _create_identifier()
    return [(app.config["SESSION_COOKIE_NAME"],
             serializer.dumps({"_user_id": str(world["first_user"] + n), "_fresh": True, "_id": browser}))
            for n in range(learners)]
