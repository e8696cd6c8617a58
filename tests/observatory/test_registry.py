"""Registering, editing and deleting collectives through their pages: who may, what the form refuses (in French),
and that a collective whose answers count in results is never deleted."""

from __future__ import annotations

import sqlalchemy as sa

from app.db import db
from observatory.models import Collective, SelfAssessment

VALID = {"name": "La Ferme des Possibles", "commune": "Crest", "departement": "26", "kind": "hameau",
         "phase": "chantier", "networks": ["hls"], "is_listed": "y", "households": "6", "latitude": "44.73",
         "longitude": "5.02", "contact_email": "Contact@Possibles.example", "materials": "bois, paille"}


def by_name(name):
    return db.session.scalar(sa.select(Collective).where(Collective.name == name))


def test_a_researcher_registers_a_collective_shown_on_the_list_and_map(client, login, people, phases):
    login(people.researcher)
    assert "Ajouter un collectif" in client.get("/observatoire/collectifs/").get_data(as_text=True)
    assert client.get("/observatoire/collectifs/nouveau").status_code == 200
    response = client.post("/observatoire/collectifs/nouveau", data=VALID)
    made = by_name("La Ferme des Possibles")
    assert response.status_code == 303 and response.location.endswith(f"/observatoire/collectifs/{made.id}")
    assert (made.kind.value, made.phase.slug, made.households, made.latitude) == ("hameau", "chantier", 6, 44.73)
    assert [p.slug for p in made.networks] == ["hls"] and made.contact_email == "contact@possibles.example"
    points = client.get("/observatoire/collectifs/carte.json").json["collectives"]
    assert [p["name"] for p in points] == ["La Ferme des Possibles"]


def test_the_form_refuses_wrong_values_with_french_messages(client, login, people, phases):
    login(people.researcher)
    wrong = {**VALID, "name": "", "departement": "99", "kind": "chateau", "phase": "inconnue",
             "latitude": "44.7", "longitude": "", "households": "0", "contact_email": "pas-une-adresse"}
    response = client.post("/observatoire/collectifs/nouveau", data=wrong)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    for message in ("Ce champ est obligatoire.", "Département inconnu", "Type de projet inconnu.",
                    "Un nombre entre 1 et 10000.", "Cette adresse e-mail n&#39;est pas valide."):
        assert message in page
    assert 'aria-invalid="true" aria-describedby="name-error"' in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Collective)) == 0
    half_placed = client.post("/observatoire/collectifs/nouveau", data={**VALID, "longitude": ""})
    assert "Donnez la latitude et la longitude, ou aucune des deux." in half_placed.get_data(as_text=True)
    unknown_phase = client.post("/observatoire/collectifs/nouveau", data={**VALID, "phase": "inconnue"})
    assert unknown_phase.status_code == 422 and "Phase inconnue." in unknown_phase.get_data(as_text=True)
    client.post("/observatoire/collectifs/nouveau", data=VALID)
    twice = client.post("/observatoire/collectifs/nouveau", data=VALID)
    assert twice.status_code == 422 and "existe déjà dans cette commune" in twice.get_data(as_text=True)


def test_a_partner_admin_registers_only_in_a_network_they_administer(client, login, people, phases):
    login(people.admin_hls)
    refused = client.post("/observatoire/collectifs/nouveau", data={**VALID, "networks": ["co"]})
    assert refused.status_code == 422
    assert "Choisissez au moins un réseau que vous administrez." in refused.get_data(as_text=True)
    assert client.post("/observatoire/collectifs/nouveau", data=VALID).status_code == 303
    for user in (people.learner_hls, people.editor_co, people.outsider):
        login(user)
        assert client.get("/observatoire/collectifs/nouveau").status_code == 403
        assert client.post("/observatoire/collectifs/nouveau", data={**VALID, "name": "Autre"}).status_code == 403


def test_members_researchers_and_network_admins_edit_others_do_not(client, login, people, create_collective):
    collective = create_collective("Les Choux Lents", networks_=("hls",), members=[people.outsider])
    url = f"/observatoire/collectifs/{collective.id}/modifier"
    login(people.editor_co)
    assert client.get(url).status_code == 403
    assert client.post(url, data={**VALID, "name": "Piraté"}).status_code == 403
    login(people.outsider)  # a member, without any partner
    page = client.get(url).get_data(as_text=True)
    assert 'value="Les Choux Lents"' in page and "Supprimer le collectif" not in page
    response = client.post(url, data={**VALID, "name": "Les Choux Lents", "households": "9", "networks": []})
    assert response.status_code == 303
    db.session.refresh(collective)
    assert collective.households == 9 and collective.networks == []
    login(people.admin_hls)  # no longer in an hls collective: its admin cannot edit it any more
    assert client.get(url).status_code == 403


def test_only_researchers_delete_and_never_a_collective_that_contributed(client, login, people, create_collective):
    from observatory.models import AssessmentGrid

    quiet = create_collective("Silencieux", members=[people.outsider])
    assessed = create_collective("Évalué")
    grid = AssessmentGrid(title="Grille")
    db.session.add_all([grid, SelfAssessment(grid=grid, collective=assessed, scores={})])
    db.session.commit()
    login(people.outsider)
    assert client.post(f"/observatoire/collectifs/{quiet.id}/supprimer").status_code == 403
    login(people.researcher)
    refused = client.post(f"/observatoire/collectifs/{assessed.id}/supprimer")
    assert refused.status_code == 409 and "Retirez-le plutôt de la liste publique" in refused.get_data(as_text=True)
    assert by_name("Évalué") is not None
    quiet_id = quiet.id
    assert client.post(f"/observatoire/collectifs/{quiet_id}/supprimer").status_code == 303
    assert by_name("Silencieux") is None
    assert client.get(f"/observatoire/collectifs/{quiet_id}").status_code == 404
