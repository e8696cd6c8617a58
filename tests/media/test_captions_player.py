"""Captions (WebVTT upload, validation, <track>, text for search), the player on the resource page, and the
remembered playback position."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa

from app.db import db
from media import service
from media.captions import CaptionError, parse_webvtt
from media.models import Caption

VTT = """WEBVTT

1
00:00:00.000 --> 00:00:00.800
Bonjour, on commence le <b>chantier</b> &amp; la paille.

00:00.800 --> 00:01.000 align:start
Fin de l'extrait.
"""


@pytest.fixture
def asset(world, make_asset, clips):
    return make_asset(world.private, clips.p360)


def post_caption(client, asset, content: str | bytes, language="fr"):
    data = content.encode() if isinstance(content, str) else content
    return client.post(f"/medias/{asset.id}/sous-titres", data={"language": language,
                                                                 "file": (io.BytesIO(data), "sous-titres.vtt")},
                       content_type="multipart/form-data")


def test_webvtt_is_parsed_and_its_text_kept():
    vtt, text = parse_webvtt(("\ufeff" + VTT.replace("\n", "\r\n")).encode())
    assert vtt.startswith("WEBVTT\n") and "\r" not in vtt
    assert text == "Bonjour, on commence le chantier & la paille.\nFin de l'extrait."
    for broken, reason in [
        ("1\n00:00:00.000 --> 00:00:01.000\nSans en-tête\n", "WEBVTT"),
        ("WEBVTT\n\n00:00:01.000 --> 00:00:00.500\nÀ rebours\n", "précède"),
        ("WEBVTT\n\n00:00:61.000 --> 00:01:02.000\nSecondes\n", "horodatage"),
        ("WEBVTT\n\n0:00 --> 0:01\nFormat libre\n", "horodatage"),
        ("WEBVTT\n\nNOTE rien d'autre\n", "aucun"),
    ]:
        with pytest.raises(CaptionError, match=reason):
            parse_webvtt(broken.encode())
    with pytest.raises(CaptionError, match="UTF-8"):
        parse_webvtt("WEBVTT\n\n00:00.000 --> 00:01.000\nÉté\n".encode("latin-1"))


def test_an_editor_adds_captions_and_they_play_as_tracks(client, login, world, asset):
    login(world.people.learner)
    assert post_caption(client, asset, VTT).status_code == 403
    login(world.people.editor)
    assert post_caption(client, asset, VTT).status_code == 302
    assert post_caption(client, asset, VTT.replace("Bonjour", "Hello"), language="en").status_code == 302
    page = client.get(f"/ressources/{world.private}").get_data(as_text=True)
    assert f'src="/medias/{asset.id}/sous-titres/fr.vtt"' in page and 'srclang="en"' in page
    assert 'class="media-captions-menu"' in page
    served = client.get(f"/medias/{asset.id}/sous-titres/fr.vtt")
    assert served.headers["Content-Type"].startswith("text/vtt") and "chantier" in served.get_data(as_text=True)
    assert client.get(f"/medias/{asset.id}/sous-titres/fr.vtt",
                      headers={"If-None-Match": served.headers["ETag"]}).status_code == 304
    login(world.people.outsider)
    assert client.get(f"/medias/{asset.id}/sous-titres/fr.vtt").status_code == 404


def test_invalid_captions_are_refused_with_a_french_message(client, login, world, asset):
    login(world.people.editor)
    response = post_caption(client, asset, "pas du WebVTT")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "la première ligne doit être « WEBVTT »" in page
    assert db.session.scalar(sa.select(sa.func.count(Caption.id))) == 0
    assert post_caption(client, asset, VTT, language="xx").status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(Caption.id))) == 0


def test_caption_text_is_offered_to_search(client, login, world, asset):
    login(world.people.editor)
    post_caption(client, asset, VTT)
    assert "chantier & la paille" in service.caption_text("resource", world.private)
    assert service.caption_text("resource", world.public) == ""
    assert client.post(f"/medias/{asset.id}/sous-titres/fr/retirer").status_code == 302
    assert service.caption_text("resource", world.private) == ""


def test_the_resource_page_shows_the_player(client, login, world, asset):
    login(world.people.learner)
    page = client.get(f"/ressources/{world.private}").get_data(as_text=True)
    assert "<video" in page and f'data-hls="/medias/{asset.id}/{asset.revision}/hls/master.m3u8"' in page
    assert f'<source src="/medias/{asset.id}/{asset.revision}/360p.mp4" type="video/mp4">' in page
    assert "hls.light.min.js" in page and "player.js" in page
    assert f'poster="/medias/{asset.id}/{asset.revision}/poster.jpg"' in page
    assert f'data-position-url="/api/v1/media/{asset.id}/position"' in page
    assert "Relancer la conversion" not in page  # learners do not manage media
    login(world.people.editor)
    page = client.get(f"/ressources/{world.private}").get_data(as_text=True)
    assert "Relancer la conversion" in page and "Ajouter une vidéo ou un son" in page


def test_a_failed_job_shows_its_message_and_can_be_requeued(client, login, world, make_asset, clips):
    broken = make_asset(world.private, clips.corrupt)
    login(world.people.editor)
    page = client.get(f"/ressources/{world.private}").get_data(as_text=True)
    assert "La conversion de « corrupt.mp4 » a échoué." in page and "abîmé ou incomplet" in page
    response = client.post(f"/api/v1/media/{broken.id}/requeue")
    assert response.status_code == 202 and response.json["state"] == "failed"  # ran again inline, failed again
    assert client.post(f"/medias/{broken.id}/retirer").status_code == 302
    page = client.get(f"/ressources/{world.private}").get_data(as_text=True)
    assert "a échoué" not in page and "a été retiré de la page" in page


def test_the_position_is_remembered_per_user(client, login, world, asset):
    position = f"/api/v1/media/{asset.id}/position"
    assert client.get(position).status_code == 401
    login(world.people.learner)
    assert client.get(position).json == {"position": 0.0}
    assert client.put(position, json={"position": 0.42}).json == {"position": 0.4}
    assert client.get(position).json == {"position": 0.4}
    assert client.put(position, json={"position": -3}).status_code == 422
    login(world.people.editor)
    assert client.get(position).json == {"position": 0.0}  # each person has their own
    assert client.put(position, json={"position": 0.99}).json == {"position": 0.0}  # watched to the end
    login(world.people.outsider)
    assert client.put(position, json={"position": 0.2}).status_code == 404


def test_caption_changes_are_signalled_for_search(client, login, world, asset):
    from media.signals import media_text_changed

    received = []

    def listener(sender, owner_id):
        received.append((sender, owner_id))

    media_text_changed.connect(listener)
    try:
        login(world.people.editor)
        post_caption(client, asset, VTT)
        client.post(f"/medias/{asset.id}/sous-titres/fr/retirer")
        post_caption(client, asset, "invalide")
    finally:
        media_text_changed.disconnect(listener)
    assert received == [("resource", world.private), ("resource", world.private)]
