"""What can be embedded in partner sites, and the signed links that open non-public things without cookies.

`EMBEDDABLE_KINDS` is a registry: each kind (a resource, a video, a course step and a course outline; the last
three in `partners.embed_kinds`) says how to load an object, who may see or share it, which
page of the site shows it in full, how it looks chrome-less, and what oEmbed answers for it. The embed page,
the oEmbed provider, the discovery links, the "copy the embed code" panels and the usage statistics all read
this registry: adding a kind is one `register_embeddable(...)` call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import current_app, url_for
from flask_login import AnonymousUserMixin
from itsdangerous import BadSignature, URLSafeSerializer

from app.accounts.models import Partner
from app.db import db, utcnow
from app.i18n import N_


@dataclass(frozen=True)
class Thumbnail:
    url: str
    width: int
    height: int


@dataclass(frozen=True)
class EmbeddableKind:
    """How one kind of thing is embedded. Callables take the loaded object (and the user where said)."""

    key: str  #: used in URLs and usage records: "resource", "video", "step", "course"
    label: str  #: for people (marked with N_, translated where shown)
    load: Callable[[int], Any | None]  #: the object, None when unknown or deleted
    #: endpoint of the object's full page on the site, e.g. "commons.resource" (None: shown inside another
    #: kind's page, as a video inside its resource's page; see `parts`)
    page_endpoint: str | None
    page_arg: str  #: the id argument of that endpoint, e.g. "resource_id"
    template: str  #: chrome-less template; gets `obj`, `kind`, `partner`, `design`
    title: Callable[[Any], str]
    owner: Callable[[Any], Partner]  #: the partner credited as author
    can_view: Callable[[Any, Any], bool]  #: (obj, user)
    can_share: Callable[[Any, Any], bool]  #: (obj, user): may make signed links to a non-public object
    #: whether signed links open it at all (a resource must be published): unpublishing revokes every link
    shareable: Callable[[Any], bool] = lambda obj: True
    oembed_type: str = "rich"  #: "rich", or "video" for videos
    #: default iframe width and height, shrunk to oEmbed maxima; or a callable of the object (a video's aspect)
    size: tuple[int, int] | Callable[[Any], tuple[int, int]] = (640, 480)
    thumbnail: Callable[[Any], Thumbnail | None] = lambda obj: None
    #: further page endpoints showing the object (portal pages...), with their id argument
    other_pages: dict[str, str] = field(default_factory=dict)
    #: embeddable things shown inside the object's page, as (kind key, object): a resource's videos get their
    #: own discovery links and embed code panels on the resource's page
    parts: Callable[[Any], list[tuple[str, Any]]] = lambda obj: []
    #: what the chrome-less template gets besides `obj`: (obj, signed) -> dict; `signed` is True when a
    #: signed link opened a non-public object (media files then go through media's signed URLs)
    context: Callable[[Any, bool], dict] = lambda obj, signed: {}
    #: how a load counts in the observatory's usage events: (resource id or None, subject "type:id")
    usage: Callable[[Any], tuple[int | None, str]] = lambda obj: (None, "")

    def size_for(self, obj) -> tuple[int, int]:
        return self.size(obj) if callable(self.size) else self.size

    def is_public(self, obj) -> bool:
        """Anyone, without an account, may see it: embeds need no signed link and oEmbed answers."""
        return self.can_view(obj, AnonymousUserMixin())


#: every embeddable kind by key; see register_embeddable
EMBEDDABLE_KINDS: dict[str, EmbeddableKind] = {}


def register_embeddable(kind: EmbeddableKind) -> None:
    """Make a kind embeddable (idempotent: registering the same key again replaces it)."""
    EMBEDDABLE_KINDS[kind.key] = kind


def kind_for_endpoint(endpoint: str | None) -> tuple[EmbeddableKind, str] | None:
    """(kind, id argument) of the kind whose full page (or other page) is `endpoint`."""
    if endpoint is None:
        return None
    for kind in EMBEDDABLE_KINDS.values():
        if endpoint == kind.page_endpoint:
            return kind, kind.page_arg
        if endpoint in kind.other_pages:
            return kind, kind.other_pages[endpoint]
    return None


# Resources ----------------------------------------------------------------------------------------------------

def _load_resource(resource_id: int):
    from commons.models import Resource

    resource = db.session.get(Resource, resource_id)
    return None if resource is None or resource.is_deleted else resource


def _resource_thumbnail(resource) -> Thumbnail | None:
    """The first image attachment, with its size read from the stored file."""
    from media.storage import StorageError, get_storage
    from partners.images import image_size

    extensions = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp"}
    for attachment in resource.attachments:
        if attachment.mime_type not in extensions:
            continue
        try:
            with get_storage().open(attachment.storage_key) as handle:
                size = image_size(handle.read(256 * 1024), extensions[attachment.mime_type])
        except (OSError, StorageError):
            continue
        if size:
            url = url_for("commons.download_attachment", attachment_id=attachment.id,
                          filename=attachment.filename, _external=True)
            return Thumbnail(url, *size)
    return None


def _published(resource) -> bool:
    from commons.models import Status

    return resource.status == Status.PUBLISHED and not resource.is_deleted


def _resource_videos(resource) -> list[tuple[str, Any]]:
    """The resource's videos ready to play, each embeddable on its own."""
    from partners.embed_kinds import playable_videos

    return [("video", asset) for asset in playable_videos(resource)]


