"""The embeddable kinds of the lower packages: a video (a media asset of a resource), a course step, and a course
outline. Each is one `register_embeddable(...)` call; partners, the top layer, reads media, commons and courses
through their models and services.

Access follows the owners: a video is public when its resource is, a step when its course is published and its
resource (if any) is public, an outline when its course is published. Signed links open non-public videos and
steps; only people who may edit what they would widen may make one (the resource's editors for a video, the
course's editors who also edit the step's resource for a step), and unpublishing revokes them. A published
course is public, so an outline has no signed links: a draft's outline is never embedded.
"""

from __future__ import annotations

from flask import url_for
from flask_login import AnonymousUserMixin, current_user

from app.db import db
from app.i18n import N_
from partners.embeds import EmbeddableKind, Thumbnail, register_embeddable

#: the width an embedded video is offered at (oEmbed shrinks it to the consumer's maxima)
VIDEO_WIDTH = 640
#: the partner's name above and the footer below the video, in CSS pixels
VIDEO_CHROME = 84
#: media's thumbnail (media.transcode.THUMBNAIL_SIZE)
THUMBNAIL = (280, 157)


def _resource(resource_id: int | None):
    from commons.models import Resource

    return db.session.get(Resource, resource_id) if resource_id else None


def _published(resource) -> bool:
    from commons.models import Status

    return resource is not None and resource.status == Status.PUBLISHED and not resource.is_deleted


def playable_videos(resource) -> list:
    """The resource's videos that have renditions to play, in upload order. Read from `resource.media`, which
    its page loads anyway, so the page's head links and embed panels add no query of their own."""
    from media.models import MediaKind

    return [asset for asset in resource.media if asset.kind == MediaKind.VIDEO and asset.output_key is not None]


def media_url(asset, name: str, external: bool = False) -> str:
    """A file of the asset: its ordinary URL when the asset is public, else media's signed expiring URL (an
    embed on another site has no session cookie to show)."""
    from media.service import signed_token

    if asset.is_public:
        return url_for("media.file", asset_id=asset.id, revision=asset.revision, name=name, _external=external)
    return url_for("media.signed_file", token=signed_token(asset), name=name, _external=external)


def _poster_thumbnail(asset) -> Thumbnail | None:
    if asset is None or not asset.has_poster:
        return None
    return Thumbnail(media_url(asset, "thumb.jpg", external=True), *THUMBNAIL)


# Videos -------------------------------------------------------------------------------------------------------

def _load_video(asset_id: int):
    from media.models import MediaAsset, MediaKind

    asset = db.session.get(MediaAsset, asset_id)
    if (asset is None or asset.is_deleted or asset.owner_type != "resource" or asset.kind != MediaKind.VIDEO
            or not asset.output_key):
        return None
    resource = _resource(asset.owner_id)
    return None if resource is None or resource.is_deleted else asset


def _video_resource(asset):
    return _resource(asset.owner_id)


def _video_title(asset) -> str:
    resource = _video_resource(asset)
    if len(playable_videos(resource)) > 1:
        return f"{resource.title} · {asset.filename}"
    return resource.title


def _video_size(asset) -> tuple[int, int]:
    width, height = asset.width or 16, asset.height or 9
    return VIDEO_WIDTH, round(VIDEO_WIDTH * height / width) + VIDEO_CHROME


def register_video_kind() -> None:
    register_embeddable(EmbeddableKind(
        key="video", label=N_("vidéo"), load=_load_video,
        page_endpoint=None, page_arg="asset_id",
        template="partners/embed/video.html",
        title=_video_title, owner=lambda asset: _video_resource(asset).owner_partner,
        can_view=lambda asset, user: asset.can_view(user),
        can_share=lambda asset, user: _video_resource(asset).can_edit(user) and _published(_video_resource(asset)),
        shareable=lambda asset: _published(_video_resource(asset)),
        oembed_type="video", size=_video_size, thumbnail=_poster_thumbnail,
        context=lambda asset, signed: {"resource": _video_resource(asset)},
        usage=lambda asset: (asset.owner_id, f"video:{asset.id}"),
    ))


# Course steps -------------------------------------------------------------------------------------------------

def _load_step(step_id: int):
    from courses.models import Step

    step = db.session.get(Step, step_id)
    return None if step is None or step.sequence.course.is_deleted else step


def _step_can_view(step, user) -> bool:
    if not step.sequence.course.can_view(user):
        return False
    return step.resource_id is None or step.resource_for(user) is not None


def _step_shareable(step) -> bool:
    course = step.sequence.course
    return course.is_published and not course.is_deleted and (step.resource_id is None or _published(step.resource))


def _step_can_share(step, user) -> bool:
    """The course's editors, and for a step showing a resource only those who also edit that resource: a course
    never widens a resource's audience."""
    return (step.sequence.course.can_edit(user) and _step_shareable(step)
            and (step.resource is None or step.resource.can_edit(user)))


def _step_resource(step, signed: bool):
    """The resource the embed shows: what the visitor may see, or, through a signed link, the published one."""
    if step.resource_id is None:
        return None
    if signed:
        return step.resource if _published(step.resource) else None
    return step.resource_for(current_user._get_current_object())


def _step_context(step, signed: bool) -> dict:
    resource = _step_resource(step, signed)
    return {"resource": resource, "course": step.sequence.course,
            "videos": playable_videos(resource) if resource else []}


def _step_thumbnail(step) -> Thumbnail | None:
    resource = step.resource_for(AnonymousUserMixin()) if step.resource_id else None
    videos = playable_videos(resource) if resource else []
    return _poster_thumbnail(videos[0]) if videos else None


def _load_course(course_id: int):
    from courses.models import Course

    course = db.session.get(Course, course_id)
    return None if course is None or course.is_deleted else course


def register_course_kinds() -> None:
    register_embeddable(EmbeddableKind(
        key="step", label=N_("étape de parcours"), load=_load_step,
        page_endpoint="courses.preview", page_arg="step_id",
        template="partners/embed/step.html",
        title=lambda step: step.title, owner=lambda step: step.sequence.course.owner_partner,
        can_view=_step_can_view, can_share=_step_can_share, shareable=_step_shareable,
        size=(640, 720), thumbnail=_step_thumbnail,
        other_pages={"paths.step_page": "step_id"},
        context=_step_context,
        usage=lambda step: (step.resource_id, f"step:{step.id}"),
    ))
    register_embeddable(EmbeddableKind(
        key="course", label=N_("plan de parcours"), load=_load_course,
        page_endpoint="courses.course", page_arg="course_id",
        template="partners/embed/course.html",
        title=lambda course: course.title, owner=lambda course: course.owner_partner,
        can_view=lambda course, user: course.can_view(user),
        can_share=lambda course, user: course.can_edit(user) and course.is_published,
        shareable=lambda course: course.is_published and not course.is_deleted,
        size=(640, 560),
        usage=lambda course: (None, f"course:{course.id}"),
    ))
