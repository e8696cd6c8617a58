"""Operations on partner designs, portals, usage records and onboarding. They flush; the request commits once."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from app import audit
from app.accounts import service as accounts
from app.accounts.models import Invitation, Partner, Role, User
from app.db import db, utcnow
from commons.models import Resource, Status
from media.storage import get_storage, new_key
from observatory.models import UsageKind
from observatory.service import usage as observatory_usage
from partners.design import COLOUR_DEFAULTS, DEFAULT_TYPEFACE
from partners.images import image_size, sniff_image
from partners.models import EmbedLoad, PartnerDesign, SearchScope

CHUNK = 64 * 1024
#: how far back "most used" looks
USAGE_WINDOW = timedelta(days=90)
#: the observatory's usage events that make a resource "used" on a portal
USES = (UsageKind.VIEW, UsageKind.EMBED_LOAD)


class LogoRejected(Exception):
    """The logo is refused; `status` is 413 (too large) or 415 (not an accepted image), the message is for people."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class HostNameTaken(Exception):
    """Another partner already serves its portal on that host name."""


# Designs ------------------------------------------------------------------------------------------------------

def _default_design(partner: Partner) -> PartnerDesign:
    design = PartnerDesign(partner=partner, partner_id=partner.id, **COLOUR_DEFAULTS, typeface=DEFAULT_TYPEFACE,
                           tagline="", header_links=[], footer_links=[], frame_origins=[],
                           search_scope=SearchScope.OWN)
    design.primary_colour = partner.primary_colour or COLOUR_DEFAULTS["primary_colour"]
    design.accent_colour = partner.accent_colour or COLOUR_DEFAULTS["accent_colour"]
    return design


def design_for(partner: Partner) -> PartnerDesign:
    """The partner's design; for a partner without one, an unsaved default from its colours (pages that only
    read it never write)."""
    design = db.session.scalar(sa.select(PartnerDesign).where(PartnerDesign.partner_id == partner.id))
    return design if design is not None else _default_design(partner)


def editable_design(partner: Partner) -> PartnerDesign:
    """The partner's design, added to the session when it did not exist yet (for pages that save it)."""
    design = design_for(partner)
    if design.id is None:
        db.session.add(design)
        db.session.flush()
    return design


DESIGN_FIELDS = (*COLOUR_DEFAULTS, "typeface", "tagline", "header_links", "footer_links")
INTEGRATION_FIELDS = ("host_name", "search_scope", "frame_origins")


def _fields(design: PartnerDesign, names) -> dict:
    return {name: getattr(design, name) for name in names}


def _apply_design(design: PartnerDesign, data: dict) -> None:
    for name in DESIGN_FIELDS:
        if name in data:
            setattr(design, name, data[name])
    design.partner.primary_colour = design.primary_colour
    design.partner.accent_colour = design.accent_colour
    db.session.flush()


def save_design(design: PartnerDesign, data: dict) -> None:
    """Apply validated design fields (DesignSchema); the partner's badge colours follow the design's. What
    changed goes to the audit journal."""
    before = _fields(design, DESIGN_FIELDS)
    _apply_design(design, data)
    changed = audit.changes(before, _fields(design, DESIGN_FIELDS))
    if changed:
        audit.record("partner_design.changed", design, target_label=design.partner.name, **changed)


def save_integrations(design: PartnerDesign, data: dict) -> None:
    """Apply validated portal and framing settings (IntegrationSchema); HostNameTaken if the host is in use."""
    host = data.get("host_name") or None
    if host is not None:
        owner = db.session.scalar(sa.select(PartnerDesign.partner_id).where(PartnerDesign.host_name == host))
        if owner is not None and owner != design.partner_id:
            raise HostNameTaken(host)
    before = _fields(design, INTEGRATION_FIELDS)
    design.host_name = host
    design.search_scope = data["search_scope"]
    design.frame_origins = data["frame_origins"]
    db.session.flush()
    changed = audit.changes(before, _fields(design, INTEGRATION_FIELDS))
    if changed:
        audit.record("partner_design.integrations_changed", design, target_label=design.partner.name, **changed)


