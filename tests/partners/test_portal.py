"""Portals: /p/<slug>/ and the partner's own host name, in the partner's design, with its latest and most used
resources and a search limited to what the partner chose."""

from __future__ import annotations

import csv
import io
import re

import pytest
import sqlalchemy as sa

from app.accounts.models import Role
from app.db import db


def titles(page: str) -> list[str]:
    return re.findall(r'<h3><a href="/p/[^"]+/ressources/\d+">(.*?)</a></h3>', page)


def section(page: str, heading_id: str) -> str:
    start = page.find(f'id="{heading_id}"')
    if start == -1:
        return ""
    end = page.find("</section>", start)
    return page[start:end]


@pytest.mark.parametrize(("host", "name", "colour"), [
    ("ressources.hameaux.test", "Hameaux Légers", "#2f6f4e"),
    ("RESSOURCES.hameaux.test:8443", "Hameaux Légers", "#2f6f4e"),
    ("oasis.test", "Coopérative Oasis", "#8a3f0f"),
])
def test_a_partners_host_name_serves_its_portal_at_the_root(client, hls, co, host, name, colour):
    response = client.get("/", headers={"Host": host})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'<span class="portal-name">{name}</span>' in page
    assert f"--partner-primary:{colour}" in page
    assert 'class="portal-brand" href="/"' in page  # on its own host, home is /


def test_other_hosts_get_the_commons_home(client, hls, co):
    for host in ("localhost", "inconnu.test", "127.0.0.1"):
        page = client.get("/", headers={"Host": host}).get_data(as_text=True)
        assert "portal-name" not in page, host
        assert "Apprendre ensemble" in page, host


def test_only_the_root_is_taken_over_by_the_host(client, hls, public_resource):
    page = client.get(f"/ressources/{public_resource.id}", headers={"Host": "ressources.hameaux.test"})
    assert page.status_code == 200 and "portal-name" not in page.get_data(as_text=True)


def test_an_inactive_partners_portal_is_gone(client, hls, create_user, login):
    hls.is_active = False
    db.session.commit()
    assert client.get("/p/hls/").status_code == 404
    assert "portal-name" not in client.get("/", headers={"Host": "ressources.hameaux.test"}).get_data(as_text=True)
    login(create_user(partner=hls, role=Role.ADMIN))
    assert client.get("/p/hls/").status_code == 200  # its admins still see it
    assert client.get("/p/inconnu/").status_code == 404


def test_the_three_portals_wear_distinct_designs(client, hls, co, create_partner):
    create_partner("hpf", "Habitat Participatif France", primary_colour="#1f5f8b")
    styles = {slug: re.search(r":root\{([^}]+)\}", client.get(f"/p/{slug}/").get_data(as_text=True)).group(1)
              for slug in ("hls", "co", "hpf")}
    assert len(set(styles.values())) == 3
    assert "--partner-primary:#1f5f8b" in styles["hpf"]  # a partner without a design keeps its colours


def test_latest_resources_are_the_partners_published_ones_that_the_visitor_may_see(
        client, hls, co, create_resource, public_resource, private_resource, create_user, login):
    from commons.models import Status, Visibility

    create_resource(co, title="Ressource d'Oasis", status=Status.PUBLISHED, visibility=Visibility.PUBLIC)
    create_resource(co, title="Co-publiée avec HLS", status=Status.PUBLISHED, visibility=Visibility.PUBLIC,
                    co_owners=[hls])
    create_resource(hls, title="Brouillon de HLS", visibility=Visibility.PUBLIC)
    latest = section(client.get("/p/hls/").get_data(as_text=True), "dernieres")
    assert sorted(titles(latest)) == ["Co-publiée avec HLS", "Monter un hameau léger"]
    login(create_user(partner=hls, role=Role.LEARNER))
    latest = section(client.get("/p/hls/").get_data(as_text=True), "dernieres")
    assert sorted(titles(latest)) == ["Budget prévisionnel interne", "Co-publiée avec HLS", "Monter un hameau léger"]


def observatory_counts(client) -> dict[tuple[str, str], int]:
    """{(resource title, usage kind): count} from the observatory's statistics CSV (as the logged-in user)."""
    rows = csv.DictReader(io.StringIO(client.get("/observatoire/statistiques.csv").get_data(as_text=True)))
    return {(row["ressource"], row["type"]): int(row["nombre"]) for row in rows}


