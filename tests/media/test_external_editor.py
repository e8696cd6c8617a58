"""A partner editor adds a PeerTube-hosted video to a resource by its address; everyone who may see the resource
gets the instance's player; an upload that becomes ready replaces it."""

from __future__ import annotations

import sqlalchemy as sa

from app.db import db
from tests.media.external_host import PNG, UUID

pytest_plugins = ["tests.media.external_fixtures"]

PAGE = "/ressources/{}"


def add_by_address(client, resource_id: int, url: str):
    return client.post(f"/medias/externe/resource/{resource_id}", data={"url": url}, follow_redirects=True)


def test_a_partner_editor_adds_a_peertube_video_by_its_address(client, login, logout, world, video_host):
    login(world.people.editor)
    page = client.get(PAGE.format(world.public)).get_data(as_text=True)
    assert "Ajouter une vidéo par son adresse (PeerTube, YouTube, Vimeo)" in page

    response = add_by_address(client, world.public, f"{video_host.base}/w/kFd3PqpUwqWAWJyUUgcZCn")
    html = response.get_data(as_text=True)
    assert "Vidéo « Bâtir en paille, le chantier participatif » ajoutée depuis PeerTube." in html
    assert f'src="{video_host.base}/videos/embed/{UUID}"' in html
    assert "12:34" in html  # 754 s, from the instance's API
    assert "Remplacer par un fichier" in html and "/medias/deposer/resource/" in html
    assert "<script>alert" not in html and "onload=" not in html  # the provider's HTML is never shown
    assert f"frame-src 'self' {video_host.base}" in response.headers["Content-Security-Policy"]

    from media.models import ExternalVideo

    video = db.session.scalar(sa.select(ExternalVideo))
    thumbnail = client.get(f"/medias/externes/{video.id}/vignette")
    assert thumbnail.status_code == 200 and thumbnail.data == PNG  # kept by us: no third-party image on pages

    logout()
    public_page = client.get(PAGE.format(world.public))
    assert f'src="{video_host.base}/videos/embed/{UUID}"' in public_page.get_data(as_text=True)
    assert "Ajouter une vidéo par son adresse" not in public_page.get_data(as_text=True)


def test_the_editor_reads_why_a_video_could_not_be_added(client, login, world, video_host):
    login(world.people.editor)
    video_host.mode = "404"
    html = add_by_address(client, world.public, f"{video_host.base}/w/absente").get_data(as_text=True)
    assert "La vidéo n&#39;a pas pu être ajoutée : Aucune vidéo à cette adresse : vérifiez-la." in html
    video_host.mode = "slow"
    html = add_by_address(client, world.public, f"{video_host.base}/w/lente").get_data(as_text=True)
    assert "Le site de la vidéo ne répond pas" in html
    assert "<iframe" not in html


def test_only_the_resources_editors_may_link_or_remove_a_video(client, login, world, video_host):
    login(world.people.outsider)
    assert add_by_address(client, world.public, f"{video_host.base}/w/abc").status_code == 403
    assert add_by_address(client, world.private, f"{video_host.base}/w/abc").status_code == 404
    login(world.people.editor)
    add_by_address(client, world.private, f"{video_host.base}/w/abc")
    from media.models import ExternalVideo

    video = db.session.scalar(sa.select(ExternalVideo))
    login(world.people.outsider)
    assert client.get(f"/medias/externes/{video.id}/vignette").status_code == 404  # partner-only resource
    assert client.post(f"/medias/externes/{video.id}/retirer").status_code == 404
    login(world.people.editor)
    html = client.post(f"/medias/externes/{video.id}/retirer", follow_redirects=True).get_data(as_text=True)
    assert "La vidéo liée a été retirée de la page." in html and "<iframe" not in html


def test_an_upload_that_becomes_ready_replaces_the_linked_video(client, login, world, video_host, clips, make_asset):
    login(world.people.editor)
    add_by_address(client, world.public, f"{video_host.base}/w/kFd3PqpUwqWAWJyUUgcZCn")
    make_asset(world.public, clips.small)  # transcoded inline
    html = client.get(PAGE.format(world.public)).get_data(as_text=True)
    assert "<iframe" not in html and "hls/master.m3u8" in html


def test_a_partner_site_embedding_the_resource_shows_the_hosted_video(client, login, logout, world, video_host):
    from commons.models import Resource

    login(world.people.editor)
    add_by_address(client, world.public, f"{video_host.base}/w/kFd3PqpUwqWAWJyUUgcZCn")
    logout()
    slug = db.session.get(Resource, world.public).owner_partner.slug
    embed = client.get(f"/embed/{slug}/resource/{world.public}")
    assert embed.status_code == 200
    assert f'src="{video_host.base}/videos/embed/{UUID}"' in embed.get_data(as_text=True)
    assert f"frame-src 'self' {video_host.base}" in embed.headers["Content-Security-Policy"]
