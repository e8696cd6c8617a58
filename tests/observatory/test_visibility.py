"""Who sees which collectives and which of their data: the list, the page, the map and the API agree."""

from __future__ import annotations

import pytest


@pytest.fixture
def pair(create_collective, people):
    member = people.outsider  # an account with no partner, member of the unlisted collective only
    listed = create_collective("Les Choux Lents", networks_=("hpf",), contact_email="choux@collectifs.example",
                               latitude=45.75, longitude=4.85)
    unlisted = create_collective("Hameau discret", networks_=("hls",), is_listed=False, members=[member],
                                 contact_email="discret@collectifs.example", latitude=43.1, longitude=2.8)
    return listed, unlisted


#: who sees the unlisted hls collective at all, and who sees contacts (of the collectives they see)
CASES = [
    ("anon", False, False),
    ("learner_hls", True, False),  # a member of one of its networks
    ("admin_hls", True, False),
    ("editor_co", False, False),  # another network
    ("outsider", True, True),  # the collective's own member (sees its contact, not the other's)
    ("researcher", True, True),
    ("platform", True, True),
]


@pytest.mark.parametrize(("who", "sees_unlisted", "sees_contact"), CASES)
def test_collectives_per_role(client, login, people, pair, who, sees_unlisted, sees_contact):
    listed, unlisted = pair
    if who != "anon":
        login(getattr(people, who))
    page = client.get("/observatoire/collectifs/").get_data(as_text=True)
    api = {item["name"] for item in client.get("/api/v1/observatory/collectives").json}
    assert "Les Choux Lents" in page and "Les Choux Lents" in api
    assert ("Hameau discret" in page) is sees_unlisted
    assert ("Hameau discret" in api) is sees_unlisted
    assert client.get(f"/observatoire/collectifs/{unlisted.id}").status_code == (200 if sees_unlisted else 404)
    own = client.get(f"/observatoire/collectifs/{unlisted.id}").get_data(as_text=True)
    other = client.get(f"/observatoire/collectifs/{listed.id}").get_data(as_text=True)
    assert ("discret@collectifs.example" in own) is sees_contact
    # the member of the hameau sees its contact but not the Choux Lents' one
    assert ("choux@collectifs.example" in other) is (sees_contact and who != "outsider")
    # the API never gives contacts
    assert "collectifs.example" not in str(client.get("/api/v1/observatory/collectives").json)


def test_the_list_filters_like_the_api(client, create_collective):
    create_collective("Oasis A", kind="oasis", departement="07", networks_=("co",))
    create_collective("Hameau B", kind="hameau", departement="26", networks_=("hls",))
    create_collective("Habitat C", kind="habitat", phase="montage", departement="26", networks_=("hpf",))
    page = client.get("/observatoire/collectifs/?departement=26&kind=hameau&kind=habitat").get_data(as_text=True)
    assert "Hameau B" in page and "Habitat C" in page and "Oasis A" not in page
    api = client.get("/api/v1/observatory/collectives?departement=26&phase=montage").json
    assert [item["name"] for item in api] == ["Habitat C"]
    assert client.get("/observatoire/collectifs/?kind=chateau").status_code == 400


def test_the_map_places_every_collective_with_coordinates_and_follows_the_filters(client, create_collective):
    placed = create_collective("Les Choux Lents", latitude=45.75, longitude=4.85,
                               contact_email="choux@collectifs.example", contact_phone="04 00 00 00 00")
    create_collective("Sans coordonnées")
    overseas = create_collective("Outre-mer", kind="oasis", departement="974", latitude=-21.1, longitude=55.5)
    create_collective("Caché", is_listed=False, latitude=44.9, longitude=4.9)
    page = client.get("/observatoire/collectifs/?kind=habitat&kind=oasis").get_data(as_text=True)
    # the map reads the same filters as the list
    assert 'data-src="/observatoire/collectifs/carte.json?kind=habitat&amp;kind=oasis"' in page
    points = client.get("/observatoire/collectifs/carte.json?kind=habitat&kind=oasis").json["collectives"]
    assert [p["name"] for p in points] == ["Les Choux Lents", "Outre-mer"]
    assert points[0] == {"id": placed.id, "name": "Les Choux Lents", "commune": "Commune de Les Choux Lents",
                         "departement": "26", "latitude": 45.75, "longitude": 4.85, "kind": "habitat",
                         "kind_label": "Habitat participatif", "phase": "chantier",
                         "phase_label": placed.phase.display_label("fr"),
                         "url": f"/observatoire/collectifs/{placed.id}"}
    assert "choux@collectifs.example" not in str(points) and "04 00" not in str(points)
    only_oasis = client.get("/observatoire/collectifs/carte.json?kind=oasis").json["collectives"]
    assert [p["id"] for p in only_oasis] == [overseas.id]
    assert client.get("/observatoire/collectifs/carte.json?kind=chateau").status_code == 400


def test_the_map_uses_the_vendored_outline_unless_tiles_are_configured(app, client, create_collective,
                                                                       monkeypatch):
    create_collective("Les Choux Lents", latitude=45.75, longitude=4.85)
    offline = client.get("/observatoire/collectifs/")
    page = offline.get_data(as_text=True)
    assert 'data-outline="/static/vendor/france-outline/france-50m.geojson"' in page and 'data-tiles=""' in page
    assert "img-src 'self' data:;" in offline.headers["Content-Security-Policy"]
    assert client.get("/static/vendor/france-outline/france-50m.geojson").json["type"] == "FeatureCollection"
    # through monkeypatch, so the session's app gets its offline map back for the next test
    monkeypatch.setitem(app.config, "MAP_TILES_URL", "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png")
    monkeypatch.setitem(app.config, "MAP_TILES_ATTRIBUTION", "© OpenStreetMap")
    tiled = client.get("/observatoire/collectifs/")
    assert 'data-tiles="https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"' in tiled.get_data(as_text=True)
    assert "img-src 'self' data: https://*.tile.openstreetmap.org;" in tiled.headers["Content-Security-Policy"]


def test_self_assessments_and_contacts_are_for_members_and_researchers(client, login, people, pair):
    from app.db import db
    from observatory.models import AssessmentCriterion, AssessmentDimension, AssessmentGrid

    listed, unlisted = pair
    grid = AssessmentGrid(title="Grille", dimensions=[AssessmentDimension(
        title="Gouvernance", criteria=[AssessmentCriterion(label="Règles connues")])])
    db.session.add(grid)
    db.session.commit()
    url = f"/observatoire/collectifs/{unlisted.id}/auto-evaluation/{grid.id}"
    for user, status in ((people.outsider, 200), (people.researcher, 200), (people.admin_hls, 403),
                         (people.learner_hls, 403)):
        login(user)
        assert client.get(url).status_code == status


def test_the_list_speaks_english_too(client, create_collective):
    create_collective("Hameau B", kind="hameau", phase="chantier")
    client.get("/langue/en?next=/observatoire/collectifs/")
    page = client.get("/observatoire/collectifs/").get_data(as_text=True)
    badges = page[page.index("<tbody>"):]
    assert "Light hamlet" in badges and "Building work" in badges and "Chantier" not in badges
