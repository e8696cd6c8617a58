"""Multicriteria full-text search over the commons (French analysis, visibility in every query).

Public interface: `search(user, SearchRequest) -> SearchResult`, `index_resources(ids)`, `rebuild(procs,
progress)`, `check()`. Each goes to the configured backend (`commons.search.backends`): Whoosh, a folder of
the instance, by default; PostgreSQL full-text search for a deployment on several machines. For running the
same search directly on the Whoosh engine (benchmarks): `searcher()` lends a Whoosh searcher and
`build_whoosh_query(user, request)` gives the (words, filter) queries.
"""

from __future__ import annotations

from flask import Flask

from commons.search.backends import SearchBackendError, backend
from commons.search.index import index_dir, searcher
from commons.search.query import (
    FacetValue,
    Hit,
    SearchRequest,
    SearchResult,
    build_whoosh_query,
    visibility_query,
)


def search(user, request: SearchRequest) -> SearchResult:
    """One page of the hits `user` may see, with facet counts and a suggestion (see `query.search`)."""
    return backend().search(user, request)


def index_resources(ids) -> None:
    """Bring these resources' documents up to date (rewritten, or removed when trashed or gone)."""
    backend().index_resources(ids)


def rebuild(procs: int = 2, progress=None) -> int:
    """Index every resource again; returns how many."""
    return backend().rebuild(procs=procs, progress=progress)


def check() -> dict[str, list[int]]:
    """Resources missing from the index, stale in it, or indexed but trashed or gone."""
    return backend().check()


def init_app(app: Flask) -> None:
    """Check the configured backend, the `flask search` commands, and indexing after every commit."""
    from commons.search.backends import validate
    from commons.search.cli import search_cli
    from commons.search.tasks import connect_listeners

    validate(app)
    app.cli.add_command(search_cli)
    connect_listeners()


__all__ = ["FacetValue", "Hit", "SearchBackendError", "SearchRequest", "SearchResult", "backend",
           "build_whoosh_query", "check", "index_dir", "index_resources", "init_app", "rebuild", "search",
           "searcher", "visibility_query"]
