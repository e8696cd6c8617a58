"""Fixtures of the search tests: an empty index folder per test, a cast of users, and `find()`.

Loaded by the search test modules through `pytest_plugins`. The job queue runs inline in tests, so committing
a resource indexes it before `commit()` returns, as a worker would shortly after.
"""

from __future__ import annotations

import pytest

from app.accounts.models import Role


@pytest.fixture(autouse=True)
def search_index(app, tmp_path):
    """This test's own index folder."""
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
