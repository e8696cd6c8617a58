"""Importing a SemApps LDP container over real HTTP: remote context, embedded or linked items, bad answers."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.db import db
from commons.models import Resource, Status
from partners.interop import service
from partners.interop.models import PendingChange, RunStatus, SyncRecord


def _run(source):
    run = service.run_source(source, "cli")
    db.session.commit()
    return run


def _titles() -> dict[str, Resource]:
    return {r.title: r for r in db.session.scalars(sa.select(Resource))}


@pytest.fixture
def source(semapps, make_source):
    base = semapps.base
    return make_source("semapps", semapps.url, mapping={
        "kind_field": "pair:hasType", "theme_field": "pair:hasTopic", "kind_default": "outil",
        "kinds": {f"{base}/types/guide": "methode", f"{base}/types/dossier": "dossier"},
        "themes": {f"{base}/themes/habitat-leger": "habitat-leger", f"{base}/themes/urbanisme": "urbanisme",
                   f"{base}/themes/financement": "financement"}})


def test_documents_and_resources_of_the_container_are_imported(source, semapps):
    run = _run(source)

    assert run.status == RunStatus.SUCCEEDED, run.message
    assert run.created == 3
    resources = _titles()
    guide = resources["Guide de l'habitat léger"]
    assert guide.kind.slug == "methode"
    assert sorted(t.slug for t in guide.themes) == ["habitat-leger", "urbanisme"]
    assert guide.summary.startswith("Tiny houses")
    assert guide.source == "https://archipel.example/guide-habitat-leger"
    assert resources["Carte des lieux ouverts"].kind.slug == "outil"  # no pair:hasType: the default
    ids = {r.external_id for r in db.session.scalars(sa.select(SyncRecord))}
    assert ids == {f"{semapps.base}/documents/{slug}" for slug in
                   ("guide-de-l-habitat-leger", "financer-son-oasis", "carte-des-lieux")}
    assert "/.well-known/context.jsonld" in [p.rstrip("?") for p in semapps.requests]  # the remote context


def test_items_given_only_by_iri_are_fetched_one_by_one(source, semapps):
    semapps.containment = "iris"
    run = _run(source)
    assert run.created == 3
    assert "/documents/financer-son-oasis?" in semapps.requests or "/documents/financer-son-oasis" in [
        p.rstrip("?") for p in semapps.requests]


def test_rerun_change_and_removal(source, semapps):
    _run(source)
    assert _run(source).created == 0
    semapps.documents[1]["pair:label"] = "Financer son oasis : le guide 2026"
    semapps.documents[1]["dc:modified"] = "2025-12-24T10:00:00.000Z"
    del semapps.documents[2]

    run = _run(source)

    assert (run.created, run.updated, run.archived, run.unchanged) == (0, 1, 1, 1)
    resources = _titles()
    assert "Financer son oasis : le guide 2026" in resources
    assert resources["Carte des lieux ouverts"].status == Status.ARCHIVED
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Resource)) == 3


def test_local_edit_and_remote_change_give_a_pending_change(source, semapps, partner_admin):
    from commons import service as commons

    _run(source)
    resource = _titles()["Financer son oasis"]
    commons.update_resource(resource, {"body": "Réécrit ici."}, partner_admin)
    db.session.commit()
    semapps.documents[1]["pair:description"] = "Réécrit là-bas."
    semapps.documents[1]["dc:modified"] = "2025-12-24T10:00:00.000Z"

    run = _run(source)

    assert run.pending == 1
    db.session.refresh(resource)
    assert resource.body == "Réécrit ici."
    assert db.session.scalar(sa.select(PendingChange)).preview["body"] == "Réécrit là-bas."


@pytest.mark.parametrize(("fault", "expected"), [
    ("malformed", "JSON mal formé"), ("wrong_type", "au lieu de JSON"), ("html", "page HTML"),
    ("slow", "Délai dépassé"), ("partial", "HTTP 404"),
])
def test_bad_answers_abort_with_nothing_written(source, semapps, short_timeout, fault, expected):
    semapps.fault, semapps.slow_seconds = fault, 2
    run = _run(source)
    assert run.status == RunStatus.FAILED
    assert expected in run.message
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Resource)) == 0


def test_a_document_that_is_not_a_container_is_refused(semapps, make_source):
    source = make_source("semapps", semapps.base + "/documents/financer-son-oasis")
    run = _run(source)
    assert run.status == RunStatus.FAILED and "n'est pas un conteneur LDP" in run.message
