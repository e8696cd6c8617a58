"""Observatory suite: usage statistics over many events, and survey results over many responses.

A fresh SQLite database gets three partners, 500 resources and 200,000 usage events over 24 months (20,000 with
--quick), then a survey of 12 questions submitted by 2,000 collectives (300 with --quick). Timed: the statistics
page's three queries (by month, by partner, top resources), the CSV export, and the per-question aggregates with
the 5-respondent rule (what the results page, API and CSV all compute).
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

T0 = datetime(2025, 1, 1, tzinfo=UTC)
KINDS = ("view", "view", "view", "download", "embed_load", "completion")


def run(quick: bool = False):
    """Yield (figure, value, unit)."""
    events, collectives, repeats = (20_000, 300, 5) if quick else (200_000, 2_000, 15)
    with tempfile.TemporaryDirectory(prefix="terreau-bench-") as folder:
        os.environ["TERREAU_INSTANCE_PATH"] = folder
        os.environ.pop("REDIS_URL", None)
        from app import create_app
        from app.db import db

        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db", "TESTING": True})
        with app.app_context():
            db.create_all()
            rng = random.Random(2026)
            seed_usage(rng, events)
            yield "usage_events", events, "count"
            yield from time_usage(repeats)
            survey = seed_survey(rng, collectives)
            yield "survey_responses", collectives, "count"
            yield from time_results(survey, repeats)
            db.engine.dispose()


def _ms(func, repeats: int) -> tuple[float, float]:
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        timings.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(timings), 2), round(max(timings), 2)


def seed_usage(rng: random.Random, count: int) -> None:
    from app.accounts.models import Partner, User
    from app.db import db
    from commons.models import Kind, Resource, Status, Visibility
    from observatory.models import UsageEvent

    db.session.execute(sa.insert(Partner.__table__), [
        {"id": i, "slug": slug, "name": slug.upper(), "short_name": slug.upper()}
        for i, slug in enumerate(("hpf", "hls", "co"), start=1)])
    db.session.execute(sa.insert(Kind.__table__), [{"id": 1, "slug": "video", "label": "Vidéo", "position": 0}])
    db.session.execute(sa.insert(Resource.__table__), [
        {"id": i, "title": f"Ressource {i}", "kind_id": 1, "owner_partner_id": 1 + i % 3,
         "status": Status.PUBLISHED.value, "visibility": Visibility.PUBLIC.value, "version": 1,
         "created_dt": T0, "updated_dt": T0} for i in range(1, 501)])
    db.session.add(User(email="admin@bench.example", name="Admin", is_platform_admin=True))
    start = datetime(2025, 1, 1, tzinfo=UTC)
    rows = []
    for _ in range(count):
        when = start + timedelta(minutes=rng.randrange(0, 60 * 24 * 730))
        resource = rng.randint(1, 500)
        rows.append({"kind": rng.choice(KINDS), "occurred_dt": when,
                     "month": when.strftime("%Y-%m"), "resource_id": resource, "partner_id": 1 + resource % 3,
                     "subject": "", "source": "bench"})
    for index in range(0, len(rows), 5_000):
        db.session.execute(sa.insert(UsageEvent.__table__), rows[index:index + 5_000])
    db.session.commit()


def time_usage(repeats: int):
    from app.accounts.models import User
    from app.db import db
    from observatory.service import usage

    admin = db.session.scalar(sa.select(User))
    for name, func in (("by_month", lambda: usage.by_month()), ("by_partner", lambda: usage.by_partner()),
                       ("top_resources", lambda: usage.top_resources(admin)),
                       ("usage_csv", lambda: usage.usage_csv(admin))):
        p50, worst = _ms(func, repeats)
        yield f"{name}_p50_ms", p50, "ms"
        yield f"{name}_max_ms", worst, "ms"


def seed_survey(rng: random.Random, count: int):
    from app.db import db, utcnow
    from commons.models import Phase
    from observatory.models import Collective, ProjectKind, SurveyInvitation, SurveyResponse, SurveyStatus
    from observatory.service import surveys

    db.session.add(Phase(slug="chantier", label="Chantier"))
    db.session.flush()
    phase = db.session.scalar(sa.select(Phase.id))
    db.session.execute(sa.insert(Collective.__table__), [
        {"id": i, "name": f"Collectif {i}", "commune": "Commune", "departement": f"{10 + i % 80}",
         "kind": rng.choice(list(ProjectKind)).value, "phase_id": phase, "is_listed": True,
         "created_dt": T0, "updated_dt": T0} for i in range(1, count + 1)])
    survey = surveys.create_survey({"title": "Banc d'essai"}, None)
    options = [f"Choix {i}" for i in range(6)]
    for index in range(12):
        kind = ("single", "multiple", "scale", "number", "short_text", "date")[index % 6]
        surveys.add_question(survey, {"label": f"Question {index}", "kind": kind, "options": options})
    surveys.set_status(survey, SurveyStatus.OPEN)
    db.session.execute(sa.insert(SurveyInvitation.__table__), [
        {"id": i, "survey_id": survey.id, "collective_id": i, "nonce": f"n{i}", "reminder_count": 0,
         "created_dt": T0, "updated_dt": T0} for i in range(1, count + 1)])
    now = utcnow()
    responses = []
    for i in range(1, count + 1):
        answers = {}
        for question in survey.questions:
            kind = question.kind.value
            answers[str(question.id)] = {
                "single": rng.choice(options), "multiple": rng.sample(options, 2), "scale": rng.randint(1, 5),
                "number": rng.randint(10, 300), "short_text": f"texte {rng.randint(1, 50)}",
                "date": f"20{rng.randint(10, 25)}-01-01"}[kind]
        responses.append({"invitation_id": i, "answers": answers, "submitted_dt": now, "created_dt": now,
                          "updated_dt": now})
    db.session.execute(sa.insert(SurveyResponse.__table__), responses)
    db.session.commit()
    return survey


def time_results(survey, repeats: int):
    from observatory.service import results

    p50, worst = _ms(lambda: results.survey_results(survey), repeats)
    yield "survey_results_p50_ms", p50, "ms"
    yield "survey_results_max_ms", worst, "ms"
    question = survey.questions[0]
    p50, worst = _ms(lambda: results.cross_tab(survey, question, "departement"), repeats)
    yield "cross_tab_departement_p50_ms", p50, "ms"
    p50, worst = _ms(lambda: results.results_csv(survey), repeats)
    yield "results_csv_p50_ms", p50, "ms"
