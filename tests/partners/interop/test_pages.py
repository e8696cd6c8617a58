"""The sync pages, as a partner admin and an editor use them: register, map with a preview, import, log, decide."""

from __future__ import annotations

import sqlalchemy as sa

from app.accounts.models import Role
from app.db import db
from commons.models import Resource
from partners.interop.models import PendingChange, PendingStatus, SyncSource


def test_register_map_and_import_a_yeswiki_from_the_pages(client, login, partner_admin, oasis, taxonomy, yeswiki):
    login(partner_admin)
    assert "Aucune source pour l'instant." in client.get("/partenaires/synchronisation/").get_data(as_text=True)

    refused = client.post("/partenaires/synchronisation/nouvelle", data={
        "name": "Wiki des oasis", "connector": "yeswiki", "url": yeswiki.url, "partner_id": oasis.id})
    assert refused.status_code == 422
    assert "Indiquez le numéro du formulaire Bazar." in refused.get_data(as_text=True)

    created = client.post("/partenaires/synchronisation/nouvelle", data={
        "name": "Wiki des oasis", "connector": "yeswiki", "url": yeswiki.url, "form_id": "1",
        "partner_id": oasis.id})
    assert created.status_code == 302
    source = db.session.scalar(sa.select(SyncSource))
    assert created.location.endswith(f"/partenaires/synchronisation/{source.id}/correspondances")
    assert source.slug == "wiki-des-oasis"

    page = client.get(f"/partenaires/synchronisation/{source.id}/correspondances").get_data(as_text=True)
    assert "Guide pratique" in page and "Gouvernance partagée" in page  # the remote options
    assert "La sociocratie en pratique" in page and "Aperçu des premières entrées" in page
    db.session.expire_all()
    mapping = db.session.get(SyncSource, source.id).mapping
    assert mapping["title"] == "bf_titre" and mapping["kind_field"] == "listeListeTypeRessource"
    assert mapping["themes"]["gouv"] == "gouvernance" and mapping["kinds"]["video"] == "video"  # matched by label

    saved = client.post(f"/partenaires/synchronisation/{source.id}/correspondances", data={
        "title": "bf_titre", "summary": "bf_chapeau", "body": "bf_description", "kind_field": "listeListeTypeRessource",
        "theme_field": "checkboxListeThematiques", "kind_default": "outil", "visibility": "commons",
        "interval_minutes": "60", "kinds.guide": "methode", "themes.jardin": "agriculture",
        "themes.gouv": "gouvernance"})
    assert saved.status_code == 302
    db.session.expire_all()
    source = db.session.get(SyncSource, source.id)
    assert source.interval_minutes == 60 and source.mapping["kinds"]["guide"] == "methode"
    assert source.mapping["themes"]["jardin"] == "agriculture"

    ran = client.post(f"/partenaires/synchronisation/{source.id}/lancer")
    assert ran.status_code == 302
    resources = {r.title: r for r in db.session.scalars(sa.select(Resource))}
    assert resources["Trouver un terrain communal"].kind.slug == "methode"
    assert resources["Trouver un terrain communal"].visibility.value == "commons"
    log = client.get(f"/partenaires/synchronisation/{source.id}").get_data(as_text=True)
    assert "réussie" in log and "flask sync run wiki-des-oasis" in log
    listing = client.get("/partenaires/synchronisation/").get_data(as_text=True)
    assert "Wiki des oasis" in listing and "toutes les 60 min" in listing


def test_a_failed_run_is_explained_in_the_log(client, login, partner_admin, make_source, yeswiki):
    source = make_source("yeswiki", yeswiki.url)
    yeswiki.fault = "html"
    login(partner_admin)
    client.post(f"/partenaires/synchronisation/{source.id}/lancer")
    log = client.get(f"/partenaires/synchronisation/{source.id}").get_data(as_text=True)
    assert "échouée" in log and "page HTML au lieu de JSON" in log and "rien n&#39;a été modifié" in log
    mapping = client.get(f"/partenaires/synchronisation/{source.id}/correspondances")
    assert mapping.status_code == 200 and "La source ne répond pas comme prévu." in mapping.get_data(as_text=True)


