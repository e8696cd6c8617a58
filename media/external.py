"""An oEmbed consumer for videos hosted elsewhere (PeerTube, YouTube, Vimeo): what a resource shows instead of an
upload, until an editor replaces it by a file.

Each provider is one entry of `PROVIDERS` (a registry, not a chain of tests): which page addresses it owns, its
oEmbed endpoint, how to read the video's identifier, and the one safe template its player's address is built from.
The provider's `html` is never stored nor shown: only an identifier checked against a strict pattern is kept, and
the iframe address is rebuilt from it on the provider's own host (https; YouTube through youtube-nocookie.com).

Every request goes through `_get`: http(s) only, a short time-out (MEDIA_EXTERNAL_TIMEOUT, 5 s), a size cap, at
most three redirects each checked again, and no private address (SSRF) unless MEDIA_EXTERNAL_ALLOW_LOOPBACK
(tests, the offline demo) allows loopback — and loopback only. Failures become `ExternalVideoError`, whose
message, in French, is meant for the editor.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import requests
import urllib3
from flask import current_app
from flask_babel import lazy_gettext as _l
from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

#: the editor's messages, one per way a fetch can fail
UNREACHABLE = _l("Le site de la vidéo ne répond pas : réessayez plus tard.")
NOT_FOUND = _l("Aucune vidéo à cette adresse : vérifiez-la.")
NOT_A_VIDEO = _l("Cette adresse ne désigne pas une vidéo PeerTube, YouTube ou Vimeo.")
BAD_ANSWER = _l("Le site de la vidéo a envoyé une réponse illisible.")
BAD_ADDRESS = _l("Donnez l'adresse complète d'une page de vidéo (https://…).")

MAX_ANSWER_BYTES = 512 * 1024
MAX_THUMBNAIL_BYTES = 2 * 1024 * 1024
MAX_REDIRECTS = 3
#: identifiers the providers use (YouTube 11 characters, Vimeo digits, PeerTube UUID or short UUID)
SAFE_REF = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class ExternalVideoError(Exception):
    """A fetch that failed; `str(error)` is the French message for the editor."""

    def __init__(self, message):
        super().__init__(str(message))


class OEmbedSchema(Schema):
    """The part of an oEmbed 1.0 answer we use (oembed.com §2.3.4); Vimeo adds `duration` and `video_id`."""

    class Meta:
        unknown = EXCLUDE

    type = fields.String(required=True)
    version = fields.String(load_default="1.0")
    title = fields.String(load_default="", validate=validate.Length(max=300))
    author_name = fields.String(load_default="", validate=validate.Length(max=200))
    thumbnail_url = fields.Url(load_default=None, schemes={"http", "https"}, require_tld=False)
    html = fields.String(load_default="")
    width = fields.Integer(load_default=None, allow_none=True)
    height = fields.Integer(load_default=None, allow_none=True)
    duration = fields.Float(load_default=None, allow_none=True, validate=validate.Range(min=0))
    video_id = fields.Raw(load_default=None, allow_none=True)


@dataclass
class FetchedVideo:
    """What the provider told us about a video page."""

    provider: str
    page_url: str
    host: str
    ref: str
    title: str
    author_name: str
    thumbnail_url: str | None
    width: int | None
    height: int | None
    duration: float | None


@dataclass(frozen=True)
class Provider:
    """One video host: `owns(url parts)`, its oEmbed `endpoint(url parts)`, `ref(url parts, oembed answer)` the
    video's identifier, `embed` the player's address template, and optionally `duration(parts, ref)`."""

    label: str
    owns: Callable
    endpoint: Callable
    ref: Callable
    embed: str
    duration: Callable | None = None

    def embed_url(self, host: str, ref: str) -> str:
        scheme = "http" if is_loopback_host(host) else "https"
        return self.embed.format(scheme=scheme, host=host, ref=ref)


# Providers ------------------------------------------------------------------------------------------------------

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "www.youtube-nocookie.com"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
PEERTUBE_PATH = re.compile(r"^/(?:w|videos/watch|videos/embed)/([A-Za-z0-9_-]{1,64})/?$")
PEERTUBE_EMBED = re.compile(r"""src=["'](https?://[^"'/]+)/videos/embed/([A-Za-z0-9_-]{1,64})""")


def _youtube_ref(parts, _answer) -> str | None:
    if parts.hostname == "youtu.be":
        return parts.path.strip("/") or None
    if parts.path == "/watch":
        return (parse_qs(parts.query).get("v") or [None])[0]
    match = re.match(r"^/(?:embed|shorts|live)/([A-Za-z0-9_-]+)", parts.path)
    return match.group(1) if match else None


def _vimeo_ref(parts, answer) -> str | None:
    if answer.get("video_id") is not None:
        return str(answer["video_id"])
    match = re.match(r"^/(?:video/)?(\d+)", parts.path)
    return match.group(1) if match else None


def _peertube_ref(parts, answer) -> str | None:
    """The UUID in the player address the instance gave, when it is on the instance itself, else the page's id."""
    found = PEERTUBE_EMBED.search(answer.get("html") or "")
    if found and urlsplit(found.group(1)).netloc == parts.netloc:
        return found.group(2)
    match = PEERTUBE_PATH.match(parts.path)
    return match.group(1) if match else None


def _peertube_duration(parts, ref: str) -> float | None:
    """PeerTube's oEmbed has no length; its REST API has (`GET /api/v1/videos/{id}` → `duration` in seconds)."""
    try:
        answer = _get_json(f"{parts.scheme}://{parts.netloc}/api/v1/videos/{ref}")
        seconds = answer.get("duration") if isinstance(answer, dict) else None
    except ExternalVideoError:
        return None
    return float(seconds) if isinstance(seconds, int | float) and seconds > 0 else None


PROVIDERS: dict[str, Provider] = {
    "youtube": Provider(
        label="YouTube", owns=lambda p: p.hostname in YOUTUBE_HOSTS,
        endpoint=lambda p: "https://www.youtube.com/oembed", ref=_youtube_ref,
        embed="https://www.youtube-nocookie.com/embed/{ref}"),
    "vimeo": Provider(
        label="Vimeo", owns=lambda p: p.hostname in VIMEO_HOSTS,
        endpoint=lambda p: "https://vimeo.com/api/oembed.json", ref=_vimeo_ref,
        embed="https://player.vimeo.com/video/{ref}"),
    "peertube": Provider(
        label="PeerTube", owns=lambda p: bool(PEERTUBE_PATH.match(p.path)),
        endpoint=lambda p: f"{p.scheme}://{p.netloc}/services/oembed", ref=_peertube_ref,
        embed="{scheme}://{host}/videos/embed/{ref}", duration=_peertube_duration),
}


# Fetching -------------------------------------------------------------------------------------------------------

def fetch_video(page_url: str) -> FetchedVideo:
    """Ask the provider of `page_url` about its video; raises ExternalVideoError with the editor's message."""
    parts = _checked_parts(page_url.strip())
    name = next((key for key, provider in PROVIDERS.items() if provider.owns(parts)), None)
    if name:
        query = urlencode({"url": parts.geturl(), "format": "json"})
        oembed_url = f"{PROVIDERS[name].endpoint(parts)}?{query}"
    else:  # a page on other paths of a PeerTube instance announces its endpoint (with the video's address)
        name, oembed_url = "peertube", _discover(parts)
    provider = PROVIDERS[name]
    answer = _load_answer(_get_json(oembed_url))
    ref = provider.ref(parts, answer)
    if not ref or not SAFE_REF.match(ref):
        raise ExternalVideoError(NOT_A_VIDEO)
    duration = answer["duration"]
    if duration is None and provider.duration:
        duration = provider.duration(parts, ref)
    host = parts.netloc if name == "peertube" else urlsplit(provider.embed_url("", ref)).netloc
    return FetchedVideo(name, parts.geturl(), host, ref, answer["title"], answer["author_name"],
                        answer["thumbnail_url"], answer["width"], answer["height"], duration)


def fetch_thumbnail(url: str) -> bytes | None:
    """The thumbnail's bytes (kept by us, so pages never load a third party's image), or None if unavailable."""
    try:
        response = _get(url, MAX_THUMBNAIL_BYTES)
    except ExternalVideoError:
        return None
    return response.content if response.status_code == 200 else None


def _load_answer(answer) -> dict:
    if not isinstance(answer, dict):
        raise ExternalVideoError(BAD_ANSWER)
    try:
        loaded = OEmbedSchema().load(answer)
    except ValidationError as error:
        raise ExternalVideoError(BAD_ANSWER) from error
    if loaded["type"] != "video":
        raise ExternalVideoError(NOT_A_VIDEO)
    return loaded


def _get_json(url: str):
    response = _get(url, MAX_ANSWER_BYTES)
    if response.status_code in (401, 403, 404):
        raise ExternalVideoError(NOT_FOUND)
    if response.status_code != 200:
        raise ExternalVideoError(UNREACHABLE if response.status_code >= 500 else BAD_ANSWER)
    try:
        return response.json()
    except ValueError as error:  # HTML where JSON was expected, or truncated JSON
        raise ExternalVideoError(BAD_ANSWER) from error


class _OEmbedLinks(HTMLParser):
    """Collects `<link rel="alternate" type="application/json+oembed" href="…">` of a page (oEmbed discovery)."""

    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "link" and found.get("type") == "application/json+oembed" and found.get("href"):
            self.hrefs.append(found["href"])


def _discover(parts) -> str:
    """The oEmbed address a page announces (endpoint and query), accepted only on the page's own host."""
    response = _get(parts.geturl(), MAX_ANSWER_BYTES)
    if response.status_code != 200:
        raise ExternalVideoError(NOT_FOUND if response.status_code in (404, 410) else UNREACHABLE)
    links = _OEmbedLinks()
    links.feed(response.text)
    for href in links.hrefs:
        found = urlsplit(urljoin(parts.geturl(), href))
        if found.netloc == parts.netloc and found.path.endswith("/services/oembed"):
            return found.geturl()
    raise ExternalVideoError(NOT_A_VIDEO)


# The guarded HTTP client ----------------------------------------------------------------------------------------

def _get(url: str, max_bytes: int) -> requests.Response:
    """GET with the time-out, the size cap and the address checks, following (and checking) a few redirects."""
    timeout = float(current_app.config.get("MEDIA_EXTERNAL_TIMEOUT", 5))
    for _hop in range(MAX_REDIRECTS + 1):
        _checked_parts(url)
        try:
            response = requests.get(url, timeout=timeout, allow_redirects=False, stream=True,
                                    headers={"User-Agent": "Terreau (oEmbed)", "Accept": "application/json, */*"})
            body = response.raw.read(max_bytes + 1, decode_content=True)
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as error:
            raise ExternalVideoError(UNREACHABLE) from error
        if response.is_redirect and response.headers.get("Location"):
            url = urljoin(url, response.headers["Location"])
            continue
        if len(body) > max_bytes:
            raise ExternalVideoError(BAD_ANSWER)
        response._content = body
        return response
    raise ExternalVideoError(UNREACHABLE)


def _checked_parts(url: str):
    """The URL's parts if it is http(s) with a host this server may call, else ExternalVideoError."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username or parts.password:
        raise ExternalVideoError(BAD_ADDRESS)
    if not _host_allowed(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)):
        raise ExternalVideoError(NOT_A_VIDEO)
    return parts


def _host_allowed(hostname: str, port: int) -> bool:
    """Every address the name resolves to is public — or loopback, when the settings allow it (tests, demo)."""
    allow_loopback = bool(current_app.config.get("MEDIA_EXTERNAL_ALLOW_LOOPBACK"))
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(hostname, port, proto=socket.IPPROTO_TCP)}
    except (socket.gaierror, UnicodeError) as error:
        raise ExternalVideoError(UNREACHABLE) from error
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if ip.is_loopback and allow_loopback:
            continue
        if not ip.is_global or ip.is_multicast:
            return False
    return bool(addresses)


def is_loopback_host(host: str) -> bool:
    """`127.0.0.1:8000`, `[::1]`, `localhost`: the only plain-http players we build (the tests' and demo's)."""
    name = urlsplit(f"//{host}").hostname or ""
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def embed_url(provider: str, host: str, ref: str) -> str | None:
    """The player's address, rebuilt from the stored identifier through the provider's template."""
    found = PROVIDERS.get(provider)
    return found.embed_url(host, ref) if found and SAFE_REF.match(ref or "") else None