def register_builtin_kinds() -> None:
    """Every kind: resources of the commons, videos of media, steps and outlines of courses."""
    register_embeddable(EmbeddableKind(
        key="resource", label=N_("ressource"), load=_load_resource,
        page_endpoint="commons.resource", page_arg="resource_id",
        template="partners/embed/resource.html",
        title=lambda resource: resource.title, owner=lambda resource: resource.owner_partner,
        can_view=lambda resource, user: resource.can_view(user),
        can_share=lambda resource, user: resource.can_edit(user) and _published(resource),
        shareable=_published,
        size=(640, 480), thumbnail=_resource_thumbnail,
        other_pages={"partners.portal_resource": "resource_id"},
        parts=_resource_videos, usage=lambda resource: (resource.id, ""),
    ))
    from partners.embed_kinds import register_course_kinds, register_video_kind

    register_video_kind()
    register_course_kinds()


# Signed links -------------------------------------------------------------------------------------------------

class EmbedLinkError(Exception):
    """A signed embed link that does not open this object; `expired` tells the two cases apart."""

    def __init__(self, expired: bool = False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="terreau-embed-link")


def link_days() -> int:
    return int(current_app.config.get("EMBED_LINK_DAYS", 30))


def sign_embed(kind: str, object_id: int, partner: Partner, expires_dt: datetime | None = None) -> str:
    """A token opening one object in one partner's embeds until `expires_dt` (default: EMBED_LINK_DAYS)."""
    expires_dt = expires_dt or utcnow() + timedelta(days=link_days())
    return _serializer().dumps({"k": kind, "i": object_id, "p": partner.id, "e": int(expires_dt.timestamp())})


def check_embed_token(token: str, kind: str, object_id: int, partner: Partner) -> datetime:
    """The expiry of a token valid for exactly this object and partner; EmbedLinkError otherwise."""
    try:
        payload = _serializer().loads(token)
    except BadSignature as exc:
        raise EmbedLinkError() from exc
    if not isinstance(payload, dict) or (payload.get("k"), payload.get("i"), payload.get("p")) != (
            kind, object_id, partner.id) or not isinstance(payload.get("e"), int):
        raise EmbedLinkError()
    expires = datetime.fromtimestamp(payload["e"], tz=UTC)
    if expires <= utcnow():
        raise EmbedLinkError(expired=True)
    return expires


def embed_url(kind: str, object_id: int, partner: Partner, token: str | None = None) -> str:
    """Absolute URL of the chrome-less page of an object in a partner's design."""
    params = {"jeton": token} if token else {}
    return url_for("partners.embed", slug=partner.slug, kind=kind, object_id=object_id, _external=True, **params)
