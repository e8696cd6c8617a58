"""Fixtures of the search tests: an empty index folder per test, a cast of users, and `find()`.

Loaded by the search test modules through `pytest_plugins`. The job queue runs inline in tests, so committing
a resource indexes it before `commit()` returns, as a worker would shortly after.

With `--db postgresql` every search test runs twice, on the Whoosh and on the PostgreSQL backend
(`search_backend`); a test of Whoosh's own machinery (index files, segment writer, marker files) carries
`@pytest.mark.whoosh_only`.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.accounts.models import Role


def pytest_generate_tests(metafunc):
    """Every test using `search_backend` runs on each backend the database allows."""
    if "search_backend" not in metafunc.fixturenames:
        return
    names = ["whoosh"]
    if metafunc.config.getoption("--db") == "postgresql" and not metafunc.definition.get_closest_marker("whoosh_only"):
        names.append("postgres")
    metafunc.parametrize("search_backend", names, indirect=True)


@pytest.fixture
def search_backend(request, app):
    """The backend this test searches with; a PostgreSQL index starts empty and absent, as a new folder."""
    name = getattr(request, "param", "whoosh")
    app.config["SEARCH_BACKEND"] = name
    if name == "postgres":
        from app.db import db
        from commons.search.postgres import ddl

        with app.app_context(), db.engine.begin() as connection:
            ddl.install(connection)
            for table in ("documents", "vocabulary", "state"):
                connection.execute(sa.text(f"DELETE FROM {ddl.SCHEMA}.{table}"))  # noqa: S608
    yield name
    app.config.pop("SEARCH_BACKEND", None)


@pytest.fixture(autouse=True)
def search_index(app, tmp_path, search_backend):
    """This test's own index folder (and backend)."""
    folder = tmp_path / "search-index"
    app.config["SEARCH_INDEX_DIR"] = str(folder)
    yield folder
    app.config.pop("SEARCH_INDEX_DIR", None)


@pytest.fixture
def people(hls, create_partner, create_user):
    """Two partners (HLS, HPF) and someone in each role that matters for visibility."""
    hpf = create_partner("hpf", "Habitat Participatif France")
    return {
        "hls": hls, "hpf": hpf,
        "anonymous": None,
        "loner": create_user(email="loner@example.org", name="Sans partenaire"),
        "hls_learner": create_user(email="learner@hls.example", partner=hls, role=Role.LEARNER),
        "hls_editor": create_user(email="editor@hls.example", partner=hls, role=Role.EDITOR),
        "hpf_learner": create_user(email="learner@hpf.example", partner=hpf, role=Role.LEARNER),
        "hpf_editor": create_user(email="editor@hpf.example", partner=hpf, role=Role.EDITOR),
        "admin": create_user(email="admin@example.org", is_platform_admin=True),
    }


@pytest.fixture
def find(app_ctx):
    """`find(user, "words", theme=["foncier"], sort="date", page=2)` -> SearchResult."""
    from commons.search import SearchRequest, search

    def run(user, text="", sort="relevance", page=1, per_page=20, **filters):
        return search(user, SearchRequest(text=text, filters=filters, sort=sort, page=page, per_page=per_page))

    return run


@pytest.fixture
def hls(create_partner):
    return create_partner("hls", "Hameaux Légers")
