"""Sessions suite: one session of 10,000 learners × 120 steps with realistic progress (2,000 with --quick).

Figures: the facilitator's dashboard (`dashboard_p95_ms`), the learners table with search, sort and pages
(`learners_table_p95_ms`), the CSV export job (`csv_export_s`), and progress ingestion by 200 concurrent
learners posting batches of events to a gunicorn server on loopback.

Progress ingestion runs in two phases against the same server (gunicorn, gthread: TERREAU_BENCH_WORKERS
processes, default 2 as the reference machine has 2 cores, × TERREAU_BENCH_THREADS threads, default 8, since a
request spends much of its time waiting for the database; SQLite in WAL mode, synchronous=NORMAL, busy timeout
15 s, as app.db sets them; the job queue in SQLite too, as `make run` has it):

1. Learners, as players send (`progress_p95_ms`, `progress_p50_ms`): each of the 200 learners (one bearer
   token and one keep-alive connection each) posts what its player noted since the last batch: 1 to 10 events
   (step opened, a 30-second video segment played, step done; 5.5 on average) every PACE_S seconds with
   ±50 % jitter (default 5 s, the busy end of what players do: Open edX and Moodle players report every 5 to
   30 s), from a random start inside the first interval. It is an open model: each learner's send times are
   drawn in advance and never wait for the server's answers, so 200 × 5.5 / 5 ≈ 220 events/s (40 batches/s)
   are offered whatever the server does. The latency of a batch runs from the moment it was due to the moment
   the server accepted it, measured by the client: a learner whose previous batch is still waiting counts
   that delay too (no coordinated omission), and a failed batch counts until its retry succeeds.
   `progress_paced_events_per_s` is the rate ingested in that phase, `progress_paced_offered_events_per_s`
   the rate offered.
2. Saturation (`progress_events_per_s`): the same 200 clients post batches of 10 events back to back, without
   pause: the events per second the server can ingest at most. `progress_saturated_p95_ms` is that phase's
   request latency: with 200 clients always waiting it measures the queue in front of the workers
   (≈ clients / throughput), not what a learner sees, and is reported for information only.

`progress_lost_events` counts, over both phases, events the clients sent and saw accepted that the database
does not hold (a count of the stored events after the server stopped); it must be 0. Every batch is new (fresh
client ids), so each event is stored, not skipped as a duplicate; the events/s figures count accepted events.

The database is a fresh SQLite file, or TERREAU_BENCH_DATABASE_URL (a PostgreSQL database that will be
emptied) to measure the deployment that carries 200 concurrent writers.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from bench.server import gunicorn, percentile

SEQUENCES, STEPS_PER_SEQUENCE = 12, 10
CLIENTS, BATCH_EVENTS = 200, 10
#: mean seconds between two batches of one learner in the paced phase (each interval ±50 %)
PACE_S = float(os.environ.get("TERREAU_BENCH_PACE_S", "5"))
#: events in a learner's batch in the paced phase: what the player noted since the last one
PACED_BATCH = (1, 10)
#: in each sequence, the step at this position is a video to watch to 95 % (the others: viewed)
VIDEO_POSITION, VIDEO_SECONDS = 2, 300.0
CHUNK = 5_000


def run(quick: bool = False):
    """Yield (figure, value, unit)."""
    learners, rounds, requests = (2_000, 4, 30) if quick else (10_000, 15, 100)
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
        figures = measure_ingestion(url, folder, world, tokens, rounds)
        yield "progress_events_per_s", round(figures["saturated_events_per_s"]), "events/s"
        yield "progress_p95_ms", round(figures["paced_p95_ms"], 1), "ms"
        yield "progress_p50_ms", round(figures["paced_p50_ms"], 1), "ms"
        yield "progress_paced_events_per_s", round(figures["paced_events_per_s"]), "events/s"
        yield "progress_paced_offered_events_per_s", round(figures["paced_offered_per_s"]), "events/s"
        yield "progress_saturated_p95_ms", round(figures["saturated_p95_ms"], 1), "ms"
        yield "progress_lost_events", figures["lost"], "count"
        if not url.startswith("sqlite"):
            with app.app_context():
                db.drop_all()
                db.engine.dispose()


def _reset(db) -> None:
    if db.engine.dialect.name == "postgresql":
        with db.engine.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    db.create_all()


def seed(rng: random.Random, learners: int, partner_id: int | None = None) -> dict:
    """Partner (or the existing `partner_id`), facilitator, course, session and `learners` enrolments with
    progress written in bulk."""
    from app.accounts.models import Membership, Partner, Role, User
    from app.db import db
    from courses.models import CompletionRule, Course, CourseStatus, Sequence, Step
    from paths.models import CourseSession, Enrolment, SequenceProgress, StepProgress, session_facilitators

    now = datetime.now(UTC)
    partner = db.session.get(Partner, partner_id) if partner_id else Partner(slug="hls", name="Hameaux Légers",
                                                                               short_name="HLS")
    facilitator = User(email="animatrice@bench.example", name="Animatrice")
    db.session.add_all([partner, facilitator])
    db.session.flush()
    db.session.add(Membership(user_id=facilitator.id, partner_id=partner.id, role=Role.FACILITATOR))
    course = Course(owner_partner_id=partner.id, title="Habiter léger", status=CourseStatus.PUBLISHED)
    db.session.add(course)
    db.session.flush()
    for s in range(1, SEQUENCES + 1):
        sequence = Sequence(course_id=course.id, position=s, title=f"Séquence {s}")
        sequence.steps = [Step(position=p, title=f"Étape {s}.{p}") if p != VIDEO_POSITION else
                          Step(position=p, title=f"Vidéo {s}", completion_rule=CompletionRule.VIDEO,
                               video_seconds=VIDEO_SECONDS) for p in range(1, STEPS_PER_SEQUENCE + 1)]
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
            "steps": [step_id for step_id, _ in steps],
            "videos": {step.id for sequence in course.sequences for step in sequence.steps
                       if step.completion_rule == CompletionRule.VIDEO}}


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


def make_tokens(world: dict, count: int = CLIENTS) -> list[str]:
    """A bearer token for each of the first `count` learners."""
    from app.accounts.models import ApiToken
    from app.db import db

    tokens, rows = [], []
    for i in range(count):
        clear = f"bench-token-{i:04d}-{os.urandom(8).hex()}"
        tokens.append(clear)
        rows.append({"user_id": world["first_user"] + i, "name": "bench", "prefix": clear[:10],
                     "token_hash": ApiToken.hash(clear), "created_dt": datetime.now(UTC),
                     "updated_dt": datetime.now(UTC)})
    db.session.execute(sa.insert(ApiToken.__table__), rows)
    db.session.commit()
    return tokens


def measure_ingestion(url: str, folder: str, world: dict, tokens: list[str], rounds: int) -> dict:
    """The paced phase (`rounds` batches per client, one every PACE_S), then the saturation phase (as many batches
    per client, back to back); see the module's docstring for what each figure means."""
    with gunicorn(url, folder) as server:
        clients = [_Client(n, server.port, tokens[n], world) for n in range(CLIENTS)]
        warm = _phase(clients, "w", 1, None)  # connections open, tokens used once, workers past their first calls
        paced = _phase(clients, "p", rounds, PACE_S)
        saturated = _phase(clients, "s", rounds, None)
        for client in clients:
            client.close()
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT count(*) FROM progress_events WHERE client_id LIKE 'bench-%'")).scalar()
    engine.dispose()
    accepted = warm["accepted"] + paced["accepted"] + saturated["accepted"]
    return {"paced_p95_ms": percentile(paced["latencies"], 95), "paced_p50_ms": percentile(paced["latencies"], 50),
            "paced_events_per_s": paced["accepted"] / paced["elapsed"],
            "paced_offered_per_s": paced["offered"] / paced["span"],
            "saturated_events_per_s": saturated["accepted"] / saturated["elapsed"],
            "saturated_p95_ms": percentile(saturated["latencies"], 95), "lost": accepted - stored}


