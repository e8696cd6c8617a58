"""The world the rows point at, built anew for each (row, role) by the `world` fixture of conftest.py."""

from __future__ import annotations

import io
from types import SimpleNamespace

import sqlalchemy as sa
from werkzeug.datastructures import FileStorage
from werkzeug.security import generate_password_hash

from app.accounts import service as accounts
from app.accounts.models import Membership, Partner, Role, User
from app.db import db
from tests.app.authorization.rows_external import external_world
from tests.app.authorization.rows_media import VTT
from tests.app.authorization.table import CHEAP_HASH, PASSWORD, PDF
from tests.app.authorization.world_imports import imports_world
from tests.observatory.matrix_world import observatory_world


def build_world() -> SimpleNamespace:
    """Everything the rows point at, committed; ids only, so nothing goes stale between requests."""
    from commons import service as commons
    from commons.attachments import add_attachment
    from commons.models import Kind, Status, Theme, Visibility
    from commons.seed import seed_taxonomy

    with db.session.no_autoflush:  # one flush for the whole taxonomy rather than one per term
        seed_taxonomy()
    hls = Partner(slug="hls", name="Hameaux Légers", short_name="HLS")
    co = Partner(slug="co", name="Coopérative Oasis", short_name="CO")
    people = {
        "learner": ("apprenant@hls.example", hls, Role.LEARNER),
        "facil": ("animatrice@hls.example", hls, Role.FACILITATOR),
        "editor": ("editrice@hls.example", hls, Role.EDITOR),
        "other_ed": ("editeur@co.example", co, Role.EDITOR),
        "p_admin": ("admin@hls.example", hls, Role.ADMIN),
        "admin": ("plateforme@example.org", None, None),
    }
    cheap_hash = generate_password_hash(PASSWORD, method=CHEAP_HASH)
    users = {alias: User(email=email, name=alias.title(), password_hash=cheap_hash, is_platform_admin=alias == "admin")
             for alias, (email, _, _) in people.items()}
    member_of = {alias: Membership(user=users[alias], partner=partner, role=role)
                 for alias, (_, partner, role) in people.items() if partner is not None}
    db.session.add_all([hls, co, *users.values(), *member_of.values()])
    db.session.flush()
    memberships = {alias: membership.id for alias, membership in member_of.items()}
    tokens, token_ids = {}, {}
    for alias, user in users.items():
        token, tokens[alias] = accounts.create_api_token(user, "matrice")
        token_ids[alias] = token.id

    kind = db.session.scalar(sa.select(Kind.id).where(Kind.slug == "methode"))
    admin = users["admin"]

    def resource(title, status=None, trashed=False):
        made = commons.create_resource({"title": title, "kind_id": kind, "owner_partner_id": hls.id,
                                        "visibility": Visibility.PARTNER}, admin)
        if status is not None:
            commons.change_status(made, status, admin)
        if trashed:
            commons.trash_resource(made, admin)
        return made

    def attach(target):
        upload = FileStorage(stream=io.BytesIO(PDF), filename="plan.pdf", content_type="application/pdf")
        return add_attachment(target, upload, admin).id

    pub = resource("Ressource publiée réservée à HLS", Status.PUBLISHED)
    draft = resource("Brouillon de HLS")
    trashed = resource("Ressource de HLS à la corbeille", Status.PUBLISHED)
    pub_file, trashed_file = attach(pub), attach(trashed)
    commons.trash_resource(trashed, admin)

    invitation, invitation_token = accounts.create_invitation(hls, "nouvelle@example.org", Role.EDITOR,
                                                              users["p_admin"])
    _, learner_invitation_token = accounts.create_invitation(hls, people["learner"][0], Role.FACILITATOR,
                                                             users["p_admin"])
    world = SimpleNamespace(
        hls=hls.id, co=co.id, kind=kind, theme=db.session.scalar(sa.select(Theme.id).where(Theme.slug == "foncier")),
        users={alias: user.id for alias, user in users.items()}, emails={a: p[0] for a, p in people.items()},
        memberships=memberships, tokens=tokens, token_ids=token_ids,
        pub=pub.id, pub_version=pub.version, draft=draft.id, trashed=trashed.id,
        pub_file=pub_file, trashed_file=trashed_file,
        invitation_id=invitation.id, invitation_token=invitation_token,
        learner_invitation_token=learner_invitation_token,
    )
    # partners.interop: a source of hls (remote down) and a pending change on w.pub
    from partners.interop.models import PendingChange, SyncRecord, SyncSource

    source = SyncSource(slug="wiki-hls", name="Wiki HLS", connector="yeswiki", url="http://127.0.0.1:9/", form_id="1",
                        partner_id=hls.id, created_by_id=users["p_admin"].id, mapping={})
    record = SyncRecord(source=source, external_id="FicheHls", resource_id=pub.id, synced_version=pub.version - 1)
    change = PendingChange(record=record, preview={"title": "Titre venu du wiki"}, data={
        "title": "Titre venu du wiki", "kind_id": kind, "owner_partner_id": hls.id, "visibility": "partner"})
    db.session.add_all([source, record, change])
    db.session.flush()
    world.sync_source, world.pending_change = source.id, change.id
    world.obs = observatory_world(users, hls, co, pub)
    world.media = media_world(pub.id, users["editor"], admin)
    world.external = external_world(world, admin)
    world.resource_import = imports_world(hls.id, admin)
    db.session.commit()
    _courses_and_paths_world(world, users)
    world.disc = discussions_world(world, users)
    return world


