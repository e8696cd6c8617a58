"""Multicriteria full-text search over the commons (Whoosh, French analysis, visibility in every query).

Public interface: `search(user, SearchRequest) -> SearchResult`, `index_resources(ids)`, `rebuild(procs,
progress)`, `check()`. For running the same search directly on the engine (benchmarks): `searcher()` lends a
Whoosh searcher and `build_whoosh_query(user, request)` gives the (words, filter) queries.
"""

from __future__ import annotations

from flask import Flask

from commons.search.index import check, index_dir, index_resources, rebuild, searcher
from commons.search.query import (
    FacetValue,
    Hit,
    SearchRequest,
    SearchResult,
    build_whoosh_query,
    search,
    visibility_query,
)


def init_app(app: Flask) -> None:
    """The `flask search` commands, and indexing after every commit."""
    from commons.search.cli import search_cli
    from commons.search.tasks import connect_listeners

    app.cli.add_command(search_cli)
    connect_listeners()


__all__ = ["FacetValue", "Hit", "SearchRequest", "SearchResult", "build_whoosh_query", "check", "index_dir",
           "index_resources", "init_app", "rebuild", "search", "searcher", "visibility_query"]
