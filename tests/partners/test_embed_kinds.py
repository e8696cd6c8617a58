"""Videos, course steps and course outlines embedded like resources: oEmbed (a `video` answer for videos), the
chrome-less pages with media's player, signed links for what is not public, framing headers, discovery links,
"copy the embed code" panels on their pages, and embed loads counted by partners and by the observatory."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from app.accounts.models import Role
from app.db import db, utcnow


def oembed(client, url, **params):
    return client.get("/oembed", query_string={"url": url, **params})


def codes_of(page: str) -> dict[str, str]:
    """Every embed code textarea of a page, by its id (embed-iframe, embed-iframe-video-3, ...)."""
    return {name: html.unescape(body) for name, body in re.findall(
        r'<textarea id="(embed-[\w-]+)"[^>]*>(.*?)</textarea>', page, flags=re.S)}


def frame_ancestors(response) -> list[str]:
    policy = response.headers["Content-Security-Policy"]
    return re.search(r"frame-ancestors ([^;]+)", policy).group(1).split()


def forget_session(client):
    client.get("/deconnexion")
    with client.session_transaction() as session:
        session.clear()


@pytest.fixture
def video(public_resource, make_video):
    return make_video(public_resource)


@pytest.fixture
def private_video(private_resource, make_video):
    return make_video(private_resource)


@pytest.fixture
def course(hls, public_resource, video, make_course):
    return make_course(hls, steps=[("Voir un hameau", public_resource), ("Le cadre légal", None)])


# Videos -------------------------------------------------------------------------------------------------------

def test_a_video_answers_oembed_as_video_sized_like_the_clip_with_its_thumbnail(client, hls, video):
    url = f"http://localhost/embed/hls/video/{video.id}"
    answer = oembed(client, url).get_json()
    assert answer["type"] == "video"
    assert (answer["width"], answer["height"]) == (640, 480 + 84)  # 4:3 clip at 640 wide, and the embed's chrome
    assert answer["title"] == "Monter un hameau léger"
    assert answer["author_name"] == "Hameaux Légers"
    assert f'src="{url}"' in answer["html"] and "allowfullscreen" in answer["html"]
    assert (answer["thumbnail_width"], answer["thumbnail_height"]) == (280, 157)
    thumbnail = client.get(urlsplit(answer["thumbnail_url"]).path)
    assert thumbnail.status_code == 200 and thumbnail.mimetype == "image/jpeg"

    small = oembed(client, url, maxwidth=320, maxheight=400).get_json()
    assert small["width"] <= 320 and small["height"] <= 400
    assert 'width="{}" height="{}"'.format(small["width"], small["height"]) in small["html"]
    tiny = oembed(client, url, maxwidth=200).get_json()
    assert tiny["width"] == 200 and "thumbnail_url" not in tiny  # a thumbnail larger than the maxima is left out

    xml = oembed(client, url, format="xml")
    assert xml.mimetype == "text/xml" and b"<type>video</type>" in xml.data


def test_the_video_embed_shows_medias_player_in_the_partners_design(client, hls, co, video):
    response = client.get(f"/embed/co/video/{video.id}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert frame_ancestors(response) == ["'self'", "https://cooperative-oasis.org", "http://localhost:8080"]
    assert f'data-hls="/medias/{video.id}/{video.revision}/hls/master.m3u8"' in page
    assert "media/player.js" in page and "hls.light.min.js" in page
    assert "iframeResizer.contentWindow.min.js" in page
    assert "Coopérative Oasis" in page and "--partner-primary:#8a3f0f" in page.replace(" ", "")
    playlist = client.get(f"/medias/{video.id}/{video.revision}/hls/master.m3u8")
    assert playlist.status_code == 200 and b"#EXTM3U" in playlist.data


def test_a_private_video_is_401_in_oembed_and_refused_without_a_signed_link(client, hls, private_video):
    url = f"http://localhost/embed/hls/video/{private_video.id}"
    assert oembed(client, url).status_code == 401
    refused = client.get(f"/embed/hls/video/{private_video.id}")
    assert refused.status_code == 404
    assert "Budget prévisionnel" not in refused.get_data(as_text=True)
    assert client.get(f"/embed/hls/video/{private_video.id}?jeton=forged").status_code == 403


def test_a_private_videos_signed_link_plays_through_medias_signed_urls_without_cookies(
        client, login, create_user, hls, private_resource, private_video):
    login(create_user(partner=hls, role=Role.LEARNER))
    page = client.get(f"/ressources/{private_resource.id}").get_data(as_text=True)
    assert f"embed-iframe-video-{private_video.id}" not in page  # learners may not make signed links
    login(create_user(partner=hls, role=Role.EDITOR))
    page = client.get(f"/ressources/{private_resource.id}").get_data(as_text=True)
    code = codes_of(page)[f"embed-iframe-video-{private_video.id}"]
    src = html.unescape(re.search(r'src="([^"]+)"', code).group(1))
    assert "/embed/hls/video/" in src and "jeton=" in src
    forget_session(client)

    assert oembed(client, src).get_json()["type"] == "video"  # the signed embed link is an oEmbed URL too
    embedded = client.get(src.replace("http://localhost", ""))
    body = embedded.get_data(as_text=True)
    assert embedded.status_code == 200 and embedded.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in embedded.headers
    master = re.search(r'data-hls="(/medias/integration/[^"]+/hls/master\.m3u8)"', body).group(1)
    mp4 = re.search(r'<source src="(/medias/integration/[^"]+\.mp4)"', body).group(1)
    assert client.get(f"/medias/{private_video.id}/{private_video.revision}/hls/master.m3u8").status_code != 200
    playlist = client.get(master)
    assert playlist.status_code == 200 and b"#EXTM3U" in playlist.data
    variant = re.search(r"^([^#\s].*\.m3u8)$", playlist.get_data(as_text=True), flags=re.M).group(1)
    assert client.get(master.rsplit("/", 1)[0] + "/" + variant).status_code == 200  # relative URLs keep the token
    assert client.get(mp4, headers={"Range": "bytes=0-99"}).status_code == 206


def test_the_resource_page_offers_its_videos_code_and_discovery_links(client, public_resource, video):
    page = client.get(f"/ressources/{public_resource.id}").get_data(as_text=True)
    codes = codes_of(page)
    assert f"/embed/hls/resource/{public_resource.id}" in codes["embed-iframe"]
    video_code = codes[f"embed-yeswiki-video-{video.id}"]
    assert video_code.startswith(f'""<iframe class="auto-resize" src="http://localhost/embed/hls/video/{video.id}"')
    assert 'id="integrer"' in page and f'id="integrer-video-{video.id}"' in page
    links = [html.unescape(href) for href in re.findall(r'<link rel="alternate" type="application/json\+oembed" '
                                                        r'href="([^"]+)"', page)]
    assert any(f"embed%2Fhls%2Fvideo%2F{video.id}" in href for href in links)
    assert any(f"ressources%2F{public_resource.id}" in href for href in links)


def test_private_videos_get_no_public_discovery_link(client, login, create_user, hls, private_resource,
                                                     private_video):
    login(create_user(partner=hls, role=Role.EDITOR))
    page = client.get(f"/ressources/{private_resource.id}").get_data(as_text=True)
    assert f"video%2F{private_video.id}" not in page


# Course steps -------------------------------------------------------------------------------------------------

def test_a_public_step_answers_rich_oembed_from_its_course_page(client, hls, course, video):
    step = course.steps[0]
    answer = oembed(client, f"http://localhost/parcours/{course.id}/apercu/{step.id}", maxwidth=500).get_json()
    assert answer["type"] == "rich" and answer["title"] == "Voir un hameau"
    assert answer["width"] == 500 and answer["height"] <= 720
    assert f"/embed/hls/step/{step.id}" in answer["html"]
    assert answer["thumbnail_url"].endswith("thumb.jpg")
    # the preview of a course's first step names no step: nothing to embed
    assert oembed(client, f"http://localhost/parcours/{course.id}/apercu").status_code == 404


def test_the_step_embed_shows_its_intro_resource_and_video(client, hls, course, video):
    step = course.steps[0]
    response = client.get(f"/embed/hls/step/{step.id}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert frame_ancestors(response) == ["'self'", "https://wiki.hameaux-legers.org"]
    assert "Regardez d'abord la vidéo." in html.unescape(page)
    assert "Monter un hameau léger" in page and "Trouver un terrain communal." in page
    assert f'data-hls="/medias/{video.id}/{video.revision}/hls/master.m3u8"' in page
    assert f"/parcours/{course.id}" in page


def test_a_step_of_a_draft_course_is_refused(client, hls, public_resource, make_course):
    draft = make_course(hls, steps=[("Brouillon", public_resource)], published=False)
    step = draft.steps[0]
    assert oembed(client, f"http://localhost/embed/hls/step/{step.id}").status_code == 401
    assert client.get(f"/embed/hls/step/{step.id}").status_code == 404


def test_a_step_showing_a_private_resource_needs_a_link_signed_by_an_editor_of_both(
        client, login, create_user, create_partner, hls, private_resource, private_video, make_course):
    course = make_course(hls, steps=[("Le budget", private_resource)])
    step = course.steps[0]
    assert oembed(client, f"http://localhost/embed/hls/step/{step.id}").status_code == 401
    refused = client.get(f"/embed/hls/step/{step.id}")
    assert refused.status_code == 404 and "Budget prévisionnel" not in refused.get_data(as_text=True)

    preview = f"/parcours/{course.id}/apercu/{step.id}"
    login(create_user(partner=hls, role=Role.EDITOR))
    page = client.get(preview).get_data(as_text=True)
    code = codes_of(page)[f"embed-iframe-step-{step.id}"]
    src = html.unescape(re.search(r'src="([^"]+)"', code).group(1))
    assert "jeton=" in src
    forget_session(client)
    embedded = client.get(src.replace("http://localhost", ""))
    body = embedded.get_data(as_text=True)
    assert embedded.status_code == 200 and "Budget prévisionnel interne" in body
    master = re.search(r'data-hls="(/medias/integration/[^"]+)"', body).group(1)
    assert client.get(master).status_code == 200
    assert oembed(client, src).status_code == 200

    # a course editor of another partner cannot widen hls's private resource with a signed link
    other = create_partner("oa", "Oasis")
    their_course = make_course(other, steps=[("Le budget d'hls", private_resource)])
    login(create_user(partner=other, role=Role.EDITOR))
    page = html.unescape(client.get(f"/parcours/{their_course.id}/apercu/{their_course.steps[0].id}")
                         .get_data(as_text=True))
    assert "seul·es ses éditeur·rices" in page and "jeton=" not in page


# Course outlines ----------------------------------------------------------------------------------------------

def test_a_published_outline_is_embeddable_from_the_course_page(client, hls, course):
    page = client.get(f"/parcours/{course.id}").get_data(as_text=True)
    code = codes_of(page)[f"embed-yeswiki-course-{course.id}"]
    assert f"/embed/hls/course/{course.id}" in code
    assert "application/json+oembed" in page
    answer = oembed(client, f"http://localhost/parcours/{course.id}", maxwidth=800, maxheight=300).get_json()
    assert answer["type"] == "rich" and answer["title"] == "Habiter léger"
    assert answer["width"] <= 800 and answer["height"] == 300
    response = client.get(f"/embed/hls/course/{course.id}")
    outline = response.get_data(as_text=True)
    assert response.status_code == 200
    assert frame_ancestors(response) == ["'self'", "https://wiki.hameaux-legers.org"]
    assert "Premiers pas" in outline and "Voir un hameau" in outline and "Le cadre légal" in outline


def test_a_draft_outline_is_401_and_offers_no_code(client, login, create_user, hls, make_course):
    draft = make_course(hls, title="Parcours en chantier", published=False)
    assert oembed(client, f"http://localhost/embed/hls/course/{draft.id}").status_code == 401
    assert client.get(f"/embed/hls/course/{draft.id}").status_code == 404
    login(create_user(partner=hls, role=Role.EDITOR))
    page = client.get(f"/parcours/{draft.id}").get_data(as_text=True)
    assert page and "embed-iframe" not in page
    assert oembed(client, f"http://localhost/parcours/{draft.id}").status_code == 401


# Embed loads --------------------------------------------------------------------------------------------------

def test_embed_loads_count_per_site_for_partners_and_once_in_the_observatory(client, hls, co, course, video):
    from observatory.models import UsageEvent
    from partners import service

    step = course.steps[0]
    wiki = {"Referer": "https://cooperative-oasis.org/wakka.php?wiki=Hameaux"}
    client.get(f"/embed/co/video/{video.id}", headers=wiki)
    client.get(f"/embed/co/step/{step.id}", headers=wiki)
    client.get(f"/embed/co/course/{course.id}", headers={"Referer": "http://localhost:8080/"})
    client.get(f"/embed/co/course/{course.id}?jeton=bad")  # public: the token is not even read; still one load

    statistics = service.embed_statistics(co)
    assert statistics[0] == ("https://cooperative-oasis.org", 2, 2)  # busiest first; ties in the database's order
    assert sorted(statistics[1:]) == [("", 1, 1), ("http://localhost:8080", 1, 1)]
    events = db.session.execute(sa.select(UsageEvent.kind, UsageEvent.source, UsageEvent.resource_id,
                                          UsageEvent.partner_id, UsageEvent.subject)
                                .order_by(UsageEvent.id)).all()
    embed_loads = [row for row in events if row.kind == "embed_load"]
    resource_id = course.steps[0].resource_id
    assert [tuple(row) for row in embed_loads] == [
        ("embed_load", "partners", resource_id, hls.id, f"video:{video.id}"),
        ("embed_load", "partners", resource_id, hls.id, f"step:{step.id}"),
        ("embed_load", "partners", None, hls.id, f"course:{course.id}"),
        ("embed_load", "partners", None, hls.id, f"course:{course.id}"),
    ]
    assert not [row for row in events if row.kind == "view"]  # an embed load is not also counted as a page view


def test_refused_embeds_are_not_counted(client, hls, private_video):
    from observatory.models import UsageEvent

    client.get(f"/embed/hls/video/{private_video.id}")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(UsageEvent)) == 0


# The portal ---------------------------------------------------------------------------------------------------

@pytest.fixture
def make_session(app_ctx):
    from paths.models import CourseSession

    def make(course, title, enrol_from, enrol_until, capacity=None):
        now = utcnow()
        session = CourseSession(course_id=course.id, title=title, enrol_opens_at=now + timedelta(days=enrol_from),
                                enrol_closes_at=now + timedelta(days=enrol_until),
                                opens_at=now + timedelta(days=enrol_until), closes_at=now + timedelta(days=60),
                                capacity=capacity)
        db.session.add(session)
        db.session.commit()
        return session

    return make


def test_the_portal_features_its_courses_and_sessions_open_for_enrolment(
        client, hls, co, course, make_course, make_session, create_user):
    from paths import service as paths_service

    popular = make_course(hls, title="Construire sa yourte")
    make_course(hls, title="Parcours en chantier", published=False)
    make_course(co, title="Le parcours d'Oasis")
    spring = make_session(popular, "Printemps des yourtes", -5, 10, capacity=12)
    make_session(course, "Session d'automne", -2, 30)
    make_session(course, "Session close", -30, -1)
    make_session(course, "Session future", 5, 20)
    for n in range(2):
        paths_service.enrol(spring, create_user(email=f"apprenant{n}@example.org"))
    db.session.commit()

    page = html.unescape(client.get("/p/hls/").get_data(as_text=True))
    featured = page[page.index("Parcours à la une"):page.index("Sessions ouvertes aux inscriptions")]
    assert featured.index("Construire sa yourte") < featured.index("Habiter léger")  # the most followed first
    assert "2 apprenant·es" in featured
    assert "Parcours en chantier" not in page and "Le parcours d'Oasis" not in page
    sessions = page[page.index("Sessions ouvertes aux inscriptions"):page.index("Dernières ressources")]
    assert sessions.index("Printemps des yourtes") < sessions.index("Session d'automne")  # closing soonest first
    assert "10 places restantes" in sessions
    assert "Session close" not in page and "Session future" not in page
    assert f'href="/sessions/{spring.id}"' in page and f'href="/parcours/{popular.id}"' in page


def test_a_portal_without_courses_shows_no_empty_course_sections(client, hls):
    page = client.get("/p/hls/").get_data(as_text=True)
    assert "Parcours à la une" not in page and "Sessions ouvertes" not in page
