"""Courses: pedagogical paths assembled from the commons (Course → Sequence → Step showing a resource), their
authoring pages, and course bundles (zip of YAML and Markdown) to move a course between instances."""

from __future__ import annotations

from types import SimpleNamespace

import click
from flask import Flask
from flask.cli import AppGroup

courses_cli = AppGroup("courses", help="Parcours : export et import de paquets.")

#: who the command line acts as: it sees every resource that is not in the trash
COMMAND_LINE = SimpleNamespace(id=None, is_authenticated=True, is_platform_admin=True)


@courses_cli.command("export")
@click.argument("course_id", type=int)
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
def export_command(course_id: int, path: str):
    """Write course COURSE_ID as a bundle (zip) to PATH."""
    from flask import current_app

    from app.db import db
    from courses.bundles import export_bundle
    from courses.models import Course

    course = db.session.get(Course, course_id)
    if course is None or course.is_deleted:
        raise click.ClickException(f"parcours {course_id} introuvable")
    with open(path, "wb") as out:
        out.write(export_bundle(course, current_app.config["PUBLIC_URL"]))
    click.echo(f"Parcours « {course.title} » exporté dans {path}.")


@courses_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--partner", "partner_slug", required=True, help="Partenaire propriétaire du parcours importé.")
def import_command(path: str, partner_slug: str):
    """Import the bundle at PATH as a draft course of PARTNER; nothing is written if it is invalid."""
    import sqlalchemy as sa

    from app.accounts.models import Partner
    from app.db import db
    from courses.bundles import BundleInvalid, import_bundle

    partner = db.session.scalar(sa.select(Partner).where(Partner.slug == partner_slug))
    if partner is None:
        raise click.ClickException(f"partenaire « {partner_slug} » inconnu")
    with open(path, "rb") as bundle:
        data = bundle.read()
    try:
        course = import_bundle(data, partner.id, COMMAND_LINE)
    except BundleInvalid as invalid:
        db.session.rollback()
        raise click.ClickException("paquet refusé, rien n'a été importé :\n- " + "\n- ".join(invalid.errors)) \
            from None
    db.session.commit()
    click.echo(f"Parcours « {course.title} » importé (n° {course.id}, brouillon).")


def register(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from app.cli import add_demo_loader
    from app.templating import add_nav_item
    from courses import (
        media_link,
        models,  # noqa: F401 - tables known to create_all and Alembic
    )
    from courses.demo import load_demo_courses
    from courses.views import bp

    app.register_blueprint(bp)
    app.cli.add_command(courses_cli)
    add_nav_item(app, _l("Parcours"), "courses.index", 30)
    add_demo_loader(app, 30, load_demo_courses)
    media_link.connect()
