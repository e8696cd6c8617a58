"""Sessions suite: one session of 10,000 learners × 120 steps with realistic progress (2,000 with --quick).

Figures: the facilitator's dashboard (`dashboard_p95_ms`), the learners table with search, sort and pages
(`learners_table_p95_ms`), the CSV export job (`csv_export_s`), and progress ingestion by 200 concurrent
clients posting batches of events to a gunicorn server on loopback (`progress_events_per_s`, `progress_p95_ms`,
`progress_lost_events`: events the clients sent that the database does not hold).

The database is a fresh SQLite file, or TERREAU_BENCH_DATABASE_URL (a PostgreSQL database that will be
emptied) to measure the deployment that carries 200 concurrent writers.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

SEQUENCES, STEPS_PER_SEQUENCE = 12, 10
CLIENTS, BATCH_EVENTS = 200, 10
CHUNK = 5_000


def run(quick: bool = False):
    """Yield (figure, value, unit)."""
    learners, rounds, requests = (2_000, 3, 30) if quick else (10_000, 10, 100)
    with tempfile.TemporaryDirectory(prefix="terreau-bench-") as folder:
        os.environ["TERREAU_INSTANCE_PATH"] = folder
        os.environ.pop("REDIS_URL", None)
        url = os.environ.get("TERREAU_BENCH_DATABASE_URL") or f"sqlite:///{folder}/bench.db"
        from app import create_app
        from app.db import db

        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True, "WTF_CSRF_ENABLED": False})
        with app.app_context():
            _reset(db)
            started = time.perf_counter()
            world = seed(random.Random(2026), learners)
            yield "learners", learners, "count"
            yield "steps", SEQUENCES * STEPS_PER_SEQUENCE, "count"
            yield "seed_s", round(time.perf_counter() - started, 1), "s"
            dashboard_ms, table_ms = measure_pages(app, world, requests)
            yield "dashboard_p95_ms", round(percentile(dashboard_ms, 95), 1), "ms"
            yield "learners_table_p95_ms", round(percentile(table_ms, 95), 1), "ms"
            yield "csv_export_s", round(measure_export(world), 2), "s"
            tokens = make_tokens(world)
            db.session.remove()
            db.engine.dispose()
        events_per_s, p95, lost = measure_ingestion(url, folder, world, tokens, rounds)
        yield "progress_events_per_s", round(events_per_s), "events/s"
        yield "progress_p95_ms", round(p95, 1), "ms"
        yield "progress_lost_events", lost, "count"
        if not url.startswith("sqlite"):
            with app.app_context():
                db.drop_all()
                db.engine.dispose()


def _reset(db) -> None:
    if db.engine.dialect.name == "postgresql":
        with db.engine.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    db.create_all()


def seed(rng: random.Random, learners: int) -> dict:
    """Partner, facilitator, course, session and `learners` enrolments with progress written in bulk."""
    from app.accounts.models import Membership, Partner, Role, User
    from app.db import db
    from courses.models import Course, CourseStatus, Sequence, Step
    from paths.models import CourseSession, Enrolment, SequenceProgress, StepProgress, session_facilitators

    now = datetime.now(UTC)
    partner = Partner(slug="hls", name="Hameaux Légers", short_name="HLS")
    facilitator = User(email="animatrice@bench.example", name="Animatrice")
    db.session.add_all([partner, facilitator])
    db.session.flush()
    db.session.add(Membership(user_id=facilitator.id, partner_id=partner.id, role=Role.FACILITATOR))
    course = Course(owner_partner_id=partner.id, title="Habiter léger", status=CourseStatus.PUBLISHED)
    db.session.add(course)
    db.session.flush()
    for s in range(1, SEQUENCES + 1):
        sequence = Sequence(course_id=course.id, position=s, title=f"Séquence {s}")
        sequence.steps = [Step(position=p, title=f"Étape {s}.{p}") for p in range(1, STEPS_PER_SEQUENCE + 1)]
        db.session.add(sequence)
    db.session.flush()
    session = CourseSession(course_id=course.id, title="Printemps", enrol_opens_at=now - timedelta(days=60),
                            enrol_closes_at=now + timedelta(days=30), opens_at=now - timedelta(days=60),
                            closes_at=now + timedelta(days=120))
    db.session.add(session)
    db.session.flush()
    db.session.execute(sa.insert(session_facilitators), [{"session_id": session.id, "user_id": facilitator.id}])
    steps = [(step.id, step.sequence_id) for sequence in course.sequences for step in sequence.steps]
    first_user = facilitator.id + 1
    for start in range(0, learners, CHUNK):
        users, enrolments, step_rows, sequence_rows = [], [], [], []
        for i in range(start, min(start + CHUNK, learners)):
            user_id, enrolment_id = first_user + i, i + 1
            done = min(len(steps), int(rng.betavariate(1.2, 2.5) * (len(steps) + 1)))
            last = now - timedelta(hours=rng.randint(1, 24 * 40)) if done or rng.random() < 0.5 else None
            users.append({"id": user_id, "email": f"apprenant{i}@bench.example", "name": f"Apprenant·e {i:05d}"})
            enrolments.append({"id": enrolment_id, "session_id": session.id, "user_id": user_id, "steps_done": done,
                               "last_step_id": steps[done - 1][0] if done else None, "last_activity_dt": last,
                               "completed_dt": last if done == len(steps) else None,
                               "created_dt": now - timedelta(days=50), "updated_dt": now, "status": "active",
                               "source": "self"})
            per_sequence: dict[int, int] = {}
            for step_id, sequence_id in steps[:done]:
                step_rows.append({"enrolment_id": enrolment_id, "step_id": step_id, "first_opened_dt": last,
                                  "last_opened_dt": last, "completed_dt": last, "segments": []})
                per_sequence[sequence_id] = per_sequence.get(sequence_id, 0) + 1
            sequence_rows += [{"session_id": session.id, "enrolment_id": enrolment_id, "sequence_id": sequence_id,
                               "steps_done": count,
                               "completed_dt": last if count == STEPS_PER_SEQUENCE else None}
                              for sequence_id, count in per_sequence.items()]
        db.session.execute(sa.insert(User.__table__), users)
        db.session.execute(sa.insert(Enrolment.__table__), enrolments)
        db.session.execute(sa.insert(StepProgress.__table__), step_rows)
        if sequence_rows:
            db.session.execute(sa.insert(SequenceProgress.__table__), sequence_rows)
        db.session.commit()
    if db.engine.dialect.name == "postgresql":
        with db.engine.begin() as conn:
            for table in ("users", "enrolments"):
                conn.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 - fixed names
                                     f"(SELECT max(id) FROM {table}))"))
            conn.execute(sa.text("ANALYZE"))
    return {"session": session.id, "facilitator": facilitator.id, "first_user": first_user, "learners": learners,
            "steps": [step_id for step_id, _ in steps]}


def measure_pages(app, world: dict, requests: int) -> tuple[list[float], list[float]]:
    client = app.test_client()
    with client.session_transaction() as cookie:
        cookie["_user_id"], cookie["_fresh"] = str(world["facilitator"]), True
    base = f"/sessions/{world['session']}/tableau-de-bord"
    rng = random.Random(7)
    variants = [f"{base}?sort={rng.choice(['name', '-progress', 'progress', '-activity'])}"
                f"&page={rng.randint(1, 200)}" + (f"&q={rng.randint(0, 999)}" if rng.random() < 0.3 else "")
                + ("&inactifs=1" if rng.random() < 0.2 else "") for _ in range(requests)]
    for url in (base, *variants[:5]):  # warm-up
        _get(client, url)
    dashboard_ms = [_timed(_get, client, base) for _ in range(requests)]
    table_ms = [_timed(_get, client, url) for url in variants]
    return dashboard_ms, table_ms


def _get(client, url: str) -> None:
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")


def measure_export(world: dict) -> float:
    from app.db import db
    from paths.models import ExportJob
    from paths.tasks import produce_export

    export = ExportJob(session_id=world["session"], requested_by_id=world["facilitator"])
    db.session.add(export)
    db.session.commit()
    started = time.perf_counter()
    done = produce_export(export.id)
    elapsed = time.perf_counter() - started
    if done.status != "done" or done.rows != world["learners"]:
        raise RuntimeError(f"export {done.status}, {done.rows} rows")
    return elapsed


def make_tokens(world: dict) -> list[str]:
    """A bearer token for each of the first CLIENTS learners."""
    from app.accounts.models import ApiToken
    from app.db import db

    tokens, rows = [], []
    for i in range(CLIENTS):
        clear = f"bench-token-{i:04d}-{os.urandom(8).hex()}"
        tokens.append(clear)
        rows.append({"user_id": world["first_user"] + i, "name": "bench", "prefix": clear[:10],
                     "token_hash": ApiToken.hash(clear), "created_dt": datetime.now(UTC),
                     "updated_dt": datetime.now(UTC)})
    db.session.execute(sa.insert(ApiToken.__table__), rows)
    db.session.commit()
    return tokens


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def measure_ingestion(url: str, folder: str, world: dict, tokens: list[str], rounds: int):
    """200 clients, each posting `rounds` batches of BATCH_EVENTS events, retrying a failed batch as is."""
    port = _free_port()
    workers = int(os.environ.get("TERREAU_BENCH_WORKERS", "4"))
    env = {**os.environ, "DATABASE_URL": url, "TERREAU_INSTANCE_PATH": folder}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", str(workers), "-k", "gthread", "--threads", "8",
         "-b", f"127.0.0.1:{port}", "--log-level", "warning", "app:create_app()"], env=env)
    try:
        _wait_for(port)
        latencies: list[float] = []
        sent_ids: list[str] = []
        lock = threading.Lock()
        steps = world["steps"]

        def client(n: int) -> None:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            headers = {"Authorization": f"Bearer {tokens[n]}", "Content-Type": "application/json"}
            mine, times = [], []
            for r in range(rounds):
                events = [{"client_id": f"bench-{n}-{r}-{e}", "session_id": world["session"],
                           "step_id": steps[(r * BATCH_EVENTS + e) % len(steps)],
                           "kind": "opened" if e % 2 else "done"} for e in range(BATCH_EVENTS)]
                body = json.dumps({"events": events})
                for _attempt in range(5):
                    started = time.perf_counter()
                    try:
                        connection.request("POST", "/api/v1/progress", body, headers)
                        response = connection.getresponse()
                        response.read()
                        ok = response.status == 200
                    except (OSError, http.client.HTTPException):
                        connection.close()
                        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                        ok = False
                    times.append((time.perf_counter() - started) * 1000)
                    if ok:
                        mine += [event["client_id"] for event in events]
                        break
            connection.close()
            with lock:
                latencies.extend(times)
                sent_ids.extend(mine)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    expected = CLIENTS * rounds * BATCH_EVENTS
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT count(*) FROM progress_events WHERE client_id LIKE 'bench-%'")).scalar()
    engine.dispose()
    return expected / elapsed, percentile(latencies, 95), expected - stored


def _wait_for(port: int, timeout: float = 60) -> None:
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


def _timed(func, *args) -> float:
    started = time.perf_counter()
    func(*args)
    return (time.perf_counter() - started) * 1000


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]
