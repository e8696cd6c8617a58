"""The index follows the database: what a transaction changed is indexed by a job once it has committed.

`after_flush` notes the resources the flush touched (inserted, updated, trashed, deleted; attachments count for
their resource; renamed taxonomy terms and partners for every resource using them). `after_commit` enqueues
one job for all of them; a rollback forgets them. The request only enqueues: it never opens the index writer.
Media tells when a resource's captions change (`media.signals.media_text_changed`, after its commit): the same
job indexes the resource again. A missing or outdated index is rebuilt by `rebuild_index_job`, queued once by
`healing.ensure_index` (from searches and jobs, and by the worker when it starts and every five minutes).
"""

from __future__ import annotations

import logging
import threading

import sqlalchemy as sa
from huey import crontab
from sqlalchemy import event
from sqlalchemy.orm import Session

from app.accounts.models import Partner
from app.jobs import huey, job
from commons.media_policy import OWNER_TYPE
from commons.models import (
    Attachment,
    Keyword,
    Kind,
    Licence,
    Phase,
    Resource,
    Theme,
    resource_co_owners,
    resource_keywords,
    resource_phases,
    resource_themes,
)

log = logging.getLogger(__name__)

PENDING = "search_pending_resources"
PENDING_TERMS = "search_pending_terms"

#: term model -> how to find the resources using it (renaming a slug or label changes their documents)
TERM_LINKS = {
    Kind: lambda ids: sa.select(Resource.id).where(Resource.kind_id.in_(ids)),
    Licence: lambda ids: sa.select(Resource.id).where(Resource.licence_id.in_(ids)),
    Theme: lambda ids: sa.select(resource_themes.c.resource_id).where(resource_themes.c.theme_id.in_(ids)),
    Phase: lambda ids: sa.select(resource_phases.c.resource_id).where(resource_phases.c.phase_id.in_(ids)),
    Keyword: lambda ids: sa.select(resource_keywords.c.resource_id).where(resource_keywords.c.keyword_id.in_(ids)),
    Partner: lambda ids: sa.union(
        sa.select(Resource.id).where(Resource.owner_partner_id.in_(ids)),
        sa.select(resource_co_owners.c.resource_id).where(resource_co_owners.c.partner_id.in_(ids))),
}
TERM_MODELS = {model.__name__: model for model in TERM_LINKS}


@job(retries=3, retry_delay=10)
def index_resources_job(ids: list[int]) -> None:
    """Update the index for these resources (rewritten, or removed when trashed or gone)."""
    from commons.search import index_resources

    index_resources(ids)


@job(retries=3, retry_delay=10)
def index_terms_job(terms: dict[str, list[int]]) -> None:
    """Update the documents of every resource using these renamed terms ({"Theme": [ids]})."""
    from app.db import db
    from commons.search import index_resources

    ids: set[int] = set()
    with Session(db.engine) as session:  # a session of its own: this may run inside another's commit
        for name, term_ids in terms.items():
            ids.update(session.scalars(TERM_LINKS[TERM_MODELS[name]](term_ids)))
    index_resources(ids)


@job(retries=0)
def rebuild_index_job() -> int:
    """Rebuild the whole index (queued once when it is missing or of an older version); see `healing`."""
    from commons.search.backends import backend

    return backend().run_queued_rebuild()


@job(retries=0, expires=300)
def ensure_index_job() -> bool:
    """Queue the rebuild if the index is missing or outdated (the worker checks at start and periodically)."""
    from commons.search.backends import backend

    return backend().ensure_index()


_startup_checked = threading.Event()


@huey.on_startup("search-index-check")
def _check_index_at_startup() -> None:
    """When the worker starts (once per process, whatever its thread count): is the index there and current?"""
    if not _startup_checked.is_set():
        _startup_checked.set()
        ensure_index_job()


@huey.periodic_task(crontab(minute="*/5"))
def watch_search_index():
    """Every five minutes, in the worker: heal an index removed, or a rebuild lost, since the start."""
    ensure_index_job()


def _media_text_changed(owner_type, owner_id=None, **_extra) -> None:
    """Captions of a resource's media were saved or removed, or a medium removed (sent after the commit)."""
    if owner_type != OWNER_TYPE or owner_id is None:
        return
    try:
        index_resources_job([int(owner_id)])
    except Exception:  # the change stands; `flask search check` finds what the queue lost
        log.exception("could not enqueue search indexing for resource %s", owner_id)


def _note_flush(session: Session, _flush_context) -> None:
    resources = session.info.setdefault(PENDING, set())
    terms = session.info.setdefault(PENDING_TERMS, {})
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Resource):
            if obj.id is not None:
                resources.add(obj.id)
        elif isinstance(obj, Attachment):
            if obj.resource_id is not None:
                resources.add(obj.resource_id)
        elif type(obj) in TERM_LINKS and obj in session.dirty and _renamed(obj):
            terms.setdefault(type(obj).__name__, set()).add(obj.id)


def _renamed(obj) -> bool:
    state = sa.inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in ("slug", "label") if name in state.attrs)


def _enqueue(session: Session) -> None:
    resources = session.info.pop(PENDING, None)
    terms = session.info.pop(PENDING_TERMS, None)
    try:
        if resources:
            index_resources_job(sorted(resources))
        if terms:
            index_terms_job({name: sorted(ids) for name, ids in terms.items()})
    except Exception:  # the commit stands; `flask search check` finds what the queue lost
        log.exception("could not enqueue search indexing for resources %s", sorted(resources or ()))


def _forget(session: Session, *_args) -> None:
    session.info.pop(PENDING, None)
    session.info.pop(PENDING_TERMS, None)


def connect_listeners() -> None:
    """Follow every ORM session, and media's caption changes (once per process)."""
    from media.signals import media_text_changed

    media_text_changed.connect(_media_text_changed)  # blinker keeps one connection per receiver
    if event.contains(Session, "after_commit", _enqueue):
        return
    event.listen(Session, "after_flush", _note_flush)
    event.listen(Session, "after_commit", _enqueue)
    event.listen(Session, "after_rollback", _forget)