def remove_files(world: SimpleNamespace) -> None:
    """Delete what the world wrote to the media folder."""
    from commons.models import Attachment
    from media.storage import get_storage

    storage = get_storage()
    for key in db.session.scalars(sa.select(Attachment.storage_key)):
        storage.path(key).unlink(missing_ok=True)
    for key in world.media.folders:
        target = storage.path(key)
        if target.is_dir():
            storage.delete_folder(key)
        else:
            target.unlink(missing_ok=True)



def media_world(resource_id: int, editor, admin) -> SimpleNamespace:
    """A ready asset of the resource (small stand-in files: the routes serve bytes, they do not decode them),
    French captions, and a tus upload started by `editor`."""
    from flask import current_app

    from media import service as media
    from media import uploads
    from media.models import JobState, MediaAsset, Rendition
    from media.owners import OwnerRef
    from media.storage import get_storage, new_folder_key, new_key

    storage = get_storage()
    original, output = new_key("originals", "mp4"), new_folder_key("renditions")
    storage.path(original).parent.mkdir(parents=True, exist_ok=True)
    storage.path(original).write_bytes(b"not really a video")
    folder = storage.make_folder(output)
    (folder / "hls").mkdir()
    for name in ("360p.mp4", "hls/master.m3u8", "hls/360p.m3u8", "hls/360p.m4s"):
        (folder / name).write_bytes(b"#EXTM3U\n")
    asset = MediaAsset(owner_type="resource", owner_id=resource_id, filename="film.mp4", original_key=original,
                       mime_type="video/mp4", size=18, output_key=output, state=JobState.READY, progress=100,
                       renditions=[Rendition(label="360p", width=640, height=360, size=8, bitrate=1000)])
    db.session.add(asset)
    db.session.flush()
    media.save_caption(asset, "fr", VTT, admin)
    upload = uploads.create_upload(OwnerRef("resource", resource_id), editor, 10, {})
    with current_app.test_request_context():
        token = media.signed_token(asset)
    return SimpleNamespace(asset=asset.id, revision=asset.revision, token=token, upload=upload.id,
                           folders=[original, output, upload.temp_key])



def _courses_and_paths_world(world, users):
    """A published hls course, a session open today facilitated by `facil` with `learner` enrolled, another
    learner's attestation, a done CSV export, a session invitation for the learner, and a bundle to import."""
    from datetime import timedelta

    from app.db import utcnow
    from courses import covers
    from courses import service as courses
    from courses.bundles import export_bundle
    from paths import service as paths
    from paths.models import Enrolment, ExportJob
    from paths.tasks import produce_export

    admin = users["admin"]
    course = courses.create_course({"title": "Habiter léger", "owner_partner_id": world.hls}, admin)
    first, second = courses.add_sequence(course, "Comprendre"), courses.add_sequence(course, "Agir")
    step = courses.add_step(first, {"title": "Bienvenue"})
    step2 = courses.add_step(second, {"title": "Conclusion"})
    courses.set_published(course, True)
    course.cover_key, course.cover_mime = covers.store_cover(io.BytesIO(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"))
    now = utcnow()
    session = paths.create_session(course, {
        "title": "Printemps", "enrol_opens_at": now - timedelta(days=2), "enrol_closes_at": now + timedelta(days=9),
        "opens_at": now - timedelta(days=1), "closes_at": now + timedelta(days=90), "capacity": None,
        "facilitator_ids": [world.users["facil"]]})
    paths.enrol(session, users["learner"])
    graduate = User(email="diplome@example.org", name="Diplômé", password_hash=None)
    db.session.add(graduate)
    db.session.flush()
    db.session.add(Enrolment(session_id=session.id, user_id=graduate.id, steps_done=2, completed_dt=now,
                             attestation_code="attestation-de-la-matrice"))
    trashed_course = courses.create_course({"title": "Parcours à la corbeille", "owner_partner_id": world.hls}, admin)
    trashed_course.mark_deleted()
    invitation = paths.invite(session, world.emails["learner"], admin)
    export = ExportJob(session_id=session.id, requested_by_id=admin.id)
    db.session.add(export)
    db.session.commit()
    produce_export(export.id)
    world.course, world.seq, world.seq2, world.step, world.step2 = course.id, first.id, second.id, step.id, step2.id
    world.session, world.export, world.attestation = session.id, export.id, "attestation-de-la-matrice"
    world.trashed_course = trashed_course.id
    world.session_invitation = paths._serializer().dumps(invitation.id)
    world.bundle = export_bundle(course)


def discussions_world(world, users) -> SimpleNamespace:
    """On w.session: the learner's question under w.step, the facilitator's reply (reported by the learner,
    who is notified of it)."""
    from paths.discussions import service as discussions
    from paths.models import CourseSession

    session = db.session.get(CourseSession, world.session)
    thread = discussions.create_thread(session, users["learner"], {
        "title": "Comment trouver un terrain ?", "body": "Des pistes ?", "is_question": True, "step_id": world.step})
    reply = discussions.reply(thread, users["facil"], "Voyez la mairie.")
    report = discussions.report(reply, users["learner"], "Trop court")
    from paths.discussions.models import Notification

    notification = db.session.scalar(sa.select(Notification.id).where(Notification.user_id == world.users["learner"]))
    db.session.commit()
    return SimpleNamespace(thread=thread.id, opening=thread.opening.id, reply=reply.id, report=report.id,
                           notification=notification)
