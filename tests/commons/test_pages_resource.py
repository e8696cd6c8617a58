"""A resource's page: who may see it, what it shows, and that hostile Markdown stays harmless."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser

import pytest

from app.accounts.models import Role
from commons.models import Status, Visibility


@pytest.fixture
def hls(create_partner):
    return create_partner("hls", "Hameaux Légers")


@pytest.fixture
def hpf(create_partner):
    return create_partner("hpf", "Habitat Participatif France")


@pytest.mark.parametrize(("visibility", "status", "expected"), [
    (Visibility.PUBLIC, Status.PUBLISHED, {"anonymous": 200, "other": 200, "member": 200, "editor": 200}),
    (Visibility.COMMONS, Status.PUBLISHED, {"anonymous": 404, "other": 200, "member": 200, "editor": 200}),
    (Visibility.PARTNER, Status.PUBLISHED, {"anonymous": 404, "other": 404, "member": 200, "editor": 200}),
    (Visibility.PUBLIC, None, {"anonymous": 404, "other": 404, "member": 404, "editor": 200}),
])
def test_who_may_see_a_resource(client, login, logout, create_user, create_resource, hls, hpf, visibility, status,
                                expected):
    resource = create_resource(hls, visibility=visibility, status=status)
    users = {"other": create_user(partner=hpf, role=Role.EDITOR),
             "member": create_user(partner=hls, role=Role.LEARNER),
             "editor": create_user(partner=hls, role=Role.EDITOR)}
    seen = {"anonymous": client.get(f"/ressources/{resource.id}").status_code}
    for name, user in users.items():
        login(user)
        seen[name] = client.get(f"/ressources/{resource.id}").status_code
        logout()
    assert seen == expected


def test_missing_resource_is_404(client, hls):
    assert client.get("/ressources/999").status_code == 404


def test_page_shows_the_resource_and_links_terms_to_the_catalogue(client, create_resource, hls, hpf):
    resource = create_resource(
        hls, title="Monter une SCI", kind="methode", themes=["juridique"], phases=["montage"], co_owners=[hpf],
        keywords=["statuts"], summary="Les étapes.", body="## Première étape\n\nRéunir le **groupe**.",
        authors="Collectif HLS", source="Hameaux Légers", content_date=date(2021, 3, 4), language="fr",
        status=Status.PUBLISHED, visibility=Visibility.PUBLIC)
    html = client.get(f"/ressources/{resource.id}").get_data(as_text=True)
    assert "<h2>Première étape</h2>" in html and "<strong>groupe</strong>" in html
    for link in ("/ressources/?theme=juridique", "/ressources/?phase=montage", "/ressources/?q=statuts",
                 "/ressources/?licence=cc-by-sa-4.0", "/ressources/?language=fr", "/ressources/?year=2021",
                 "/partenaires/hls", "/partenaires/hpf", "https://creativecommons.org/licenses/by-sa/4.0/deed.fr"):
        assert link in html, link
    assert "Collectif HLS" in html and "Les étapes." in html
    assert "Modifier" not in html  # no editor actions for visitors


def test_editors_see_status_and_the_actions_the_workflow_allows(client, login, create_user, create_resource, hls):
    resource = create_resource(hls, title="Brouillon")
    login(create_user(partner=hls, role=Role.EDITOR))
    html = client.get(f"/ressources/{resource.id}").get_data(as_text=True)
    assert 'class="badge badge-draft"' in html
    assert f"/ressources/{resource.id}/modifier" in html and f"/ressources/{resource.id}/historique" in html
    assert 'value="published"' in html and 'value="in_review"' in html and 'value="archived"' not in html
    assert f"/ressources/{resource.id}/supprimer" in html and 'enctype="multipart/form-data"' in html


class _Tags(HTMLParser):
    """Every (tag, attributes) of a page."""

    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_hostile_markdown_is_not_rendered_as_html(client, create_resource, hls):
    body = ("<script>alert('body')</script>\n\n[clic](javascript:alert(2))\n\n"
            "<img src=x onerror=alert(3)>\n\n![image](javascript:alert(4))\n\n"
            '<a href="#" onclick="alert(5)">lien</a>')
    resource = create_resource(hls, title="<script>alert('title')</script>", summary="<b onmouseover=x>r</b>",
                               body=body, status=Status.PUBLISHED, visibility=Visibility.PUBLIC)
    html = client.get(f"/ressources/{resource.id}").get_data(as_text=True)
    parser = _Tags()
    parser.feed(html)
    # JSON-LD data blocks (partners.interop's schema.org) are not executed; their escaping is tested there
    scripts = [attrs for tag, attrs in parser.tags if tag == "script" and attrs.get("type") != "application/ld+json"]
    assert all(attrs.get("src", "").startswith("/static/") for attrs in scripts)
    handlers = [(tag, name) for tag, attrs in parser.tags for name in attrs if name.startswith("on")]
    assert handlers == []
    urls = [value for _, attrs in parser.tags for name, value in attrs.items() if name in {"href", "src"}]
    assert not any((value or "").strip().lower().startswith("javascript:") for value in urls)
    assert "<script>alert" not in html


def test_the_licence_is_named_in_the_reader_s_language(client, create_resource, hls):
    resource = create_resource(hls, title="Plans de la longère", licence="tous-droits-reserves",
                               status=Status.PUBLISHED, visibility=Visibility.PUBLIC)
    assert "Tous droits réservés" in client.get(f"/ressources/{resource.id}").text
    client.get("/langue/en")
    assert "All rights reserved" in client.get(f"/ressources/{resource.id}").text  # (schema.org data keeps the label)