def test_the_mapping_page_of_a_semapps_source(client, login, partner_admin, make_source, semapps):
    source = make_source("semapps", semapps.url)
    login(partner_admin)
    page = client.get(f"/partenaires/synchronisation/{source.id}/correspondances").get_data(as_text=True)
    assert "pair:label" in page and "Guide de l&#39;habitat léger" in page
    db.session.expire_all()
    mapping = db.session.get(SyncSource, source.id).mapping
    assert mapping["themes"][f"{semapps.base}/themes/habitat-leger"] == "habitat-leger"  # matched by IRI segment


def test_editors_accept_or_refuse_pending_changes(client, login, make_source, yeswiki, create_user, oasis,
                                                  partner_admin):
    from commons import service as commons
    from partners.interop import service

    editor = create_user(email="editrice@co.example", partner=oasis, role=Role.EDITOR)
    source = make_source("yeswiki", yeswiki.url)
    service.run_source(source)
    db.session.commit()
    titles = {r.title: r for r in db.session.scalars(sa.select(Resource))}
    for title in ("La sociocratie en pratique", "Trouver un terrain communal"):
        commons.update_resource(titles[title], {"authors": "Modifié ici"}, editor)
    db.session.commit()
    for entry_id in ("LaSociocratieEnPratique", "TrouverUnTerrainCommunal"):
        yeswiki.entries[entry_id].update(bf_auteur="Modifié là-bas", date_maj_fiche="2025-12-10 10:00:00")
    service.run_source(source)
    db.session.commit()
    first, second = db.session.scalars(sa.select(PendingChange).order_by(PendingChange.id)).all()

    login(editor)
    page = client.get("/partenaires/synchronisation/modifications").get_data(as_text=True)
    assert "Modifié ici" in page and "Modifié là-bas" in page
    assert client.post(f"/partenaires/synchronisation/modifications/{first.id}/accepter").status_code == 302
    assert client.post(f"/partenaires/synchronisation/modifications/{second.id}/refuser").status_code == 302
    db.session.expire_all()
    assert db.session.get(PendingChange, first.id).status == PendingStatus.ACCEPTED
    assert db.session.get(PendingChange, second.id).status == PendingStatus.REFUSED
    assert db.session.get(Resource, first.record.resource_id).authors == "Modifié là-bas"
    assert db.session.get(Resource, second.record.resource_id).authors == "Modifié ici"
    # decided: gone from the list, and a second decision is a 404
    assert client.post(f"/partenaires/synchronisation/modifications/{first.id}/refuser").status_code == 404
    assert "Rien à examiner." in client.get("/partenaires/synchronisation/modifications").get_data(as_text=True)


def test_who_may_see_what(client, login, logout, make_source, yeswiki, create_user, create_partner, oasis):
    source = make_source("yeswiki", yeswiki.url)
    other = create_partner(slug="hls", name="Hameaux Légers")
    other_admin = create_user(email="admin@hls.example", partner=other, role=Role.ADMIN)
    learner = create_user(email="learner@co.example", partner=oasis, role=Role.LEARNER)

    assert client.get("/partenaires/synchronisation/").location.startswith("/connexion")
    login(learner)
    assert client.get("/partenaires/synchronisation/").status_code == 403
    assert client.get("/partenaires/synchronisation/modifications").status_code == 403
    login(other_admin)
    assert "Source yeswiki" not in client.get("/partenaires/synchronisation/").get_data(as_text=True)
    assert client.get(f"/partenaires/synchronisation/{source.id}").status_code == 404
    assert client.post(f"/partenaires/synchronisation/{source.id}/lancer").status_code == 404
    refused = client.post("/partenaires/synchronisation/nouvelle", data={
        "name": "Détournement", "connector": "semapps", "url": "https://x.example/documents", "partner_id": oasis.id})
    assert refused.status_code == 422 and "Vous n&#39;administrez pas ce partenaire." in refused.get_data(as_text=True)


def test_a_private_address_is_refused_when_registering(client, login, partner_admin, oasis, app, monkeypatch):
    monkeypatch.setitem(app.config, "INTEROP_PRIVATE_HOSTS", "")
    login(partner_admin)
    refused = client.post("/partenaires/synchronisation/nouvelle", data={
        "name": "Interne", "connector": "semapps", "url": "http://10.0.0.7/documents", "partner_id": oasis.id})
    assert refused.status_code == 422 and "réseau privé ou local" in refused.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SyncSource)) == 0
