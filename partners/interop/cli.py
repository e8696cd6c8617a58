"""`flask sync run <source>`, `flask sync list`, and `flask interop fixture-server yeswiki|semapps`."""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask.cli import AppGroup
from werkzeug.serving import run_simple

from app.db import db
from partners.interop.models import RunStatus, SyncSource

sync_cli = AppGroup("sync", help="Synchronisation avec YesWiki et SemApps.")
interop_cli = AppGroup("interop", help="Interopérabilité : serveurs de démonstration.")


def _find(key: str) -> SyncSource:
    query = sa.select(SyncSource).where(SyncSource.slug == key)
    if key.isdigit():
        query = sa.select(SyncSource).where(sa.or_(SyncSource.slug == key, SyncSource.id == int(key)))
    source = db.session.scalar(query)
    if source is None:
        raise click.ClickException(f"aucune source « {key} » (voir `flask sync list`).")
    return source


@sync_cli.command("run")
@click.argument("source")
@click.option("--queue", is_flag=True, help="Confier la synchronisation au worker au lieu de l'exécuter ici.")
def sync_run(source: str, queue: bool):
    """Synchronise a source now (by slug or id); exit 1 when the run fails."""
    from partners.interop import service, tasks

    found = _find(source)
    if queue:
        tasks.interop_run_sync(found.id, "cli")
        click.echo(f"Synchronisation de « {found.name} » confiée au worker.")
        return
    run = service.run_source(found, "cli")
    db.session.commit()
    click.echo(f"{found.name} : {run.message}")
    if run.status == RunStatus.FAILED:
        raise SystemExit(1)


@sync_cli.command("list")
def sync_list():
    """The registered sources, with their last run."""
    for source in db.session.scalars(sa.select(SyncSource).order_by(SyncSource.slug)):
        last = source.last_run_dt.isoformat(timespec="seconds") if source.last_run_dt else "jamais"
        form = source.form_id or "-"
        click.echo(f"{source.slug}\t{source.connector}\t{source.url}\t{form}\tdernier passage : {last}")


@interop_cli.command("fixture-server")
@click.argument("system", type=click.Choice(["yeswiki", "semapps"]))
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8061, show_default=True)
def fixture_server(system: str, host: str, port: int):
    """Serve a local YesWiki or SemApps stand-in (recorded-shape payloads) for the demo."""
    from partners.interop.fixture_server import make_app

    where = f"http://{host}:{port}/" + ("" if system == "yeswiki" else "documents")
    click.echo(f"{system} de démonstration sur {where}" + (" (formulaire 1)" if system == "yeswiki" else ""))
    run_simple(host, port, make_app(system), threaded=True, use_reloader=False)
