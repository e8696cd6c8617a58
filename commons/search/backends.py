"""Which search engine answers: a registry of backends, chosen by `TERREAU_SEARCH_BACKEND` (or the app's
`SEARCH_BACKEND` setting).

`whoosh` (the default) keeps the index in a folder of the instance: right for one machine. `postgres` keeps it
in the PostgreSQL database itself (French full-text search, accents folded by unaccent), so every web process
and worker of a shared deployment reads and writes the same index. Both offer the same operations:
`search(user, request)`, `index_resources(ids)`, `rebuild(procs, progress)`, `check()`, `stats()`,
`ensure_index()` and `run_queued_rebuild()`.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from flask import Flask, current_app

DEFAULT = "whoosh"


class SearchBackendError(RuntimeError):
    """The configured search backend cannot run here (unknown name, or PostgreSQL needed)."""


def _whoosh():
    from commons.search.whoosh_backend import WhooshBackend

    return WhooshBackend()


def _postgres():
    from commons.search.postgres import PostgresBackend

    return PostgresBackend()


#: backend name -> factory (imported lazily: a deployment only loads the engine it uses)
REGISTRY: dict[str, Callable[[], object]] = {"whoosh": _whoosh, "postgres": _postgres}
#: database dialects a backend needs (none: any)
REQUIRES_DIALECT = {"postgres": "postgresql"}
_instances: dict[str, object] = {}


def configured_name(app: Flask) -> str:
    return (app.config.get("SEARCH_BACKEND") or os.environ.get("TERREAU_SEARCH_BACKEND") or DEFAULT).strip().lower()


def validate(app: Flask) -> str:
    """The backend name, checked against the registry and the database; a French error otherwise."""
    name = configured_name(app)
    if name not in REGISTRY:
        choices = ", ".join(sorted(REGISTRY))
        raise SearchBackendError(f"Moteur de recherche inconnu : TERREAU_SEARCH_BACKEND={name!r} "
                                 f"(valeurs possibles : {choices}).")
    dialect = REQUIRES_DIALECT.get(name)
    url = str(app.config.get("SQLALCHEMY_DATABASE_URI") or "")
    if dialect and not url.startswith(dialect):
        raise SearchBackendError(f"TERREAU_SEARCH_BACKEND={name} demande une base PostgreSQL : DATABASE_URL "
                                 "doit commencer par postgresql:// (la recherche reste sinon sur Whoosh).")
    return name


def backend(name: str | None = None):
    """The backend of the current app (or `name`), one instance per process."""
    name = name or configured_name(current_app)
    if name not in _instances:
        if name not in REGISTRY:
            validate(current_app)
        _instances[name] = REGISTRY[name]()
    return _instances[name]
