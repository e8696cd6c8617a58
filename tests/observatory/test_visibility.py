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


def test_the_map_links_every_collective_with_coordinates(client, create_collective):
    placed = create_collective("Les Choux Lents", latitude=45.75, longitude=4.85)
    create_collective("Sans coordonnées")
    create_collective("Outre-mer", departement="974", latitude=-21.1, longitude=55.5)
    page = client.get("/observatoire/collectifs/").get_data(as_text=True)
    svg = page[page.index('<svg class="obs-map"'):page.index("</svg>", page.index('<svg class="obs-map"'))]
    assert svg.count("<circle") == 1
    assert f'href="/observatoire/collectifs/{placed.id}"' in svg


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
