"""What the catalogue and a resource's page cost in SQL queries, and that the filter lists read in one query stay
right: a fixed number of queries whatever the page holds, no list read twice, and an admin's edit of the
taxonomy shown on the next page (nothing cached in a process)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from app.accounts.models import Role
from app.db import db
from commons.models import Status, Theme, Visibility

pytest_plugins = ["tests.commons.api_fixtures"]

#: a member's catalogue page: the user and memberships, the count and the page of resources, co-owners and themes
#: of the cards, the filter lists (one query), the years, the notification bell
CATALOGUE_QUERIES = 9
#: a member's resource page with videos: the resource, its media with their renditions and captions, user and
#: memberships, co-owners, themes, phases, keywords, the bell, the video hosted elsewhere, attachments, the embed
#: panels' partner design (once for all), the usage event (2)
RESOURCE_QUERIES = 16


@pytest.fixture
def partners(create_partner):
    return {"hls": create_partner("hls", "Hameaux Légers"), "hpf": create_partner("hpf", "Habitat Participatif")}


@pytest.fixture
def member(partners, create_user, login):
    return login(create_user(partner=partners["hls"], role=Role.LEARNER))


@pytest.fixture
def publish(partners, create_resource):
    """`publish(n)`: n public resources with themes, phases, keywords and a co-owner, as cards show them."""
    def make(n: int, **fields):
        return [create_resource(partners["hls"], title=f"Ressource {i}", themes=["foncier", "juridique"],
                                phases=["montage"], keywords=["statuts", "bail"], co_owners=[partners["hpf"]],
                                status=Status.PUBLISHED, visibility=Visibility.PUBLIC, **fields) for i in range(n)]

    return make


def queries_of(client, count_queries, path: str) -> list[str]:
    with count_queries() as counter:
        response = client.get(path)
    assert response.status_code == 200
    return counter["statements"]


def test_the_catalogue_runs_a_fixed_number_of_queries_whatever_the_page_holds(client, count_queries, member,
                                                                              publish):
    publish(2)
    few = queries_of(client, count_queries, "/ressources/")
    publish(12)
    full = queries_of(client, count_queries, "/ressources/?theme=foncier&kind=methode&page=1")
    assert len(few) == len(full) <= CATALOGUE_QUERIES, "\n".join(full)


def test_a_resource_page_reads_its_media_once(client, count_queries, member, publish):
    """Three videos (two playable, with renditions and captions) cost what one costs: no query per video."""
    from media.models import Caption, JobState, MediaAsset, MediaKind, Rendition

    resource = publish(1)[0]
    for n, state in enumerate((JobState.READY, JobState.READY, JobState.QUEUED)):
        ready = state == JobState.READY
        asset = MediaAsset(owner_type="resource", owner_id=resource.id, filename=f"film-{n}.mp4",
                           original_key=f"originals/{n}.mp4", mime_type="video/mp4", size=1000,
                           kind=MediaKind.VIDEO, state=state, duration=60.0, width=640, height=360,
                           output_key=f"renditions/{n}" if ready else None)
        if ready:
            asset.renditions = [Rendition(label="360p", width=640, height=360, bitrate=1, size=1)]
            asset.captions = [Caption(language="fr", vtt="WEBVTT\n", text="")]
        db.session.add(asset)
    db.session.commit()
    statements = queries_of(client, count_queries, f"/ressources/{resource.id}")
    for table in ("media_assets", "media_renditions", "media_captions", "media_external_videos"):
        reads = [s for s in statements if f"FROM {table}" in s]
        assert len(reads) <= 1, "\n\n".join(reads)
    assert len(statements) <= RESOURCE_QUERIES, "\n".join(statements)


def test_the_filters_offer_active_terms_partners_and_years_as_they_are_now(client, member, partners, publish,
                                                                           create_partner, create_user, login):
    publish(1, content_date=date(2019, 5, 1))
    undated = publish(1)[0]
    undated.published_dt = datetime(2021, 12, 31, 12, tzinfo=UTC)
    create_partner("old", "Réseau dissous", is_active=False)
    db.session.commit()
    html = client.get("/ressources/").get_data(as_text=True)
    assert html.count('name="year"') == 2 and 'value="2019"' in html and 'value="2021"' in html
    assert 'name="partner" value="hls"' in html and 'name="partner" value="old"' not in html
    assert html.index('name="partner" value="hpf"') < html.index('name="partner" value="hls"')  # by name
    assert "<span>Foncier et recherche de terrain</span>" in html

    foncier = db.session.scalar(sa.select(Theme).where(Theme.slug == "foncier"))
    login(create_user(email="admin@example.org", is_platform_admin=True))
    assert client.post(f"/admin/taxonomie/themes/{foncier.id}", data={
        "label": "Foncier", "label_en": "Land", "position": "1"}).status_code == 303
    login(member)
    assert "<span>Foncier</span>" in client.get("/ressources/").get_data(as_text=True)
    login(create_user(email="reader@example.org", locale="en"))
    assert "<span>Land</span>" in client.get("/ressources/").get_data(as_text=True)

    login(create_user(email="admin2@example.org", is_platform_admin=True))
    assert client.post(f"/admin/taxonomie/themes/{foncier.id}/retirer").status_code == 303
    html = client.get("/ressources/").get_data(as_text=True)
    assert 'name="theme" value="foncier"' not in html and 'name="theme" value="juridique"' in html
