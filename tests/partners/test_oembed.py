"""The oEmbed provider, rule by rule (oembed.com, version 1.0), and the discovery links that lead to it."""

from __future__ import annotations

import io
import re
import struct
import zlib
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import pytest
from werkzeug.datastructures import FileStorage

from app.db import db, utcnow


def png(width: int, height: int) -> bytes:
    """A real, tiny PNG of the given size (one grey row repeated)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def oembed(client, url, **params):
    return client.get("/oembed", query_string={"url": url, **params})


def page_url(resource) -> str:
    return f"http://localhost/ressources/{resource.id}"


def test_json_answer_for_a_public_resource_is_rich_with_an_iframe_to_its_embed(client, public_resource):
    response = oembed(client, page_url(public_resource))
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    body = response.json
    assert body["version"] == "1.0"
    assert body["type"] == "rich"
    assert body["title"] == "Monter un hameau léger"
    assert body["provider_name"] == "Terreau"
    assert body["author_name"] == "Hameaux Légers"
    assert body["author_url"] == "http://localhost/partenaires/hls"
    assert (body["width"], body["height"]) == (640, 480)
    assert f'src="http://localhost/embed/hls/resource/{public_resource.id}"' in body["html"]
    assert 'width="640" height="480"' in body["html"]
    assert body["cache_age"] == 3600
    assert not any(key.startswith("thumbnail") for key in body)


def test_xml_answer_carries_the_same_fields(client, public_resource):
    response = oembed(client, page_url(public_resource), format="xml")
    assert response.status_code == 200
    assert response.mimetype == "text/xml"
    assert response.data.startswith(b"<?xml")
    root = ElementTree.fromstring(response.data)  # noqa: S314 - our own answer
    assert root.tag == "oembed"
    fields = {child.tag: child.text for child in root}
    as_json = oembed(client, page_url(public_resource)).json
    assert fields == {key: str(value) for key, value in as_json.items()}
    assert fields["html"].startswith("<iframe ")  # escaped in the XML, plain once parsed


@pytest.mark.parametrize(("params", "size"), [
    ({"maxwidth": "320"}, (320, 240)),
    ({"maxheight": "120"}, (160, 120)),
    ({"maxwidth": "400", "maxheight": "150"}, (200, 150)),
    ({"maxwidth": "2000", "maxheight": "2000"}, (640, 480)),
])
def test_sizes_respect_the_maxima(client, public_resource, params, size):
    body = oembed(client, page_url(public_resource), **params).json
    assert (body["width"], body["height"]) == size
    assert f'width="{size[0]}" height="{size[1]}"' in body["html"]


@pytest.mark.parametrize("fmt", ["yaml", "html", "JSONP"])
def test_an_unsupported_format_is_501(client, public_resource, fmt):
    assert oembed(client, page_url(public_resource), format=fmt).status_code == 501


def test_urls_naming_nothing_embeddable_are_404(client, public_resource, create_resource, hls):
    from commons.models import Status, Visibility

    trashed = create_resource(hls, title="À la corbeille", status=Status.PUBLISHED, visibility=Visibility.PUBLIC,
                              deleted=True)
    for url in ("http://localhost/ressources/999999",  # no such resource
                page_url(trashed),  # deleted
                "http://localhost/ressources/",  # a page, but not of one embeddable thing
                f"http://elsewhere.example/ressources/{public_resource.id}",  # another site
                f"http://localhost/embed/hls/video/{public_resource.id}",  # a kind not registered
                f"http://localhost/embed/inconnu/resource/{public_resource.id}",  # no such partner
                "javascript:alert(1)", "pas une adresse"):
        assert oembed(client, url).status_code == 404, url


def test_missing_url_is_a_bad_request(client):
    assert client.get("/oembed").status_code == 400


def test_private_and_unpublished_resources_are_401(client, private_resource, create_resource, hls):
    draft = create_resource(hls, title="Brouillon public")
    assert oembed(client, page_url(private_resource)).status_code == 401
    assert oembed(client, page_url(draft)).status_code == 401


def test_a_signed_embed_url_of_a_private_resource_gets_its_answer(client, private_resource, hls):
    from partners.embeds import sign_embed

    token = sign_embed("resource", private_resource.id, hls)
    url = f"http://localhost/embed/hls/resource/{private_resource.id}?jeton={token}"
    body = oembed(client, url).json
    assert f"jeton={token}" in body["html"]
    assert "cache_age" not in body  # a signed link expires: do not let consumers keep it for long
    expired = sign_embed("resource", private_resource.id, hls, utcnow() - timedelta(minutes=1))
    assert oembed(client, url.replace(token, expired)).status_code == 401
    assert oembed(client, url.replace(token, token[:-3] + "abc")).status_code == 401


def test_portal_and_embed_urls_keep_the_partner_they_name(client, public_resource, co):
    body = oembed(client, f"http://localhost/p/co/ressources/{public_resource.id}").json
    assert f"/embed/co/resource/{public_resource.id}" in body["html"]
    assert body["author_name"] == "Hameaux Légers"  # the owner stays the author
    body = oembed(client, f"http://localhost/embed/co/resource/{public_resource.id}").json
    assert f"/embed/co/resource/{public_resource.id}" in body["html"]


def test_urls_on_a_partner_host_name_are_recognised(client, public_resource):
    assert oembed(client, f"https://ressources.hameaux.test/ressources/{public_resource.id}").status_code == 200


def add_image(resource, width, height, by):
    from commons.attachments import add_attachment
    from commons.models import Attachment

    upload = FileStorage(stream=io.BytesIO(png(width, height)), filename="plan.png", content_type="image/png")
    attachment = add_attachment(db.session.get(type(resource), resource.id), upload, by)
    db.session.commit()
    return db.session.get(Attachment, attachment.id)


def test_thumbnail_from_an_image_attachment_only_when_it_fits(client, public_resource, create_user):
    attachment = add_image(public_resource, 120, 90, create_user(is_platform_admin=True))
    body = oembed(client, page_url(public_resource)).json
    assert body["thumbnail_url"] == f"http://localhost/pieces-jointes/{attachment.id}/plan.png"
    assert (body["thumbnail_width"], body["thumbnail_height"]) == (120, 90)
    assert client.get(urlsplit(body["thumbnail_url"]).path).mimetype == "image/png"
    small = oembed(client, page_url(public_resource), maxwidth="100").json
    assert not any(key.startswith("thumbnail") for key in small)  # all three or none


def discovery_links(html: str) -> dict[str, str]:
    return {kind: href.replace("&amp;", "&") for kind, href in re.findall(
        r'<link rel="alternate" type="((?:application/json|text/xml)\+oembed)" href="([^"]+)"', html)}


@pytest.mark.parametrize("path", ["/ressources/{id}", "/p/hls/ressources/{id}", "/embed/co/resource/{id}"])
def test_embeddable_pages_announce_the_provider(client, public_resource, co, path):
    page = path.format(id=public_resource.id)
    links = discovery_links(client.get(page).get_data(as_text=True))
    assert set(links) == {"application/json+oembed", "text/xml+oembed"}
    target = urlsplit(links["application/json+oembed"])
    assert parse_qs(target.query)["url"] == [f"http://localhost{page}"]
    answer = client.get(target.path + "?" + target.query)
    assert answer.status_code == 200 and answer.json["type"] == "rich"
    assert client.get(urlsplit(links["text/xml+oembed"]).path + "?" + urlsplit(
        links["text/xml+oembed"]).query).mimetype == "text/xml"


def test_other_pages_announce_nothing(client, public_resource):
    assert discovery_links(client.get("/ressources/").get_data(as_text=True)) == {}
    assert discovery_links(client.get("/gouvernance").get_data(as_text=True)) == {}
