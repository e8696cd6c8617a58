"""`flask sync run`, `flask sync list`, the scheduled runs, the demo sources and the fixture-server command."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from app.db import db, utcnow
from commons.models import Resource
from partners.interop.models import RunStatus, SyncRun, SyncSource


def test_sync_run_by_slug_imports_and_reports(app, make_source, yeswiki):
    source = make_source("yeswiki", yeswiki.url)
    result = app.test_cli_runner().invoke(args=["sync", "run", source.slug])
    assert result.exit_code == 0, result.output
    assert "3 créée(s)" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Resource)) == 3
    assert db.session.scalar(sa.select(SyncRun.trigger)) == "cli"


def test_sync_run_fails_with_exit_code_1(app, make_source, yeswiki):
    source = make_source("yeswiki", yeswiki.url)
    yeswiki.fault = "malformed"
    result = app.test_cli_runner().invoke(args=["sync", "run", str(source.id)])
    assert result.exit_code == 1 and "JSON mal formé" in result.output
    unknown = app.test_cli_runner().invoke(args=["sync", "run", "inconnue"])
    assert unknown.exit_code != 0 and "aucune source" in unknown.output


def test_sync_list_and_queue(app, make_source, yeswiki):
    source = make_source("yeswiki", yeswiki.url)
    listing = app.test_cli_runner().invoke(args=["sync", "list"])
    assert source.slug in listing.output and "jamais" in listing.output
    queued = app.test_cli_runner().invoke(args=["sync", "run", source.slug, "--queue"])  # huey runs inline in tests
    assert queued.exit_code == 0 and "worker" in queued.output
    db.session.expire_all()
    assert db.session.scalar(sa.select(SyncRun.status)) == RunStatus.SUCCEEDED


def test_only_due_sources_are_queued(app_ctx, make_source, yeswiki, semapps):
    from partners.interop import tasks

    due = make_source("yeswiki", yeswiki.url, interval_minutes=30)
    manual = make_source("semapps", semapps.url)
    recent = make_source("yeswiki", yeswiki.url, interval_minutes=30)
    recent.last_run_dt = utcnow() - timedelta(minutes=5)
    db.session.commit()

    queued = tasks.interop_queue_due_sources.call_local()

    assert queued == [due.id]
    assert {run.source_id for run in db.session.scalars(sa.select(SyncRun))} == {due.id}
    assert manual.is_due() is False
    db.session.refresh(due)
    assert due.is_due() is False and due.is_due(utcnow() + timedelta(minutes=31)) is True


def test_demo_sources_are_registered_once(app, app_ctx):
    from app.accounts.demo import load_demo_accounts
    from partners.interop.demo import load_demo_sources

    load_demo_accounts()
    db.session.commit()
    assert len(load_demo_sources()) == 2
    assert load_demo_sources() == []
    slugs = set(db.session.scalars(sa.select(SyncSource.slug)))
    assert slugs == {"wiki-des-oasis", "archipel-semapps"}


def test_fixture_server_command_is_offered(app):
    result = app.test_cli_runner().invoke(args=["interop", "fixture-server", "--help"])
    assert result.exit_code == 0 and "yeswiki|semapps" in result.output


def test_a_source_never_mapped_gets_the_automatic_mapping_on_its_first_run(app, make_source, yeswiki):
    source = make_source("yeswiki", yeswiki.url, mapping={})
    result = app.test_cli_runner().invoke(args=["sync", "run", source.slug])
    assert result.exit_code == 0, result.output
    titles = set(db.session.scalars(sa.select(Resource.title)))
    assert "La sociocratie en pratique" in titles
    db.session.expire_all()
    mapping = db.session.get(SyncSource, source.id).mapping
    assert mapping["title"] == "bf_titre" and mapping["themes"]["gouv"] == "gouvernance"


def test_make_run_starts_the_stand_ins_the_demo_sources_point_at(app):
    """`flask serve --demo` starts every registered companion: here the YesWiki and SemApps stand-ins, on the ports
    the demo sources are declared with, through commands the CLI really offers."""
    companions = dict(app.extensions["terreau_demo_companions"])
    assert companions["yeswiki"][-1] == "8061" and companions["semapps"][-1] == "8062"
    for flask_args in companions.values():
        help_text = app.test_cli_runner().invoke(args=[*flask_args, "--help"])
        assert help_text.exit_code == 0, help_text.output
    serve_help = app.test_cli_runner().invoke(args=["serve", "--help"])
    assert "--demo" in serve_help.output
