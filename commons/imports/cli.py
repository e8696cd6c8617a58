"""`flask commons import <file> --partner <slug> --user <email> [--mapping auto|mapping.yaml] [--dry-run]`, and
`flask commons seed-taxonomy` (the starting kinds, themes, phases and licences of a new instance).

The mapping file names the resource field of each column, a default kind, licence and status, and what to do
with taxonomy values no term matches (a term's slug, or null to ignore):

    columns: {Titre: title, Type: kind, Thématiques: themes, Référence: key}
    kind: methode
    status: draft
    taxonomy: {themes: {Permaculture: agriculture, Divers: null}}
"""

from __future__ import annotations

from pathlib import Path

import click
import sqlalchemy as sa
import yaml
from flask.cli import AppGroup

from app.accounts.models import EDITING_ROLES, Partner
from app.accounts.service import find_user_by_email
from app.db import db
from commons.imports import service
from commons.imports.fields import normalise
from commons.imports.matching import VOCABULARY_MODELS
from commons.imports.models import ImportStatus
from commons.imports.readers import SheetRejected
from commons.models import Status

commons_cli = AppGroup("commons", help="Ressources du commun.")


@commons_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--partner", "partner_slug", required=True, help="Partenaire propriétaire des ressources.")
@click.option("--user", "email", required=True, help="Compte éditeur·rice au nom duquel importer.")
@click.option("--mapping", "mapping_file", default="auto", show_default=True,
              help="« auto » (deviné des en-têtes) ou un fichier YAML de correspondances.")
@click.option("--dry-run", is_flag=True, help="Vérifier sans rien écrire.")
def import_command(file: Path, partner_slug: str, email: str, mapping_file: str, dry_run: bool):
    """Import a CSV, ODS or XLSX sheet of resources: all rows or none."""
    partner = db.session.scalar(sa.select(Partner).where(Partner.slug == partner_slug))
    user = find_user_by_email(email)
    if partner is None or user is None:
        raise click.ClickException("Partenaire ou compte inconnu.")
    if not (user.is_platform_admin or user.has_role(partner.id, EDITING_ROLES)):
        raise click.ClickException(f"{email} ne peut pas importer au nom de {partner.name}.")
    try:
        imported = service.create_import(partner, file.name, file.read_bytes(), user)
        _apply_mapping(imported, mapping_file)
    except SheetRejected as exc:
        raise click.ClickException(str(exc)) from exc
    except service.ValidationError as exc:
        raise click.ClickException(_messages(exc.messages)) from exc
    report = service.dry_run(imported, user)
    click.echo(f"{report.total} lignes : {report.created} à créer, {report.updated} à mettre à jour.")
    if report.problems:
        _fail(imported, report.problems)
    if dry_run:
        db.session.rollback()
        click.echo("Vérification seule : rien n'a été écrit.")
        return
    _run(imported, user)


@commons_cli.command("seed-taxonomy")
def seed_taxonomy_command():
    """Create the starting taxonomy (kinds, themes, phases, licences): only the missing terms, edits kept."""
    from commons.seed import seed_taxonomy

    for line in seed_taxonomy():
        click.echo(line)
    db.session.commit()


def _run(imported, user) -> None:
    with click.progressbar(length=len(imported.rows), label="Import") as bar:
        state = {"done": 0}

        def progress(done: int, total: int) -> None:
            bar.update(done - state["done"])
            state["done"] = done

        try:
            report = service.run_import(imported, user, progress)
        except service.ImportAborted as exc:
            _fail(imported, exc.problems)
    service.finish(imported, report)
    db.session.commit()
    click.echo(f"Import terminé : {report.created} créées, {report.updated} mises à jour.")


def _fail(imported, problems) -> None:
    db.session.rollback()
    for problem in problems:
        where = f"ligne {problem.row}, colonne « {problem.column} »" if problem.row else "tableur"
        click.echo(f"{where} : {problem.message}", err=True)
    raise click.ClickException(f"{len(problems)} problème(s) : rien n'a été écrit.")


def _apply_mapping(imported, mapping_file: str) -> None:
    if mapping_file == "auto":
        config = {"columns": dict(imported.mapping)}
    else:
        config = yaml.safe_load(Path(mapping_file).read_text(encoding="utf-8")) or {}
    options = {"status": Status.PUBLISHED.value if config.get("status") == "published" else Status.DRAFT.value}
    if config.get("kind"):
        options["kind_id"] = _term_id("kinds", config["kind"])
    if config.get("licence"):
        options["licence_id"] = _term_id("licences", config["licence"])
    service.save_mapping(imported, {str(k): v or "" for k, v in (config.get("columns") or {}).items()}, options)
    taxonomy = config.get("taxonomy") or {}
    decisions = {vocabulary: {normalise(value): _term_id(vocabulary, slug) if slug else None
                              for value, slug in (taxonomy.get(vocabulary) or {}).items()}
                 for vocabulary in VOCABULARY_MODELS}
    if service.unknown_values(imported):
        try:
            service.save_decisions(imported, decisions)
        except service.ValidationError:
            imported.decisions = decisions  # the dry run names each undecided value with its row
    imported.status = ImportStatus.MAPPED.value


def _term_id(vocabulary: str, slug: str) -> int:
    model = VOCABULARY_MODELS[vocabulary]
    term_id = db.session.scalar(sa.select(model.id).where(model.slug == slug))
    if term_id is None:
        raise click.ClickException(f"Terme inconnu dans {vocabulary} : {slug}")
    return term_id


def _messages(messages: dict) -> str:
    return " ".join(message for values in messages.values() for message in values)
