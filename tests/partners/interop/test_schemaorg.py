"""schema.org LearningResource JSON-LD in the head of public resource pages."""

from __future__ import annotations

import json
import re

from pyld import jsonld

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def _structured(html: str) -> list[dict]:
    head = html.split("</head>")[0]
    return [json.loads(block) for block in SCRIPT.findall(head)]


def test_public_resource_pages_describe_a_learning_resource(client, catalogue):
    html = client.get(f"/ressources/{catalogue.public.id}").get_data(as_text=True)
    assert html.count("application/ld+json") == 1  # one block, in the head
    [data] = _structured(html)
    assert data["@type"] == ["LearningResource", "CreativeWork"]
    assert data["name"] == "Monter une SCI d'attribution"
    assert data["url"] == f"http://localhost/ressources/{catalogue.public.id}"
    assert data["learningResourceType"] == "Méthode" and data["inLanguage"] == "fr"
    assert data["license"].startswith("https://creativecommons.org/licenses/by-sa/4.0")
    assert data["educationalLevel"] == ["Montage juridique et financier"]
    assert [a["name"] for a in data["author"]] == ["Léa", "Sam"]
    assert data["publisher"]["name"] == "Coopérative Oasis"


def test_videos_are_video_objects_and_the_json_ld_expands(client, catalogue):
    [data] = _structured(client.get(f"/ressources/{catalogue.video.id}").get_data(as_text=True))
    assert data["@type"] == ["LearningResource", "VideoObject"]
    context = {"@vocab": "https://schema.org/"}  # schema.org's own context, without fetching it
    expanded = jsonld.expand({**data, "@context": context})
    assert set(expanded[0]["@type"]) == {"https://schema.org/LearningResource", "https://schema.org/VideoObject"}


def test_members_only_pages_carry_no_structured_data(client, catalogue, login, partner_admin):
    login(partner_admin)
    html = client.get(f"/ressources/{catalogue.members.id}").get_data(as_text=True)
    assert "Compte rendu interne" in html and _structured(html) == []


def test_a_title_cannot_close_the_script(client, catalogue, partner_admin):
    from app.db import db
    from commons import service
    from commons.models import Resource

    service.update_resource(db.session.get(Resource, catalogue.public.id),
                            {"title": "</script><script>alert(1)</script>"}, partner_admin)
    db.session.commit()
    html = client.get(f"/ressources/{catalogue.public.id}").get_data(as_text=True)
    assert "<script>alert(1)" not in html.split("</head>")[0]
    assert _structured(html)[0]["name"] == "</script><script>alert(1)</script>"


def test_a_partner_only_resource_gives_its_structured_data_to_no_one(client, catalogue, taxonomy, oasis,
                                                                      partner_admin, login):
    from app.db import db
    from commons import service
    from commons.models import Status, Visibility

    resource = service.create_resource({
        "title": "Budget interne de l'Oasis", "kind_id": taxonomy["kinds"]["methode"].id,
        "owner_partner_id": oasis.id, "visibility": Visibility.PARTNER}, partner_admin)
    service.change_status(resource, Status.PUBLISHED, partner_admin)
    db.session.commit()
    response = client.get(f"/ressources/{resource.id}")
    assert response.status_code == 404  # its error page shares the endpoint: the head hook still says nothing
    assert "ld+json" not in response.get_data(as_text=True)
    assert "Budget interne" not in response.get_data(as_text=True)
    login(partner_admin)
    html = client.get(f"/ressources/{resource.id}").get_data(as_text=True)
    assert "Budget interne" in html and "ld+json" not in html


def test_drafts_carry_no_structured_data_even_for_their_editors(client, catalogue, login, partner_admin):
    assert "ld+json" not in client.get(f"/ressources/{catalogue.draft.id}").get_data(as_text=True)
    login(partner_admin)
    html = client.get(f"/ressources/{catalogue.draft.id}").get_data(as_text=True)
    assert "Brouillon de fiche" in html and _structured(html) == []