def test_each_view_and_embed_load_counts_once_in_the_observatory_and_the_portals_most_used(
        client, hls, create_resource, public_resource, create_user, login, logout):
    from commons.models import Status, Visibility

    other = create_resource(hls, title="Phytoépuration", status=Status.PUBLISHED, visibility=Visibility.PUBLIC)
    assert section(client.get("/p/hls/").get_data(as_text=True), "plus-utilisees") == ""
    for _ in range(3):
        assert client.get(f"/ressources/{other.id}").status_code == 200  # the commons page counts
    assert client.get(f"/p/hls/ressources/{public_resource.id}").status_code == 200  # so does the portal page
    client.get(f"/embed/hls/resource/{public_resource.id}", headers={"Referer": "https://wiki.hameaux-legers.org/"})
    used = section(client.get("/p/hls/").get_data(as_text=True), "plus-utilisees")
    assert titles(used) == ["Phytoépuration", "Monter un hameau léger"]
    assert "3 consultations ou intégrations" in used and "2 consultations ou intégrations" in used

    login(create_user(partner=hls, role=Role.EDITOR))
    assert observatory_counts(client) == {("Phytoépuration", "view"): 3, ("Monter un hameau léger", "view"): 1,
                                          ("Monter un hameau léger", "embed_load"): 1}
    logout()
    client.get(f"/ressources/{public_resource.id}")
    client.get(f"/ressources/{public_resource.id}")  # 4 uses now: first in the portal's list, by one
    used = section(client.get("/p/hls/").get_data(as_text=True), "plus-utilisees")
    assert titles(used) == ["Monter un hameau léger", "Phytoépuration"]
    assert "4 consultations ou intégrations" in used and "3 consultations ou intégrations" in used


def test_views_older_than_ninety_days_leave_the_most_used_list(client, hls, public_resource):
    from datetime import timedelta

    from app.db import utcnow
    from observatory.models import UsageEvent

    client.get(f"/ressources/{public_resource.id}")
    event = db.session.scalar(sa.select(UsageEvent))
    event.occurred_dt = utcnow() - timedelta(days=91)
    db.session.commit()
    assert section(client.get("/p/hls/").get_data(as_text=True), "plus-utilisees") == ""


def test_portal_resource_page_shows_the_resource_in_the_design(client, co, public_resource, private_resource):
    page = client.get(f"/p/co/ressources/{public_resource.id}").get_data(as_text=True)
    assert "Monter un hameau léger" in page and "--partner-primary:#8a3f0f" in page
    assert client.get(f"/p/co/ressources/{private_resource.id}").status_code == 404


# Search -------------------------------------------------------------------------------------------------------

@pytest.fixture
def search_index(app, tmp_path):
    app.config["SEARCH_INDEX_DIR"] = str(tmp_path / "index")
    yield
    app.config.pop("SEARCH_INDEX_DIR", None)


@pytest.fixture
def corpus(search_index, hls, co, create_resource):
    from commons.models import Status, Visibility

    public = {"status": Status.PUBLISHED, "visibility": Visibility.PUBLIC}
    create_resource(hls, title="Toilettes sèches en hameau", **public)
    create_resource(co, title="Toilettes sèches dans une oasis", **public)
    create_resource(hls, title="Toilettes sèches : le budget interne", status=Status.PUBLISHED,
                    visibility=Visibility.PARTNER)


def test_search_is_limited_to_the_partners_resources_when_it_chose_so(client, corpus):
    page = client.get("/p/hls/recherche?q=toilettes").get_data(as_text=True)
    assert [re.sub("<[^>]+>", "", title) for title in titles(page)] == ["Toilettes sèches en hameau"]


def test_search_covers_the_whole_commons_when_the_partner_chose_so(client, corpus, co):
    found = titles(client.get("/p/co/recherche?q=toilettes").get_data(as_text=True))
    assert sorted(re.sub("<[^>]+>", "", title) for title in found) == [
        "Toilettes sèches dans une oasis", "Toilettes sèches en hameau"]


def test_search_respects_visibility(client, corpus, hls, create_user, login):
    login(create_user(partner=hls, role=Role.LEARNER))
    found = titles(client.get("/p/hls/recherche?q=toilettes").get_data(as_text=True))
    assert len(found) == 2
