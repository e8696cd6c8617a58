"""Testimonies name the collectives they come from (the observatory's registry); a collective's page lists them."""

from __future__ import annotations

import sqlalchemy as sa

from app.db import db


def make_resource(editor, partner, title, kind="temoignage", visibility="public", published=True):
    from commons import service
    from commons.models import Kind, Status, Visibility

    kind_id = db.session.scalar(sa.select(Kind.id).where(Kind.slug == kind))
    resource = service.create_resource({"title": title, "kind_id": kind_id, "owner_partner_id": partner.id,
                                        "visibility": Visibility(visibility),
                                        "summary": f"Résumé de « {title} »."}, editor)
    if published:
        service.change_status(resource, Status.PUBLISHED, editor)
    db.session.commit()
    return resource


def test_an_editor_names_the_collectives_and_the_collective_page_lists_the_testimony(
        client, login, logout, people, networks, create_collective):
    bourdaine = create_collective("La Bourdaine", commune="Crest")
    autre = create_collective("Les Choux Lents", commune="Dieulefit")
    testimony = make_resource(people.editor_co, networks.co, "Dix ans de chantier partagé")
    login(people.editor_co)

    page = client.get(f"/ressources/{testimony.id}").get_data(as_text=True)
    assert "Témoignage de" in page and "Choisir les collectifs" in page
    form = client.get(f"/observatoire/temoignages/{testimony.id}/collectifs").get_data(as_text=True)
    assert "La Bourdaine" in form and "Les Choux Lents" in form
    saved = client.post(f"/observatoire/temoignages/{testimony.id}/collectifs",
                        data={"collective_ids": [str(bourdaine.id)]}, follow_redirects=True)
    assert "Collectifs du témoignage enregistrés." in saved.get_data(as_text=True)
    assert f'/observatoire/collectifs/{bourdaine.id}">La Bourdaine</a>' in saved.get_data(as_text=True)

    logout()
    collective_page = client.get(f"/observatoire/collectifs/{bourdaine.id}").get_data(as_text=True)
    assert "Témoignages du collectif" in collective_page
    assert f'/ressources/{testimony.id}">Dix ans de chantier partagé</a>' in collective_page
    assert "Dix ans de chantier partagé" not in client.get(f"/observatoire/collectifs/{autre.id}").get_data(
        as_text=True)


def test_the_collective_page_lists_only_testimonies_the_reader_may_see(
        client, login, logout, people, networks, create_collective):
    from observatory.service import testimonies

    collective = create_collective("La Bourdaine")
    public = make_resource(people.editor_co, networks.co, "Témoignage public")
    members_only = make_resource(people.editor_co, networks.co, "Témoignage réservé", visibility="partner")
    draft = make_resource(people.editor_co, networks.co, "Témoignage en brouillon", published=False)
    for resource in (public, members_only, draft):
        testimonies.set_collectives(resource, {collective.id}, people.platform)
    db.session.commit()

    page = client.get(f"/observatoire/collectifs/{collective.id}").get_data(as_text=True)
    assert "Témoignage public" in page
    assert "Témoignage réservé" not in page and "Témoignage en brouillon" not in page
    login(people.editor_co)
    page = client.get(f"/observatoire/collectifs/{collective.id}").get_data(as_text=True)
    assert "Témoignage réservé" in page and "Témoignage en brouillon" in page


def test_only_a_testimonys_editors_may_name_its_collectives(client, login, people, networks, create_collective):
    collective = create_collective("La Bourdaine")
    testimony = make_resource(people.editor_co, networks.co, "Dix ans de chantier partagé")
    method = make_resource(people.editor_co, networks.co, "Une méthode", kind="methode")
    url = f"/observatoire/temoignages/{testimony.id}/collectifs"
    assert client.get(url).status_code in (302, 401, 403)  # anonymous: to the login page or refused
    login(people.admin_hls)  # admin of another network
    assert client.post(url, data={"collective_ids": [str(collective.id)]}).status_code == 403
    login(people.editor_co)
    assert client.get(f"/observatoire/temoignages/{method.id}/collectifs").status_code == 404  # not a testimony
    assert "Choisir les collectifs" not in client.get(f"/ressources/{method.id}").get_data(as_text=True)
