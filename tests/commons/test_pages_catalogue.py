"""The home page and the catalogue: filters combined, visibility by role, htmx partial, pagination."""

from __future__ import annotations

from datetime import date

import pytest

from app.accounts.models import Role
from commons.models import Status, Visibility


@pytest.fixture
def partners(create_partner):
    return {"hls": create_partner("hls", "Hameaux Légers", primary_colour="#2f6f4e"),
            "hpf": create_partner("hpf", "Habitat Participatif France", primary_colour="#1f6f8b")}


@pytest.fixture
def by_visibility(partners, create_resource):
    """One resource of HLS per case the visibility rules distinguish."""
    hls = partners["hls"]
    published = {"status": Status.PUBLISHED}
    return {
        "public": create_resource(hls, title="Ressource publique", visibility=Visibility.PUBLIC, **published),
        "commons": create_resource(hls, title="Ressource du commun", visibility=Visibility.COMMONS, **published),
        "partner": create_resource(hls, title="Ressource interne HLS", visibility=Visibility.PARTNER, **published),
        "draft": create_resource(hls, title="Brouillon en cours", visibility=Visibility.PUBLIC),
        "trashed": create_resource(hls, title="Ressource jetée", visibility=Visibility.PUBLIC, deleted=True,
                                   **published),
    }


def titles_in(html: str, resources: dict) -> set[str]:
    return {key for key, resource in resources.items() if resource.title in html}


def test_home_shows_search_kinds_themes_latest_and_partners(client, partners, by_visibility):
    html = client.get("/").get_data(as_text=True)
    assert 'action="/recherche"' in html and 'name="q"' in html  # the search box goes to the search page
    assert "/ressources/?kind=methode" in html  # counts by kind link to the filtered catalogue
    assert "/themes/foncier" in html  # themes to their landing pages
    assert "/partenaires/hls" in html and "Habitat Participatif France" in html
    assert titles_in(html, by_visibility) == {"public"}


def test_anonymous_visitors_see_public_published_resources_only(client, by_visibility):
    html = client.get("/ressources/").get_data(as_text=True)
    assert titles_in(html, by_visibility) == {"public"}
    assert "1 ressource" in html


def test_members_of_another_partner_see_the_commons_but_not_partner_only(client, login, create_user, partners,
                                                                           by_visibility):
    login(create_user(partner=partners["hpf"], role=Role.LEARNER))
    html = client.get("/ressources/").get_data(as_text=True)
    assert titles_in(html, by_visibility) == {"public", "commons"}


def test_members_of_the_owner_see_partner_only_resources(client, login, create_user, partners, by_visibility):
    login(create_user(partner=partners["hls"], role=Role.LEARNER))
    html = client.get("/ressources/").get_data(as_text=True)
    assert titles_in(html, by_visibility) == {"public", "commons", "partner"}


def test_editors_of_the_owner_also_see_drafts_with_their_status(client, login, create_user, partners,
                                                                by_visibility):
    login(create_user(partner=partners["hls"], role=Role.EDITOR))
    html = client.get("/ressources/").get_data(as_text=True)
    assert titles_in(html, by_visibility) == {"public", "commons", "partner", "draft"}
    assert 'class="badge badge-draft"' in html


def test_filters_combine_kind_theme_partner_and_year(client, partners, create_resource):
    hls, hpf = partners["hls"], partners["hpf"]
    common = {"status": Status.PUBLISHED, "visibility": Visibility.PUBLIC}
    create_resource(hls, title="La bonne video", kind="video", themes=["foncier"], content_date=date(2022, 5, 1),
                    **common)
    create_resource(hls, title="Video sur un autre theme", kind="video", themes=["energie"],
                    content_date=date(2022, 5, 1), **common)
    create_resource(hpf, title="Video d un autre partenaire", kind="video", themes=["foncier"],
                    content_date=date(2022, 5, 1), **common)
    create_resource(hls, title="Video d une autre annee", kind="video", themes=["foncier"],
                    content_date=date(2019, 5, 1), **common)
    create_resource(hls, title="Un outil", kind="outil", themes=["foncier"], content_date=date(2022, 5, 1),
                    **common)

    html = client.get("/ressources/?kind=video&theme=foncier&partner=hls&year=2022").get_data(as_text=True)
    assert "La bonne video" in html and "1 ressource" in html
    assert not any(title in html for title in ("autre theme", "autre partenaire", "autre annee", "Un outil"))

    both_kinds = client.get("/ressources/?kind=video&kind=outil&theme=foncier&partner=hls&year=2022")
    assert "2 ressources" in both_kinds.get_data(as_text=True)


def test_invalid_filter_values_are_ignored_with_a_message(client, partners, create_resource):
    create_resource(partners["hls"], title="Ressource de 2022", status=Status.PUBLISHED,
                    visibility=Visibility.PUBLIC, content_date=date(2022, 1, 1))
    create_resource(partners["hls"], title="Ressource de 2018", status=Status.PUBLISHED,
                    visibility=Visibility.PUBLIC, content_date=date(2018, 1, 1))
    response = client.get("/ressources/?year=abc&year=2022&sort=nimporte")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "ignorés" in html and "Année" in html and "Tri" in html
    assert "Ressource de 2022" in html and "Ressource de 2018" not in html


def test_htmx_gets_the_results_alone(client, partners, create_resource):
    create_resource(partners["hls"], title="Une ressource", status=Status.PUBLISHED, visibility=Visibility.PUBLIC)
    response = client.get("/ressources/?q=ressource", headers={"HX-Request": "true", "HX-Target": "resultats"})
    html = response.get_data(as_text=True)
    assert "<html" not in html and "Une ressource" in html
    assert "HX-Request" in response.headers["Vary"]
    full = client.get("/ressources/?q=ressource").get_data(as_text=True)
    assert "<html" in full and 'hx-get="/ressources/"' in full and 'hx-push-url="true"' in full


def test_pages_keep_the_filters(client, partners, create_resource):
    for number in range(14):
        create_resource(partners["hls"], title=f"Fiche {number:02d}", themes=["foncier"],
                        status=Status.PUBLISHED, visibility=Visibility.PUBLIC)
    html = client.get("/ressources/?theme=foncier&sort=title").get_data(as_text=True)
    assert "14 ressources" in html and "Page 1 sur 2" in html
    assert 'href="/ressources/?theme=foncier&amp;sort=title&amp;page=2"' in html
    second = client.get("/ressources/?theme=foncier&sort=title&page=2").get_data(as_text=True)
    assert "Fiche 13" in second and "Fiche 00" not in second


def test_empty_results_say_so(client, partners):
    html = client.get("/ressources/?q=introuvable").get_data(as_text=True)
    assert "Aucune ressource ne correspond" in html
