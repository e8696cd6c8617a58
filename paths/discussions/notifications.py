"""Who hears about a post: the thread's followers (in the app, and by an e-mail digest for those who chose
it) and the facilitators it mentions (`@handle`, shown as a link). Also the bell's count and the digest job."""

from __future__ import annotations

import re
import unicodedata

import sqlalchemy as sa
from flask import current_app, url_for
from markupsafe import Markup

from app.accounts.models import User
from app.db import db, utcnow
from app.i18n import N_
from app.text import render_markdown
from paths.discussions.models import Follower, Notification, NotificationKind, Post, Preference, Thread
from paths.models import CourseSession
from paths.service import queue_email

MENTION = re.compile(r"(?<![\w@/])@([a-z0-9][a-z0-9-]{0,60})", re.IGNORECASE)
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+!|])")


def handle(user: User) -> str:
    """A facilitator's mention handle: their name without accents, in lower case, words joined by hyphens."""
    ascii_name = unicodedata.normalize("NFKD", user.name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def mentioned(session: CourseSession, body: str) -> list[User]:
    """The session's facilitators named with @handle in `body`."""
    handles = {match.lower() for match in MENTION.findall(body)}
    return [user for user in session.facilitators if handle(user) in handles]


def render_post(body: str, session: CourseSession) -> Markup:
    """The post as sanitised HTML, with each facilitator's @handle turned into a link to the session's team."""
    by_handle = {handle(user): user for user in session.facilitators}
    target = url_for("paths.session_page", session_id=session.id, _anchor="animation")

    def link(match: re.Match) -> str:
        user = by_handle.get(match.group(1).lower())
        if user is None:
            return match.group(0)
        name = MARKDOWN_SPECIALS.sub(r"\\\1", user.name)
        return f"[@{name}]({target})"

    return render_markdown(MENTION.sub(link, body))


def _add(user_ids, kind: NotificationKind, post: Post, actor: User) -> None:
    rows = [{"user_id": user_id, "kind": kind.value, "post_id": post.id, "actor_name": actor.name[:200],
             "created_dt": utcnow()} for user_id in user_ids if user_id != actor.id]
    if rows:
        db.session.execute(sa.insert(Notification), rows)


def post_added(thread: Thread, post: Post, actor: User) -> None:
    """Mentioned facilitators hear of any post; the followers hear of replies."""
    mentions = {user.id for user in mentioned(thread.session, post.body)}
    _add(mentions, NotificationKind.MENTION, post, actor)
    if not post.is_opening:
        followers = db.session.scalars(sa.select(Follower.user_id).where(Follower.thread_id == thread.id))
        _add([user_id for user_id in followers if user_id not in mentions], NotificationKind.REPLY, post, actor)


def answer_accepted(post: Post, actor: User) -> None:
    if post.author_id is not None:
        _add([post.author_id], NotificationKind.ACCEPTED, post, actor)


# The bell, the page, the preference --------------------------------------------------------------------------

def unread_count(user) -> int:
    return db.session.scalar(sa.select(sa.func.count()).where(Notification.user_id == user.id,
                                                              Notification.read_dt.is_(None))) or 0


def recent(user, limit: int = 50) -> list[Notification]:
    return list(db.session.scalars(sa.select(Notification).where(Notification.user_id == user.id)
                                   .order_by(Notification.id.desc()).limit(limit)))


def mark_read(user, notification_id: int | None = None) -> int:
    """Mark one notification (or all of them) read; the number marked."""
    query = sa.update(Notification).where(Notification.user_id == user.id, Notification.read_dt.is_(None))
    if notification_id is not None:
        query = query.where(Notification.id == notification_id)
    return db.session.execute(query.values(read_dt=utcnow())).rowcount


def wants_digest(user) -> bool:
    preference = db.session.get(Preference, user.id)
    return preference is not None and preference.email_digest


def set_digest(user, value: bool) -> None:
    preference = db.session.get(Preference, user.id) or Preference(user_id=user.id)
    preference.email_digest = value
    db.session.add(preference)
    db.session.flush()


TEXTS = {
    NotificationKind.REPLY: N_("%(actor)s a répondu dans « %(title)s »"),
    NotificationKind.MENTION: N_("%(actor)s vous a mentionné·e dans « %(title)s »"),
    NotificationKind.ACCEPTED: N_("%(actor)s a accepté votre réponse dans « %(title)s »"),
}


def describe(notification: Notification) -> str:
    from flask_babel import gettext as _

    return _(TEXTS[notification.kind], actor=notification.actor_name, title=notification.post.thread.title)


def queue_digests() -> int:
    """One e-mail per user who chose the digest, listing the notifications not e-mailed yet; the number queued."""
    rows = db.session.execute(sa.select(Notification, User).join(User, User.id == Notification.user_id)
                              .join(Preference, Preference.user_id == User.id)
                              .where(Preference.email_digest.is_(True), Notification.emailed_dt.is_(None))
                              .order_by(User.id, Notification.id)).all()
    by_user: dict[int, tuple[User, list[Notification]]] = {}
    for notification, user in rows:
        by_user.setdefault(user.id, (user, []))[1].append(notification)
    base = current_app.config["PUBLIC_URL"].rstrip("/")
    for user, items in by_user.values():
        lines = [f"- {describe(n)}\n  {base}{thread_url(n.post)}" for n in items]
        queue_email(user.email, f"Forum : {len(items)} nouveauté(s)",
                    "Du nouveau dans les forums de vos sessions :\n\n" + "\n".join(lines) + "\n")
        for notification in items:
            notification.emailed_dt = utcnow()
    db.session.flush()
    return len(by_user)


def thread_url(post: Post) -> str:
    thread = post.thread
    return url_for("discussions.thread", session_id=thread.session_id, thread_id=thread.id,
                   _anchor=f"message-{post.id}")
