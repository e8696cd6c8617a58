"""`flask search reindex | check | stats`."""

from __future__ import annotations

import time

import click
from flask.cli import AppGroup

search_cli = AppGroup("search", help="Index de recherche.")


@search_cli.command("reindex")
@click.option("--procs", "-p", default=2, show_default=True, type=click.IntRange(1, 32),
              help="Processus d'indexation.")
def reindex(procs: int):
    """Rebuild the index from scratch, then swap it in."""
    from commons.search import index
    from commons.search.backends import backend

    total = index.indexable_count()
    started = time.perf_counter()
    with click.progressbar(length=total, label="Indexation") as bar:
        done = {"n": 0}

        def progress(n: int) -> None:
            bar.update(n - done["n"])
            done["n"] = n

        count = backend().rebuild(procs=procs, progress=progress)
    elapsed = time.perf_counter() - started
    click.echo(f"{count} ressources indexées en {elapsed:.1f} s ({count / max(elapsed, 1e-9):.0f} par seconde).")


@search_cli.command("check")
def check():
    """List resources missing from the index, stale in it, or indexed but trashed or gone (exit 1 if any)."""
    from commons.search.backends import backend

    report = backend().check()
    labels = {"missing": "absentes de l'index", "stale": "périmées dans l'index",
              "orphans": "dans l'index mais supprimées"}
    for key, label in labels.items():
        ids = report[key]
        shown = ", ".join(map(str, ids[:50])) + (" …" if len(ids) > 50 else "")
        click.echo(f"{len(ids)} ressource(s) {label}" + (f" : {shown}" if ids else ""))
    if any(report.values()):
        click.echo("Corrigez avec `flask search reindex`.")
        raise SystemExit(1)
    click.echo("L'index est à jour.")


@search_cli.command("stats")
def stats():
    """Documents, segments and size of the index."""
    from commons.search.backends import backend

    figures = backend().stats()
    click.echo(f"Dossier : {figures['folder']}")
    click.echo(f"Documents : {figures['documents']} (supprimés en attente de fusion : {figures.get('deleted', 0)})")
    click.echo(f"Segments : {figures['segments']}")
    click.echo(f"Taille : {figures['bytes'] / 1_000_000:.1f} Mo")