def _spool(upload: FileStorage, limit: int) -> tuple[Path, bytes, int]:
    """Copy the upload to a temporary file; refuse it as soon as it passes `limit` bytes."""
    size, head = 0, b""
    with tempfile.NamedTemporaryFile(dir=get_storage().temp_dir(), delete=False, prefix="logo-") as handle:
        path = Path(handle.name)
        while chunk := upload.stream.read(CHUNK):
            size += len(chunk)
            if size > limit:
                break
            if len(head) < 256 * 1024:
                head += chunk[:256 * 1024 - len(head)]
            handle.write(chunk)
    if size > limit:
        path.unlink(missing_ok=True)
        raise LogoRejected(413, _("Le logo dépasse la taille permise (%(size)s Ko).", size=limit // 1024))
    return path, head, size


def set_logo(design: PartnerDesign, upload: FileStorage) -> None:
    """Store a PNG, JPEG, WebP or GIF logo under a generated name; the previous file is removed."""
    path, head, size = _spool(upload, int(current_app.config.get("MAX_LOGO_BYTES", 1024 * 1024)))
    sniffed = sniff_image(head) if size else None
    dimensions = image_size(head, sniffed[0]) if sniffed else None
    if sniffed is None or dimensions is None:
        path.unlink(missing_ok=True)
        raise LogoRejected(415, _("Le logo doit être une image PNG, JPEG, WebP ou GIF."))
    storage = get_storage()
    key = new_key("logos", sniffed[0])
    storage.save_file(key, path)
    old_key = design.logo_key
    design.logo_key, design.logo_mime = key, sniffed[1]
    design.logo_width, design.logo_height = dimensions
    db.session.flush()
    audit.record("partner_design.logo_changed", design, target_label=design.partner.name,
                 **audit.changes({"logo": old_key}, {"logo": key}))
    if old_key:
        storage.delete(old_key)


def remove_logo(design: PartnerDesign) -> None:
    if design.logo_key:
        get_storage().delete(design.logo_key)
        audit.record("partner_design.logo_changed", design, target_label=design.partner.name,
                     logo={"before": design.logo_key, "after": None})
    design.logo_key = design.logo_mime = design.logo_width = design.logo_height = None
    db.session.flush()


def design_for_host(host: str) -> PartnerDesign | None:
    """The active partner's design configured for `host` (lower case, no port)."""
    design = db.session.scalar(sa.select(PartnerDesign).where(PartnerDesign.host_name == host))
    return design if design is not None and design.partner.is_active else None


# Usage --------------------------------------------------------------------------------------------------------

def record_portal_view(resource: Resource, portal: Partner, user) -> None:
    """A read of a resource's page on a partner's portal: a view in the observatory's usage events (the one record
    of views; the commons' own resource page is recorded by the observatory itself), naming the portal."""
    observatory_usage.record_usage(UsageKind.VIEW, source="partners", resource_id=resource.id,
                                   subject=f"portal:{portal.id}",
                                   user_id=user.id if user is not None and user.is_authenticated else None)


def record_embed_load(kind, obj, partner: Partner, site_origin: str | None) -> EmbedLoad:
    """One load of an embed: the observatory's `embed_load` usage event (platform statistics, the portals' "most
    used" lists) and partners' record of the embedding site (per-site statistics), in the same transaction."""
    load = EmbedLoad(object_kind=kind.key, object_id=obj.id, partner_id=partner.id, site_origin=site_origin)
    db.session.add(load)
    resource_id, subject = kind.usage(obj)
    observatory_usage.record_usage(UsageKind.EMBED_LOAD, source="partners", resource_id=resource_id,
                                   partner_id=kind.owner(obj).id, subject=subject)
    return load


def embed_statistics(partner: Partner) -> list[tuple[str, int, int]]:
    """(embedding site, loads, distinct objects) of the partner's embeds, busiest site first ("" when the
    browser sent no Referer)."""
    objects = sa.func.count(sa.distinct(EmbedLoad.object_kind + ":" + sa.cast(EmbedLoad.object_id, sa.String)))
    rows = db.session.execute(
        sa.select(EmbedLoad.site_origin, sa.func.count(), objects)
        .where(EmbedLoad.partner_id == partner.id)
        .group_by(EmbedLoad.site_origin)
        .order_by(sa.func.count().desc(), EmbedLoad.site_origin)).all()
    return [(origin or "", loads, distinct) for origin, loads, distinct in rows]


# Portals ------------------------------------------------------------------------------------------------------

def _portal_resources(partner: Partner, user):
    """Published resources of the partner (owned or co-owned) that `user` may see."""
    return sa.select(Resource).where(Resource.visible_to(user), Resource.status == Status.PUBLISHED,
                                     Resource.belongs_to({partner.id}))


def latest_resources(partner: Partner, user, limit: int = 6) -> list[Resource]:
    query = _portal_resources(partner, user).order_by(Resource.published_dt.desc().nulls_last(),
                                                      Resource.id.desc())
    return list(db.session.scalars(query.limit(limit)).unique())


def most_used_resources(partner: Partner, user, limit: int = 6) -> list[tuple[Resource, int]]:
    """The partner's resources most viewed or embedded in the last 90 days, with their count (none if unused), as
    the observatory counted them: views of their pages (the commons' and the portals'), loads of their embeds (the
    resource's, its videos', course steps showing it)."""
    uses = observatory_usage.uses_per_resource(USES, utcnow() - USAGE_WINDOW).subquery()
    query = (_portal_resources(partner, user).add_columns(uses.c.uses)
             .join(uses, uses.c.resource_id == Resource.id)
             .order_by(uses.c.uses.desc(), Resource.id.desc()).limit(limit))
    return [(resource, count) for resource, count in db.session.execute(query).unique()]


def featured_courses(partner: Partner, user, limit: int = 4) -> list[tuple]:
    """The partner's published courses (those `user` may see), as (course, learners): the most followed first
    (learners enrolled in any of its sessions, those who left excepted), then the latest published."""
    from courses.models import Course, CourseStatus
    from paths.models import CourseSession, Enrolment, EnrolmentStatus

    learners = (sa.select(CourseSession.course_id, sa.func.count(sa.distinct(Enrolment.user_id)).label("n"))
                .join(Enrolment, Enrolment.session_id == CourseSession.id)
                .where(Enrolment.status == EnrolmentStatus.ACTIVE)
                .group_by(CourseSession.course_id).subquery())
    count = sa.func.coalesce(learners.c.n, 0)
    query = (sa.select(Course, count).outerjoin(learners, learners.c.course_id == Course.id)
             .where(Course.visible_to(user), Course.status == CourseStatus.PUBLISHED,
                    Course.owner_partner_id == partner.id)
             .order_by(count.desc(), Course.published_dt.desc().nulls_last(), Course.id.desc()).limit(limit))
    return [(course, n) for course, n in db.session.execute(query).unique()]


def open_sessions(partner: Partner, user, limit: int = 6) -> list[tuple]:
    """Sessions of the partner's courses open for enrolment now, closing soonest first, as (session, places
    left or None when unlimited)."""
    from courses.models import Course
    from paths import service as paths_service
    from paths.models import CourseSession

    now = utcnow()
    sessions = db.session.scalars(
        sa.select(CourseSession).join(Course, Course.id == CourseSession.course_id)
        .where(Course.visible_to(user), Course.owner_partner_id == partner.id,
               CourseSession.enrol_opens_at <= now, CourseSession.enrol_closes_at > now)
        .order_by(CourseSession.enrol_closes_at, CourseSession.id).limit(limit)).unique()
    return [(session, None if session.capacity is None
             else max(0, session.capacity - paths_service.active_count(session))) for session in sessions]


def resources_by_ids(ids: list[int], user) -> list[Resource]:
    """Resources in the order of `ids`, keeping only those `user` may see (search hits re-checked)."""
    if not ids:
        return []
    found = {r.id: r for r in db.session.scalars(
        sa.select(Resource).where(Resource.id.in_(ids), Resource.visible_to(user))).unique()}
    return [found[i] for i in ids if i in found]


# Onboarding ---------------------------------------------------------------------------------------------------

def onboard_partner(data: dict, invited_by: User) -> tuple[Partner, Invitation, str]:
    """Create a partner with its design and invite its first admin; returns the invitation and its signed token."""
    partner = Partner(slug=data["slug"], name=data["name"], short_name=data["short_name"],
                      description=data.get("description", ""), website=data.get("website") or None,
                      primary_colour=data["primary_colour"], accent_colour=data["accent_colour"])
    db.session.add(partner)
    db.session.flush()
    _apply_design(editable_design(partner), data)
    audit.record("partner.onboarded", partner, partner=partner, slug=partner.slug,
                 admin_email=data["admin_email"].strip().lower())
    invitation, token = accounts.create_invitation(partner, data["admin_email"], Role.ADMIN, invited_by)
    return partner, invitation, token


def slug_taken(slug: str) -> bool:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Partner).where(Partner.slug == slug)) > 0
