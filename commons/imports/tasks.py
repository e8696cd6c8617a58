"""The import job, and its progress kept in the queue's storage (Redis or the SQLite queue file), which every
web process can read while the import's own transaction is still open."""

from __future__ import annotations

import logging

from app.accounts.models import User
from app.db import db
from app.jobs import huey, job
from commons.imports import service
from commons.imports.models import ImportStatus, ResourceImport
from commons.imports.rows import Problem

log = logging.getLogger(__name__)


def _progress_key(import_id: int) -> str:
    return f"commons-import-progress:{import_id}"


def set_progress(import_id: int, done: int, total: int) -> None:
    huey.put(_progress_key(import_id), {"done": done, "total": total})


def read_progress(import_id: int) -> dict | None:
    """{"done": n, "total": m} while the job runs, else None."""
    return huey.get(_progress_key(import_id), peek=True)


def clear_progress(import_id: int) -> None:
    huey.get(_progress_key(import_id))


def queue_import(imported: ResourceImport, user) -> None:
    """Mark the import queued (the caller commits first), then hand it to a worker."""
    set_progress(imported.id, 0, len(imported.rows))
    run_import_job(imported.id, user.id)


@job(retries=0)
def run_import_job(import_id: int, user_id: int) -> dict:
    """Import every row in one transaction, then record the outcome; any problem rolls everything back."""
    imported = db.session.get(ResourceImport, import_id)
    user = db.session.get(User, user_id)
    if imported is None or user is None or imported.status != ImportStatus.QUEUED:
        return {"import": import_id, "status": "skipped"}
    imported.status = ImportStatus.RUNNING.value
    db.session.commit()
    throttle = max(1, len(imported.rows) // 100)

    def progress(done: int, total: int) -> None:
        if done % throttle == 0 or done == total:
            set_progress(import_id, done, total)

    try:
        report = service.run_import(imported, user, progress)
        service.finish(imported, report)
    except service.ImportAborted as exc:
        db.session.rollback()
        imported = db.session.get(ResourceImport, import_id)
        service.finish(imported, None, exc.problems)
    except Exception:
        db.session.rollback()
        log.exception("import %s failed", import_id)
        imported = db.session.get(ResourceImport, import_id)
        service.finish(imported, None, [Problem(0, "", "Erreur inattendue : l'import est annulé.")])
    db.session.commit()
    clear_progress(import_id)
    return {"import": import_id, "status": imported.status}
