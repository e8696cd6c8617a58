"""The self-assessment grid builder: the committee creates a grid, adds dimensions and criteria that collectives
then score; once scored, a grid keeps its criteria."""

from __future__ import annotations

import sqlalchemy as sa

from app.db import db
from observatory.models import AssessmentGrid


def test_the_committee_builds_a_grid_that_collectives_then_score(client, login, people, create_collective):
    login(people.researcher)
    assert client.post("/observatoire/grilles/", data={"title": "", "is_active": "y"}).status_code == 422
    response = client.post("/observatoire/grilles/", data={"title": "Sobriété", "description": "Énergie, eau",
                                                           "is_active": "y"})
    grid = db.session.scalar(sa.select(AssessmentGrid))
    assert response.status_code == 303 and response.location.endswith(f"/observatoire/grilles/{grid.id}#constructeur")
    url = f"/observatoire/grilles/{grid.id}"
    assert client.post(f"{url}/dimensions", data={"title": ""}).status_code == 422
    for title in ("Énergie", "Eau"):
        assert client.post(f"{url}/dimensions", data={"title": title}).status_code == 303
    energy, water = grid.dimensions
    for dimension, label in ((energy, "Chauffage sobre"), (energy, "Électricité partagée"), (water, "Eau de pluie")):
        assert client.post(f"{url}/criteres", data={"dimension_id": dimension.id, "label": label}).status_code == 303
    missing = client.post(f"{url}/criteres", data={"label": "Sans dimension"})
    assert missing.status_code == 422 and "Choisissez une dimension." in missing.get_data(as_text=True)
    page = client.get(url).get_data(as_text=True)
    assert "de 0 (pas du tout) à 4 (pleinement)" in page
    assert page.index("Chauffage sobre") < page.index("Électricité partagée") < page.index("Eau de pluie")
    # a member of a collective scores it: one radio group per criterion
    collective = create_collective("Les Choux Lents", members=[people.outsider])
    login(people.outsider)
    form = client.get(f"/observatoire/collectifs/{collective.id}/auto-evaluation/{grid.id}").get_data(as_text=True)
    assert form.count('type="radio"') == 3 * 5
    scores = {f"c{c.id}": "3" for d in grid.dimensions for c in d.criteria}
    assert client.post(f"/observatoire/collectifs/{collective.id}/auto-evaluation/{grid.id}",
                       data=scores).status_code == 303
    # now scored: criteria may be added, not removed
    login(people.researcher)
    refused = client.post(f"{url}/criteres/{energy.criteria[0].id}/supprimer")
    assert refused.status_code == 409 and "pas en retirer" in refused.get_data(as_text=True)
    assert client.post(f"{url}/dimensions/{water.id}/supprimer").status_code == 409
    assert client.post(f"{url}/criteres", data={"dimension_id": water.id, "label": "Toilettes sèches"}
                       ).status_code == 303


def test_removing_criteria_and_dimensions_of_an_unused_grid(client, login, people):
    login(people.researcher)
    client.post("/observatoire/grilles/", data={"title": "Gouvernance"})
    grid = db.session.scalar(sa.select(AssessmentGrid))
    assert grid.is_active is False  # unchecked: not offered to collectives yet
    url = f"/observatoire/grilles/{grid.id}"
    client.post(f"{url}/dimensions", data={"title": "Décisions"})
    client.post(f"{url}/criteres", data={"dimension_id": grid.dimensions[0].id, "label": "Règles connues"})
    client.post(f"{url}/criteres", data={"dimension_id": grid.dimensions[0].id, "label": "Conflits apaisés"})
    assert client.post(f"{url}/criteres/{grid.dimensions[0].criteria[0].id}/supprimer").status_code == 303
    db.session.expire_all()
    assert [(c.label, c.position) for c in grid.dimensions[0].criteria] == [("Conflits apaisés", 0)]
    assert client.post(f"{url}/dimensions/{grid.dimensions[0].id}/supprimer").status_code == 303
    db.session.expire_all()
    assert grid.dimensions == []
    renamed = client.post(url, data={"title": "Gouvernance partagée", "is_active": "y"})
    assert renamed.status_code == 303
    db.session.expire_all()
    assert (grid.title, grid.is_active) == ("Gouvernance partagée", True)


def test_the_builder_is_for_the_committee_only(client, login, people):
    grid = AssessmentGrid(title="Interne")
    db.session.add(grid)
    db.session.commit()
    for user in (people.admin_hls, people.editor_co, people.outsider):
        login(user)
        assert client.get("/observatoire/grilles/").status_code == 403
        assert client.get(f"/observatoire/grilles/{grid.id}").status_code == 403
        assert client.post(f"/observatoire/grilles/{grid.id}/dimensions", data={"title": "X"}).status_code == 403
    login(people.platform)
    assert client.get(f"/observatoire/grilles/{grid.id}").status_code == 200
    assert client.get("/observatoire/grilles/999999").status_code == 404
