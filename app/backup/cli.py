"""`flask backup [--output FILE]` and `flask restore FILE [--yes]`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from app.backup import BackupError, archive, restore


def _default_output() -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path(current_app.instance_path) / "backups" / f"terreau-{stamp}.tar.gz"


@click.command("backup")
@with_appcontext
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Archive à écrire (par défaut : instance/backups/terreau-<date>.tar.gz).")
def backup_command(output: Path | None):
    """Write one archive of the database (one consistent snapshot) and the media files, while the app runs."""
    output = output or _default_output()
    manifest = archive.create_backup(output)
    rows = sum(entry["rows"] for entry in manifest["tables"])
    size = sum(entry["size"] for entry in manifest["files"])
    for key in manifest["vanished"]:
        click.echo(f"Attention : fichier média disparu pendant la sauvegarde : {key}", err=True)
    click.echo(f"Sauvegarde écrite : {output} ({len(manifest['tables'])} tables, {rows} lignes, "
               f"{len(manifest['files'])} fichiers média, {size / 1e6:.1f} Mo).")


@click.command("restore")
@with_appcontext
@click.argument("archive_path", metavar="FICHIER", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Remplacer une base qui contient déjà des données.")
def restore_command(archive_path: Path, yes: bool):
    """Restore an archive written by `flask backup`: checked whole first, then restored all or nothing."""
    try:
        manifest = archive.verify(archive_path)
        restore.prepare_target(manifest, overwrite=yes)
        written = restore.restore_media(archive_path, manifest)
        counts = restore.restore_database(archive_path, manifest)
    except BackupError as exc:
        raise click.ClickException(f"Restauration refusée : {exc}") from exc
    click.echo(f"Base restaurée : {sum(counts.values())} lignes dans {len(counts)} tables "
               f"(sauvegarde du {manifest['created_dt']}, {manifest['database_backend']}).")
    click.echo(f"Fichiers média : {len(manifest['files'])} dans l'archive, {written} écrits.")
    _rebuild_search_index()


def _rebuild_search_index() -> None:
    """The search index is derived data: rebuild it through `flask search reindex` when that command exists."""
    group = current_app.cli.commands.get("search")
    reindex = group.commands.get("reindex") if isinstance(group, click.Group) else None
    if reindex is None:
        return
    try:
        click.get_current_context().invoke(reindex)
    except Exception as exc:  # the data is restored; the index can be rebuilt later
        click.echo(f"Attention : index de recherche non reconstruit ({exc}) : lancez `flask search reindex`.",
                   err=True)


def register(app) -> None:
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
