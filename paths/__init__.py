"""Paths: learners moving through courses in time — sessions, enrolment, release schedule, progress and
completion, resume, the learner's and the facilitator's pages, announcements, exports and xAPI statements."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

paths_cli = AppGroup("paths", help="Sessions : envoi des e-mails en attente, xAPI.")


@paths_cli.command("send-outbox")
@click.option("--limit", default=500, show_default=True, help="E-mails au plus par passage.")
def send_outbox_command(limit: int):
    """Deliver waiting e-mails through the SMTP server of TERREAU_SMTP_HOST (see README)."""
    from paths.outbox import send_outbox

    sent, failed = send_outbox(limit)
    click.echo(f"{sent} e-mail(s) envoyé(s), {failed} en échec (réessayés au prochain passage).")


@paths_cli.command("push-lrs")
def push_lrs_command():
    """Send the xAPI statements not yet sent to the LRS of TERREAU_LRS_URL."""
    from paths.tasks import push_pending_statements

    click.echo(f"{push_pending_statements()} déclaration(s) xAPI envoyée(s).")


def _sessions_panel(course, user):
    """On a course's page: its sessions, and for its editors a link to open a new one."""
    import sqlalchemy as sa
    from flask import render_template

    from app.db import db
    from paths.models import CourseSession

    sessions = list(db.session.scalars(sa.select(CourseSession).where(CourseSession.course_id == course.id)
                                       .order_by(CourseSession.opens_at.desc())))
    if not sessions and not course.can_edit(user):
        return None
    from markupsafe import Markup

    html = render_template("paths/_course_sessions.html", course=course, sessions=sessions,
                           can_edit=course.can_edit(user))
    return Markup(html)  # noqa: S704 - rendered by an autoescaping Jinja template


def _recount(course, **kwargs):
    from paths.progress import recount

    recount(course.id)


def _deletion_refusals(course, **kwargs):
    from paths.service import course_deletion_refusals

    return course_deletion_refusals(course)


def register(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from app.api import api
    from app.cli import add_demo_loader
    from app.templating import add_account_link, add_nav_item
    from courses.service import course_deletion_blockers, course_outline_changed
    from paths import api as paths_api
    from paths import (
        discussions,
        models,  # noqa: F401 - tables known to create_all and Alembic
        usage,
    )
    from paths.demo import load_demo_sessions
    from paths.views import bp

    app.register_blueprint(bp)
    discussions.register(app)
    for blueprint in paths_api.blueprints:
        api.register_blueprint(blueprint)
    app.cli.add_command(paths_cli)
    add_nav_item(app, _l("Sessions"), "paths.sessions", 35)
    add_account_link(app, _l("Mes sessions"), "paths.my_sessions", 5)
    app.extensions.setdefault("course_page_panels", []).append(_sessions_panel)
    course_outline_changed.connect(_recount, weak=False)
    course_deletion_blockers.connect(_deletion_refusals, weak=False)
    add_demo_loader(app, 40, load_demo_sessions)
    usage.connect_listeners()
