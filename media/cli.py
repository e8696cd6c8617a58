"""`flask media …`: requeue transcoding jobs, sweep jobs whose worker died, forget abandoned uploads, remove the
media of owners that no longer exist."""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from app.db import db
from media import owners, service, tasks
from media.models import JobState, MediaAsset, Upload
from media.uploads import remove_expired_uploads

media_cli = AppGroup("media", help="Vidéos et sons : conversions.")


@media_cli.command("requeue")
@click.argument("asset_ids", nargs=-1, type=int)
@click.option("--failed", is_flag=True, help="Toutes les conversions échouées.")
@click.option("--stale", is_flag=True, help="Les conversions dont le worker ne répond plus.")
def requeue(asset_ids: tuple[int, ...], failed: bool, stale: bool):
    """Queue the transcoding of the given assets again (or every failed one, or the stale ones)."""
    if not (asset_ids or failed or stale):
        raise click.UsageError("donnez des numéros de médias, --failed ou --stale")
    ids = list(asset_ids)
    if failed:
        ids += db.session.scalars(sa.select(MediaAsset.id).where(MediaAsset.state == JobState.FAILED,
                                                                 MediaAsset.is_deleted.is_(False)))
    queued = []
    for asset_id in ids:
        asset = db.session.get(MediaAsset, asset_id)
        if asset is None:
            click.echo(f"média {asset_id} : introuvable", err=True)
        elif tasks.requeue(asset):
            queued.append(asset_id)
        else:
            click.echo(f"média {asset_id} : déjà en attente ou en cours", err=True)
    db.session.commit()
    for asset_id in queued:
        tasks.enqueue(asset_id)
    if stale:
        queued += tasks.sweep_stale_jobs.call_local()
    click.echo(f"{len(queued)} conversion(s) relancée(s).")


@media_cli.command("cleanup")
def cleanup():
    """Forget unfinished uploads older than a week, and their bytes."""
    count = remove_expired_uploads()
    db.session.commit()
    click.echo(f"{count} dépôt(s) abandonné(s) supprimé(s).")


@media_cli.command("peertube-standin")
@click.option("--port", type=int, default=8063, show_default=True)
def peertube_standin(port: int):
    """Serve the demo's stand-in PeerTube instance on loopback (started by `flask serve --demo`)."""
    from media.peertube_standin import make_server, page_url

    server = make_server(port)
    click.echo(f"PeerTube de démonstration : {page_url(port)}")
    try:
        server.serve_forever()
    finally:
        server.server_close()


@media_cli.command("purge-orphans")
def purge_orphans():
    """Remove the media (rows and files) of owners deleted for good without telling media (by hand in SQL)."""
    pairs = set(db.session.execute(sa.select(MediaAsset.owner_type, MediaAsset.owner_id).distinct()))
    pairs |= set(db.session.execute(sa.select(Upload.owner_type, Upload.owner_id).distinct()))
    gone = sorted((kind, number) for kind, number in pairs if not owners.owner_exists(owners.OwnerRef(kind, number)))
    count = sum(service.purge_owner(kind, number) for kind, number in gone)
    db.session.commit()
    click.echo(f"{count} média(s) supprimé(s), de {len(gone)} propriétaire(s) disparu(s).")