class _Client:
    """One learner's player: a keep-alive connection, its token, and batches that walk through the course."""

    def __init__(self, n: int, port: int, token: str, world: dict):
        self.n, self.port, self.world = n, port, world
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.position = n * 7  # learners are at different places in the course

    def batch(self, phase: str, r: int, size: int = BATCH_EVENTS) -> tuple[str, int]:
        """`size` events: each step is opened, then watched (a 30-second segment of the video) or marked done."""
        steps, events = self.world["steps"], []
        for e in range(size):
            step = steps[(self.position + (r * BATCH_EVENTS + e) // 2) % len(steps)]
            event = {"client_id": f"bench-{phase}-{self.n}-{r}-{e}", "session_id": self.world["session"],
                     "step_id": step, "kind": "opened" if e % 2 == 0 else "done"}
            if e % 2 and step in self.world["videos"]:
                start = 30.0 * ((r + e) % 10)
                event.update(kind="video", segments=[[start, start + 30.0]], duration=VIDEO_SECONDS)
            events.append(event)
        return json.dumps({"events": events}), len(events)

    def post(self, body: str) -> bool:
        for _attempt in range(5):  # a failed batch is sent again, as is: the server must count it once
            try:
                self.connection.request("POST", "/api/v1/progress", body, self.headers)
                response = self.connection.getresponse()
                response.read()
                if response.status == 200:
                    return True
            except (OSError, http.client.HTTPException):
                self.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        return False

    def close(self) -> None:
        self.connection.close()


def _schedule(rng: random.Random, rounds: int, pace: float | None) -> tuple[list[float], list[int]]:
    """One learner's send times (seconds from the start) and batch sizes. Paced: intervals of `pace` ± 50 %,
    from a random start inside the first one, batches of PACED_BATCH events; drawn before the phase starts, so
    the server's answers never move them (open model). Back to back: no times, batches of BATCH_EVENTS."""
    if not pace:
        return [], [BATCH_EVENTS] * rounds
    times, at = [], rng.uniform(0, pace)
    for _ in range(rounds):
        times.append(at)
        at += rng.uniform(0.5 * pace, 1.5 * pace)
    return times, [rng.randint(*PACED_BATCH) for _ in range(rounds)]


def _phase(clients: list[_Client], phase: str, rounds: int, pace: float | None) -> dict:
    """Every client posts `rounds` batches, on its schedule (paced) or back to back. Latency runs from when the
    batch was due (paced) or sent (back to back) until it was accepted."""
    latencies: list[float] = []
    accepted = [0]
    lock = threading.Lock()
    rng = random.Random(phase)
    schedules = [_schedule(rng, rounds, pace) for _ in clients]
    bodies = [[client.batch(phase, r, size) for r, size in enumerate(sizes)]
              for client, (_times, sizes) in zip(clients, schedules, strict=True)]
    start = time.perf_counter() + 0.5

    def run(client: _Client, times: list[float], batches: list[tuple[str, int]]) -> None:
        mine, count = [], 0
        time.sleep(max(0.0, start - time.perf_counter()))  # every client starts at once
        for r, (body, size) in enumerate(batches):
            due = start + times[r] if times else time.perf_counter()
            if due > time.perf_counter():
                time.sleep(due - time.perf_counter())
            if client.post(body):
                count += size
            mine.append((time.perf_counter() - due) * 1000)
        with lock:
            latencies.extend(mine)
            accepted[0] += count

    threads = [threading.Thread(target=run, args=(client, times, batches))
               for client, (times, _sizes), batches in zip(clients, schedules, bodies, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    span = max((times[-1] for times, _ in schedules), default=0.0) if pace else elapsed
    return {"latencies": latencies, "accepted": accepted[0], "elapsed": elapsed, "span": span or elapsed,
            "offered": sum(size for _, sizes in schedules for size in sizes)}


def _timed(func, *args) -> float:
    started = time.perf_counter()
    func(*args)
    return (time.perf_counter() - started) * 1000

