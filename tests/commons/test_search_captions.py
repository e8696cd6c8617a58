"""The text of video captions is searched with its resource, for those who may view the resource only.

Captions are uploaded through the media pages (HTTP), as editors do; media signals the change after its commit
and the search job indexes the resource again (inline in tests, as a worker would shortly after).
"""

from __future__ import annotations

import io

import pytest

from app.db import db
from commons.models import Status, Visibility

pytest_plugins = ["tests.commons.search_fixtures"]

#: "zostérophage" and "ostréiculteurs" appear nowhere but in these captions
VTT = """WEBVTT

00:00:00.000 --> 00:00:00.500
Les ostréiculteurs du hameau racontent le chantier.

00:00:00.500 --> 00:00:01.000
Un oiseau <i>zostérophage</i> niche sous la toiture.
"""
PUBLIC_VTT = """WEBVTT

00:00:00.000 --> 00:00:01.000
La charpente de la maison commune, posée par les habitants.
"""


def ids(result) -> list[int]:
    return [hit.resource_id for hit in result.hits]


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    from tests.media.conftest import make_clip

    return make_clip(tmp_path_factory.mktemp("clip") / "tournage.mp4", 160, 120, seconds=0.5)


@pytest.fixture
def videos(people, create_resource, clip):
    """A public and an HLS-only resource (published), each with a (queued) video of its own."""
    from media import service as media

    hls, editor = people["hls"], people["hls_editor"]
    public = create_resource(hls, "Visite du hameau", kind="video", status=Status.PUBLISHED,
                             visibility=Visibility.PUBLIC, summary="Une visite filmée.")
    private = create_resource(hls, "Réunion interne", kind="video", status=Status.PUBLISHED,
                              visibility=Visibility.PARTNER, summary="Compte rendu filmé.")
    assets = {name: media.import_file("resource", resource.id, str(clip), "tournage.mp4", editor)
              for name, resource in (("public", public), ("private", private))}
    db.session.commit()
    return {"public": public.id, "private": private.id, "assets": {k: a.id for k, a in assets.items()}}


def post_caption(client, asset_id: int, content: str, language: str = "fr"):
    return client.post(f"/medias/{asset_id}/sous-titres", content_type="multipart/form-data",
                       data={"language": language, "file": (io.BytesIO(content.encode()), "sous-titres.vtt")})


def test_caption_words_find_their_resource_with_an_excerpt(client, login, people, videos, find):
    login(people["hls_editor"])
    assert post_caption(client, videos["assets"]["public"], PUBLIC_VTT).status_code == 302

    result = find(None, "charpentes")  # French analysis as for any text: plural, accents
    assert ids(result) == [videos["public"]]
    assert "<mark>charpente</mark>" in str(result.hits[0].excerpt_html)
    assert "visite du hameau" in client.get("/recherche?q=charpente").get_data(as_text=True).lower()
    api = client.get("/api/v1/search?q=charpente").json
    assert [hit["id"] for hit in api["hits"]] == [videos["public"]]


def test_a_partner_only_resource_s_captions_never_leak(client, login, logout, people, videos, find):
    login(people["hls_editor"])
    assert post_caption(client, videos["assets"]["private"], VTT).status_code == 302

    for name in ("hls_learner", "hls_editor", "admin"):
        result = find(people[name], "zosterophage")
        assert ids(result) == [videos["private"]], name
        assert "<mark>zostérophage</mark>" in str(result.hits[0].excerpt_html)
    for name in ("anonymous", "loner", "hpf_learner", "hpf_editor"):
        user = people[name]
        assert find(user, "zosterophage").total == 0, name
        assert find(user, "ostreiculteurs").total == 0, name
        assert find(user, "zosterophoge").suggestion is None, name  # misspelt: no suggestion either
        assert find(user, "ostreiculteur hameau").hits == [], name
        assert all(v.count == 0 for values in find(user, "zosterophage").facets.values() for v in values), name

    # the learner of the owner partner gets the suggestion drawn from the captions
    assert find(people["hls_learner"], "zosterophoge").suggestion == "zostérophage"

    # through HTTP: the page and the API, for an outsider and for anonymous visitors
    login(people["hpf_editor"])
    page = client.get("/recherche?q=zosterophoge").get_data(as_text=True)
    assert "zostérophage" not in page and "Réunion interne" not in page
    assert client.get("/api/v1/search?q=ostreiculteurs").json["total"] == 0
    logout()
    api = client.get("/api/v1/search?q=zosterophoge").json
    assert (api["total"], api["suggestion"]) == (0, None)
    login(people["hls_learner"])
    page = client.get("/recherche?q=zost%C3%A9rophage").get_data(as_text=True)
    assert "Réunion interne" in page and "<mark>zostérophage</mark>" in page


def test_removing_the_caption_or_the_video_removes_the_hit(client, login, people, videos, find):
    login(people["hls_editor"])
    asset = videos["assets"]["public"]
    post_caption(client, asset, PUBLIC_VTT)
    post_caption(client, asset, PUBLIC_VTT.replace("charpente", "framework"), language="en")
    assert ids(find(None, "charpente")) == ids(find(None, "framework")) == [videos["public"]]

    assert client.post(f"/medias/{asset}/sous-titres/fr/retirer").status_code == 302
    assert find(None, "charpente").total == 0
    assert ids(find(None, "framework")) == [videos["public"]]  # the English captions are still there

    assert client.post(f"/medias/{asset}/retirer").status_code == 302  # the video itself goes
    assert find(None, "framework").total == 0
    assert ids(find(None, "visite")) == [videos["public"]]  # the resource is still found by its own words


@pytest.mark.whoosh_only("removes the Whoosh index folder")
def test_a_rebuild_from_scratch_keeps_caption_text(app, client, login, people, videos, find, search_index):
    import shutil

    from commons.search import check

    login(people["hls_editor"])
    post_caption(client, videos["assets"]["public"], PUBLIC_VTT)
    post_caption(client, videos["assets"]["private"], VTT)
    assert check() == {"missing": [], "stale": [], "orphans": []}

    shutil.rmtree(search_index)
    result = app.test_cli_runner().invoke(args=["search", "reindex", "--procs", "2"])
    assert result.exit_code == 0, result.output
    assert ids(find(None, "charpente")) == [videos["public"]]
    assert ids(find(people["hls_learner"], "zosterophage")) == [videos["private"]]
    assert find(people["hpf_learner"], "zosterophage").total == 0
    assert check() == {"missing": [], "stale": [], "orphans": []}


def test_check_sees_captions_changed_behind_the_index(client, login, people, videos, find):
    import sqlalchemy as sa

    from commons.search import check
    from media.models import Caption

    login(people["hls_editor"])
    post_caption(client, videos["assets"]["public"], PUBLIC_VTT)
    db.session.execute(sa.update(Caption).values(text="Autre chose"))  # no signal: the index does not know
    db.session.commit()
    assert check()["stale"] == [videos["public"]]
