"""Discussions of a session (a sub-package of paths): threads on the session and on each step, replies,
accepted answers, mentions, followers and notifications, moderation (pin, close, hide, restore, reports,
audit), a posting rate limit, and their JSON API."""

from __future__ import annotations

import os

import click
from flask import Flask


def _post_limit() -> tuple[int, int]:
    """TERREAU_DISCUSSION_POST_LIMIT: "count/seconds", posts a user may publish in that time (default 6/60)."""
    raw = os.environ.get("TERREAU_DISCUSSION_POST_LIMIT", "6/60")
    count, _, seconds = raw.partition("/")
    return int(count), int(seconds or 60)


def _bell(user):
    """The header's bell: a link to the notifications, with the unread count."""
    from flask import render_template
    from markupsafe import Markup

    from paths.discussions.notifications import unread_count

    html = render_template("discussions/_bell.html", count=unread_count(user))
    return Markup(html)  # noqa: S704 - rendered by an autoescaping Jinja template


def step_panel(session, step):
    """The discussion panel under a step's content: the step's threads and the question form."""
    from flask import render_template
    from markupsafe import Markup

    from app.http import me
    from paths.discussions import service

    user = me()
    html = render_template("discussions/_panel.html", session=session, step=step,
                           threads=service.threads(session, user, step.id),
                           can_write=service.can_write(session, user), reply_count=service.reply_count)
    return Markup(html)  # noqa: S704 - rendered by an autoescaping Jinja template


@click.command("discussion-digest")
def digest_command():
    """Queue in the outbox one e-mail per user who chose the digest, with their new notifications."""
    from app.db import db
    from paths.discussions.notifications import queue_digests

    count = queue_digests()
    db.session.commit()
    click.echo(f"{count} résumé(s) de forum mis en attente d'envoi.")


def register(app: Flask) -> None:
    from app.api import api
    from app.cli import add_demo_loader
    from app.templating import add_header_item
    from paths.discussions import api as discussions_api
    from paths.discussions import models  # noqa: F401 - tables known to create_all and Alembic
    from paths.discussions.demo import load_demo_discussions
    from paths.discussions.views import bp

    app.config.setdefault("DISCUSSION_POST_LIMIT", _post_limit())
    app.register_blueprint(bp)
    for blueprint in discussions_api.blueprints:
        api.register_blueprint(blueprint)
    add_header_item(app, _bell)
    app.jinja_env.globals["discussion_panel"] = step_panel
    add_demo_loader(app, 45, load_demo_discussions)
    from paths import paths_cli

    paths_cli.add_command(digest_command)
