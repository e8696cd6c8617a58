"""Catalogue suite: the filtered listing of the API, and the same query run directly in SQL.

A fresh SQLite database gets a taxonomy, three partners and 20,000 resources (2,000 with --quick). The same
filter combinations then go to `GET /api/v1/resources/` (anonymously and as a partner member) and, as SQL, through
`commons.service.catalogue_query`, the function behind the API: the ratio is what the web layer costs.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlencode

import sqlalchemy as sa

#: how many terms of each taxonomy to create
TAXONOMY_SIZES = {"kind": 11, "theme": 13, "phase": 7, "licence": 4}
PARTNERS = ("hpf", "hls", "co")
YEARS = range(2005, 2026)
STATUSES = {"published": 70, "draft": 10, "in_review": 10, "archived": 10}
VISIBILITIES = {"public": 50, "commons": 35, "partner": 15}
BATCH = 2_000
PER_PAGE = 20


def run(quick: bool = False):
    """Yield (figure, value, unit)."""
    size, requests = (2_000, 60) if quick else (20_000, 400)
    with tempfile.TemporaryDirectory(prefix="terreau-bench-") as folder:
        os.environ["TERREAU_INSTANCE_PATH"] = folder  # read when `app` is imported: the job queue lives there
        os.environ.pop("REDIS_URL", None)
        from app import create_app
        from app.db import db

        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db", "TESTING": True})
        with app.app_context():
            db.create_all()
            rng = random.Random(2024)
            choices = seed(rng, size)
            api_ms, sql_ms = measure(app, [random_filters(rng, choices) for _ in range(requests)])
            db.engine.dispose()
    api_p95, sql_p95 = percentile(api_ms, 95), percentile(sql_ms, 95)
    yield "resources", size, "count"
    yield "api_p50_ms", round(statistics.median(api_ms), 2), "ms"
    yield "api_p95_ms", round(api_p95, 2), "ms"
    yield "sql_p95_ms", round(sql_p95, 2), "ms"
    yield "api_to_sql_p95_ratio", round(api_p95 / sql_p95, 2), "ratio"


def seed(rng: random.Random, size: int) -> dict[str, list]:
    """Taxonomy, partners, a member and `size` resources, in bulk; returns the values filters may take."""
    from app.accounts.models import Membership, Partner, Role, User
    from app.db import db
    from commons.models import Kind, Licence, Phase, Theme

    models = {"kind": Kind, "theme": Theme, "phase": Phase, "licence": Licence}
    for name, model in models.items():
        db.session.execute(sa.insert(model.__table__), [
            {"id": i, "slug": f"{name}-{i}", "label": f"{name} {i}", "position": i}
            for i in range(1, TAXONOMY_SIZES[name] + 1)])
    db.session.execute(sa.insert(Partner.__table__), [
        {"id": i, "slug": slug, "name": slug.upper(), "short_name": slug.upper()}
        for i, slug in enumerate(PARTNERS, start=1)])
    member = User(email="membre@bench.example", name="Membre")
    db.session.add(member)
    db.session.add(Membership(user=member, partner_id=2, role=Role.LEARNER))
    insert_resources(rng, size)
    db.session.commit()
    slugs = {name: [f"{name}-{i}" for i in range(1, TAXONOMY_SIZES[name] + 1)] for name in ("kind", "theme", "phase")}
    return {**slugs, "partner": list(PARTNERS), "year": list(YEARS)}


def insert_resources(rng: random.Random, size: int) -> None:
    """Resources with random taxonomy, owners, workflow and dates, plus their theme/phase/co-owner links."""
    from app.db import db
    from commons.models import Resource, resource_co_owners, resource_phases, resource_themes

    def pick(weights: dict) -> str:
        return rng.choices(list(weights), list(weights.values()))[0]

    for start in range(1, size + 1, BATCH):
        ids = range(start, min(start + BATCH, size + 1))
        resources, themes, phases, co_owners = [], [], [], []
        for i in ids:
            published = datetime(rng.choice(YEARS), 1, 1, tzinfo=UTC) + timedelta(days=rng.randrange(365))
            owner = rng.randint(1, len(PARTNERS))
            resources.append({
                "id": i, "title": f"Ressource {i}", "summary": "Résumé de la ressource.",
                "kind_id": rng.randint(1, TAXONOMY_SIZES["kind"]), "owner_partner_id": owner,
                "licence_id": rng.randint(1, TAXONOMY_SIZES["licence"]), "status": pick(STATUSES),
                "visibility": pick(VISIBILITIES), "published_dt": published, "is_deleted": rng.random() < 0.02,
                "content_date": date(rng.choice(YEARS), rng.randint(1, 12), 1) if rng.random() < 0.7 else None,
            })
            themes += [{"resource_id": i, "theme_id": t}
                       for t in rng.sample(range(1, TAXONOMY_SIZES["theme"] + 1), rng.randint(1, 3))]
            phases += [{"resource_id": i, "phase_id": p}
                       for p in rng.sample(range(1, TAXONOMY_SIZES["phase"] + 1), rng.randint(1, 2))]
            if rng.random() < 0.1:
                co_owners.append({"resource_id": i, "partner_id": owner % len(PARTNERS) + 1})
        db.session.execute(sa.insert(Resource.__table__), resources)
        for table, rows in ((resource_themes, themes), (resource_phases, phases), (resource_co_owners, co_owners)):
            if rows:
                db.session.execute(sa.insert(table), rows)


def random_filters(rng: random.Random, choices: dict[str, list]) -> tuple[dict, int]:
    """Each of kind, theme, phase, partner and year with even odds, and one of the first three pages."""
    return {name: [rng.choice(values)] for name, values in choices.items() if rng.random() < 0.5}, rng.randint(1, 3)


def measure(app, cases: list[tuple[dict, int]]) -> tuple[list[float], list[float]]:
    """Milliseconds per API request and per SQL run of the same listing, alternating anonymous and member."""
    from flask_login import AnonymousUserMixin

    from app.accounts.models import User
    from app.db import db

    member = db.session.scalar(sa.select(User))
    anonymous_client, member_client = app.test_client(), app.test_client()
    with member_client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = str(member.id), True
    visitors = [(anonymous_client, AnonymousUserMixin()), (member_client, member)]
    for client, user in visitors:  # warm-up: caches, compiled statements, lazy imports
        for filters, page in cases[:20]:
            call_api(client, filters, page)
            run_sql(user, filters, page)
    api_ms, sql_ms = [], []
    for n, (filters, page) in enumerate(cases):
        client, user = visitors[n % 2]
        api_ms.append(timed(call_api, client, filters, page))
        sql_ms.append(timed(run_sql, user, filters, page))
    return api_ms, sql_ms


def call_api(client, filters: dict, page: int) -> None:
    query = urlencode({**filters, "page": page, "per_page": PER_PAGE}, doseq=True)
    response = client.get(f"/api/v1/resources/?{query}")
    if response.status_code != 200:
        raise RuntimeError(f"GET /api/v1/resources/?{query} answered {response.status_code}: {response.text[:300]}")


def run_sql(user, filters: dict, page: int) -> None:
    """The API's listing as plain SQL: its count and its page, rows fetched, no ORM objects."""
    from app.db import db
    from commons.service import catalogue_query

    query = catalogue_query(user, filters)
    with db.engine.connect() as conn:
        conn.execute(sa.select(sa.func.count()).select_from(query.order_by(None).subquery())).scalar_one()
        conn.execute(query.limit(PER_PAGE).offset((page - 1) * PER_PAGE)).all()


def timed(func, *args) -> float:
    start = time.perf_counter()
    func(*args)
    return (time.perf_counter() - start) * 1000


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]
