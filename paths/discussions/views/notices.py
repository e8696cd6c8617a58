"""The signed-in user's notifications: the page, marking read, and the e-mail digest preference."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from app.db import db
from app.http import load_form
from paths.discussions import notifications
from paths.discussions.models import Notification
from paths.discussions.schemas import DigestSchema
from paths.discussions.views import bp, me


@bp.get("/notifications")
@login_required
def notifications_page():
    user = me()
    return render_template("discussions/notifications.html", items=notifications.recent(user),
                           describe=notifications.describe, wants_digest=notifications.wants_digest(user))


@bp.post("/notifications/lues")
@login_required
def mark_all_read():
    count = notifications.mark_read(me())
    db.session.commit()
    flash(_("%(num)s notification(s) marquée(s) comme lue(s).", num=count), "success")
    return redirect(url_for("discussions.notifications_page"))


@bp.post("/notifications/<int:notification_id>/lue")
@login_required
def open_notification(notification_id: int):
    """Mark one notification read and go to the post it is about."""
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != me().id:
        abort(404)
    notifications.mark_read(me(), notification.id)
    db.session.commit()
    return redirect(notifications.thread_url(notification.post))


@bp.post("/notifications/preferences")
@login_required
def preferences():
    data, _errors = load_form(DigestSchema())
    notifications.set_digest(me(), bool(data and data["email_digest"]))
    db.session.commit()
    flash(_("Préférence enregistrée."), "success")
    return redirect(url_for("discussions.notifications_page"))
