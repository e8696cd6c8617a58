"""Importing a YesWiki Bazar form over real HTTP: idempotence, updates, archiving, pending changes, bad answers."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.db import db
from commons.models import Resource, ResourceRevision, Status, Visibility
from partners.interop import service
from partners.interop.models import PendingChange, PendingStatus, RunStatus, SyncRecord


def _resources() -> dict[str, Resource]:
    return {r.title: r for r in db.session.scalars(sa.select(Resource))}


def _run(source):
    run = service.run_source(source, "cli")
    db.session.commit()
    return run


@pytest.fixture
def source(yeswiki, make_source):
    return make_source("yeswiki", yeswiki.url)


def test_first_run_imports_validated_entries_with_their_mapping(source, taxonomy, oasis):
    run = _run(source)

    assert run.status == RunStatus.SUCCEEDED, run.message
    assert (run.created, run.updated, run.archived) == (3, 0, 0)
    resources = _resources()
    assert set(resources) == {"La sociocratie en pratique", "Trouver un terrain communal",
                              "Chantier participatif paille et bois"}  # the unvalidated entry stays out
    socio = resources["La sociocratie en pratique"]
    assert socio.status == Status.PUBLISHED and socio.visibility == Visibility.PUBLIC
    assert socio.owner_partner_id == oasis.id
    assert socio.kind.slug == "methode"
    assert [t.slug for t in socio.themes] == ["gouvernance"]
    assert socio.summary == "Décider par consentement dans un collectif d'habitant·es."
    assert "n'est pas l'unanimité" in socio.body and "<p>" not in socio.body
    assert socio.source == "https://oasis.example/sociocratie"
    assert socio.authors == "Collectif de Brignac"
    terrain = resources["Trouver un terrain communal"]
    assert terrain.kind.slug == "dossier"  # "guide" is not mapped: the default kind
    assert sorted(t.slug for t in terrain.themes) == ["financement", "foncier"]
    records = db.session.scalars(sa.select(SyncRecord)).all()
    assert {r.external_id for r in records} == {"LaSociocratieEnPratique", "TrouverUnTerrainCommunal",
                                                "ChantierParticipatifPailleBois"}
    assert all(r.remote_updated for r in records)


def test_a_second_run_creates_no_duplicate_and_fetches_nothing_in_full(source, yeswiki):
    _run(source)
    yeswiki.requests.clear()

    run = _run(source)

    assert run.status == RunStatus.SUCCEEDED
    assert (run.created, run.updated, run.unchanged) == (0, 0, 3)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Resource)) == 3
    assert yeswiki.requests == ["/?api/forms/1/entries/json&fields=id_fiche,date_maj_fiche"]


def test_a_changed_entry_updates_its_resource_with_a_revision(source, yeswiki):
    _run(source)
    entry = yeswiki.entries["TrouverUnTerrainCommunal"]
    entry["bf_titre"] = "Trouver un terrain communal ou intercommunal"
    entry["checkboxListeThematiques"] = "foncier"
    entry["date_maj_fiche"] = "2025-11-02 17:45:00"
    yeswiki.requests.clear()

    run = _run(source)

    assert (run.created, run.updated, run.unchanged) == (0, 1, 2)
    resource = _resources()["Trouver un terrain communal ou intercommunal"]
    assert [t.slug for t in resource.themes] == ["foncier"]
    comments = [r.comment for r in db.session.scalars(sa.select(ResourceRevision).where(
        ResourceRevision.resource_id == resource.id).order_by(ResourceRevision.number))]
    assert comments[-1] == "Mise à jour depuis Source yeswiki"
    assert "/?api/forms/1/entries/json/TrouverUnTerrainCommunal" in yeswiki.requests  # only the changed one


def test_a_removed_entry_is_archived_and_comes_back_when_restored_remotely(source, yeswiki):
    _run(source)
    removed = yeswiki.entries.pop("ChantierParticipatifPailleBois")

    run = _run(source)

    assert run.archived == 1
    resource = _resources()["Chantier participatif paille et bois"]
    assert resource.status == Status.ARCHIVED and not resource.is_deleted
    yeswiki.entries["ChantierParticipatifPailleBois"] = removed
    run = _run(source)
    db.session.refresh(resource)
    assert resource.status == Status.PUBLISHED
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Resource)) == 3


def test_an_entry_unvalidated_remotely_is_archived(source, yeswiki):
    _run(source)
    yeswiki.entries["LaSociocratieEnPratique"]["statut_fiche"] = "0"  # an anonymous reader no longer sees it
    run = _run(source)
    assert run.archived == 1
    assert _resources()["La sociocratie en pratique"].status == Status.ARCHIVED


def test_a_local_edit_then_a_remote_change_waits_as_a_pending_change(source, yeswiki, partner_admin):
    from commons import service as commons

    _run(source)
    resource = _resources()["La sociocratie en pratique"]
    commons.update_resource(resource, {"summary": "Notre résumé, réécrit ici."}, partner_admin)
    db.session.commit()
    entry = yeswiki.entries["LaSociocratieEnPratique"]
    entry["bf_chapeau"] = "Le résumé changé sur le wiki."
    entry["date_maj_fiche"] = "2025-12-01 09:00:00"

    run = _run(source)

    assert (run.updated, run.pending) == (0, 1)
    db.session.refresh(resource)
    assert resource.summary == "Notre résumé, réécrit ici."  # never overwritten silently
    change = db.session.scalar(sa.select(PendingChange))
    assert change.status == PendingStatus.PENDING
    assert change.preview["summary"] == "Le résumé changé sur le wiki."
    # the same remote state on the next run proposes nothing new
    assert _run(source).pending == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PendingChange)) == 1


def test_accepting_a_pending_change_makes_a_normal_revision(source, yeswiki, partner_admin, create_user, oasis):
    from app.accounts.models import Role
    from commons import service as commons

    editor = create_user(email="editrice@co.example", partner=oasis, role=Role.EDITOR)
    _run(source)
    resource = _resources()["La sociocratie en pratique"]
    commons.update_resource(resource, {"title": "La sociocratie, en pratique"}, editor)
    db.session.commit()
    yeswiki.entries["LaSociocratieEnPratique"].update(bf_chapeau="Nouveau résumé du wiki.",
                                                      date_maj_fiche="2025-12-01 09:00:00")
    _run(source)
    change = db.session.scalar(sa.select(PendingChange))

    service.accept_change(change, editor)
    db.session.commit()

    db.session.refresh(resource)
    assert resource.summary == "Nouveau résumé du wiki." and resource.title == "La sociocratie en pratique"
    last = db.session.scalar(sa.select(ResourceRevision).where(ResourceRevision.resource_id == resource.id)
                             .order_by(ResourceRevision.number.desc()).limit(1))
    assert last.author_id == editor.id and last.snapshot["summary"] == "Nouveau résumé du wiki."
    # in sync again: the next remote change applies directly
    yeswiki.entries["LaSociocratieEnPratique"].update(bf_chapeau="Encore changé.", date_maj_fiche="2025-12-02 09:00:00")
    assert _run(source).updated == 1


def test_refusing_keeps_the_local_version_and_is_not_proposed_again(source, yeswiki, partner_admin):
    from commons import service as commons

    _run(source)
    resource = _resources()["La sociocratie en pratique"]
    commons.update_resource(resource, {"summary": "Local."}, partner_admin)
    db.session.commit()
    yeswiki.entries["LaSociocratieEnPratique"].update(bf_chapeau="Distant.", date_maj_fiche="2025-12-01 09:00:00")
    _run(source)
    service.refuse_change(db.session.scalar(sa.select(PendingChange)), partner_admin)
    db.session.commit()

    yeswiki.entries["LaSociocratieEnPratique"]["date_maj_fiche"] = "2025-12-03 09:00:00"  # touched, same content
    run = _run(source)

    assert run.pending == 0
    db.session.refresh(resource)
    assert resource.summary == "Local."


@pytest.mark.parametrize(("fault", "expected"), [
    ("malformed", "JSON mal formé"),
    ("wrong_type", "au lieu de JSON"),
    ("html", "page HTML"),
    ("server_error", "HTTP 500"),
    ("slow", "Délai dépassé"),
])
def test_a_bad_answer_aborts_the_first_run_with_nothing_written(source, yeswiki, short_timeout, fault, expected):
    yeswiki.fault, yeswiki.slow_seconds = fault, 2

    run = _run(source)

    assert run.status == RunStatus.FAILED
    assert expected in run.message and "rien n'a été modifié" in run.message
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Resource)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SyncRecord)) == 0


def test_a_partial_answer_midway_aborts_and_keeps_the_previous_state(source, yeswiki):
    _run(source)
    for entry_id, title in (("LaSociocratieEnPratique", "Sociocratie v2"), ("TrouverUnTerrainCommunal", "Terrain v2")):
        yeswiki.entries[entry_id].update(bf_titre=title, date_maj_fiche="2025-12-05 10:00:00")
    yeswiki.entries.pop("ChantierParticipatifPailleBois")
    yeswiki.fault = "partial"  # the batch of full entries comes back with one missing

    run = _run(source)

    assert run.status == RunStatus.FAILED and "Réponse partielle" in run.message
    titles = set(_resources())
    assert "Sociocratie v2" not in titles and "Terrain v2" not in titles
    assert all(r.status == Status.PUBLISHED for r in _resources().values())  # nothing archived either


def test_an_entry_without_title_is_a_malformed_answer(source, yeswiki):
    yeswiki.entries["TrouverUnTerrainCommunal"]["bf_titre"] = ""
    run = _run(source)
    assert run.status == RunStatus.FAILED and "n'a pas de titre" in run.message
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Resource)) == 0


def test_an_importer_who_lost_their_rights_stops_the_run(source, partner_admin):
    from app.accounts.models import Membership

    db.session.execute(sa.delete(Membership).where(Membership.user_id == partner_admin.id))
    db.session.commit()
    db.session.expire_all()
    run = _run(source)
    assert run.status == RunStatus.FAILED and "ne peut plus publier" in run.message


def test_private_addresses_and_redirects_are_refused(source, yeswiki, app, monkeypatch, serve):
    from werkzeug.utils import redirect

    monkeypatch.setitem(app.config, "INTEROP_PRIVATE_HOSTS", "")
    run = _run(source)
    assert run.status == RunStatus.FAILED and "réseau privé ou local" in run.message
    assert yeswiki.requests == []  # refused before any request left
    monkeypatch.setitem(app.config, "INTEROP_PRIVATE_HOSTS", "127.0.0.1")
    source.url = serve(lambda environ, start: redirect(yeswiki.url)(environ, start)) + "/"
    db.session.commit()
    run = _run(source)
    assert run.status == RunStatus.FAILED and "redirige vers" in run.message
