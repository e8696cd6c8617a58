"""A missing index, or one built by an older SCHEMA_VERSION, heals itself: one rebuild is queued in the
background (never run in the web request, never queued twice), and the search page says it is being rebuilt.

These tests run the job queue as in production (jobs wait in the queue) and play the worker with `drain()`.
"""

from __future__ import annotations

import os
import shutil
import time
from types import SimpleNamespace

import pytest

from app.db import db
from app.jobs import huey
from commons.models import Status, Visibility

pytest_plugins = ["tests.commons.search_fixtures"]
pytestmark = pytest.mark.whoosh_only("marker files and index versions of the Whoosh folder")

REBUILDING = "L'index de recherche est en cours de reconstruction."
NOTHING_FOUND = "Aucune ressource ne correspond"


def ids(result) -> list[int]:
    return [hit.resource_id for hit in result.hits]


@pytest.fixture
def queue(request):
    """`queue.start()`: from then on jobs wait in the queue; `queue.pending()` names them, `queue.drain()` runs
    them one after the other like a worker (including the jobs they queue), `queue.step()` runs one."""

    def start():
        huey.immediate = False
        huey.flush()
        request.addfinalizer(stop)

    def stop():
        huey.flush()
        huey.immediate = True

    def pending():
        return [task.name.rsplit(".", 1)[-1] for task in huey.pending()]

    def step():
        task = huey.dequeue()
        if task is not None:
            huey.execute(task)
        return task.name.rsplit(".", 1)[-1] if task is not None else None

    def drain():
        ran = []
        while (name := step()) is not None:
            ran.append(name)
        return ran

    return SimpleNamespace(start=start, pending=pending, step=step, drain=drain)


@pytest.fixture
def straw(people, create_resource):
    return create_resource(people["hls"], "Maison en paille", status=Status.PUBLISHED, visibility=Visibility.PUBLIC)


def replace_with_an_older_version(folder) -> None:
    """What an instance upgraded from the previous release holds: a complete index, of schema version 2."""
    from whoosh import index as whoosh_index

    from commons.search.schema import build_schema

    shutil.rmtree(folder)
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), build_schema(), indexname="commons_v2")
    with ix.writer() as w:
        w.add_document(id="1", title="Maison en paille", content="paille", is_deleted="0", status="published",
                       visibility="public")


def test_an_index_of_an_older_version_is_rebuilt_once_in_the_background(client, people, straw, search_index,
                                                                           create_resource, queue, find):
    from commons.search.healing import index_ready, marker_path

    replace_with_an_older_version(search_index)
    queue.start()

    for _ in range(3):  # several visitors before the worker gets to it
        response = client.get("/recherche?q=paille")
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        assert REBUILDING in page and NOTHING_FOUND not in page
    api = client.get("/api/v1/search?q=paille").json
    assert (api["total"], api["rebuilding"]) == (0, True)
    portal = client.get(f"/p/{straw.owner_partner.slug}/recherche?q=paille").get_data(as_text=True)
    assert REBUILDING in portal  # a partner's portal says so too, instead of "nothing matches"
    assert find(None, "paille").rebuilding
    assert queue.pending() == ["rebuild_index_job"]  # queued once
    assert not index_ready()  # and not built by any of those requests

    # an edit meanwhile: its job does not write a partial index, the rebuild reads it
    straw.title = "Maison en paille et terre crue"
    db.session.commit()
    assert queue.pending() == ["rebuild_index_job", "index_resources_job"]

    assert queue.drain() == ["rebuild_index_job", "index_resources_job"]
    assert index_ready() and not marker_path().exists()
    assert ids(find(None, "terre crue")) == [straw.id]
    page = client.get("/recherche?q=paille").get_data(as_text=True)
    assert REBUILDING not in page and "<mark>paille</mark> et terre crue" in page
    assert client.get("/api/v1/search?q=paille").json["rebuilding"] is False
    assert queue.pending() == []  # nothing more to do


def test_the_worker_checks_the_index_when_it_starts_and_every_few_minutes(straw, search_index, queue, find):
    from commons.search import tasks
    from commons.search.healing import index_ready

    shutil.rmtree(search_index)  # lost (or never built: an instance whose demo was loaded before any worker ran)
    queue.start()
    tasks._startup_checked.clear()
    for _thread in range(4):  # the startup hook runs in each worker thread
        tasks._check_index_at_startup()
    assert queue.pending() == ["ensure_index_job"]
    assert queue.drain() == ["ensure_index_job", "rebuild_index_job"]
    assert ids(find(None, "paille")) == [straw.id]

    shutil.rmtree(search_index)  # removed while the worker runs: the periodic check heals it
    tasks.watch_search_index.call_local()
    assert queue.drain() == ["ensure_index_job", "rebuild_index_job"]
    assert index_ready() and ids(find(None, "paille")) == [straw.id]

    tasks.watch_search_index.call_local()  # an index in place: nothing is rebuilt
    assert queue.drain() == ["ensure_index_job"]


def test_a_commit_on_a_missing_index_queues_the_rebuild_not_a_partial_index(people, straw, search_index,
                                                                           create_resource, queue, find):
    from commons.search.healing import index_ready

    shutil.rmtree(search_index)
    queue.start()
    other = create_resource(people["hls"], "Toiture végétale", status=Status.PUBLISHED,
                            visibility=Visibility.PUBLIC)
    assert queue.pending() == ["index_resources_job"]
    assert queue.step() == "index_resources_job"
    assert not index_ready()  # an index holding only `other` would pass for complete
    assert queue.pending() == ["rebuild_index_job"]
    assert queue.drain() == ["rebuild_index_job"]
    assert ids(find(None, "paille")) == [straw.id] and ids(find(None, "toiture")) == [other.id]


def test_a_lost_rebuild_is_queued_again_once_its_marker_is_stale(straw, search_index, queue, find):
    from commons.search.healing import REQUEST_STALE_SECONDS, marker_path

    shutil.rmtree(search_index)
    queue.start()
    assert find(None, "paille").rebuilding
    assert queue.pending() == ["rebuild_index_job"]
    huey.flush()  # the queue lost it (a Redis flushed, a worker killed mid-rebuild)

    assert find(None, "paille").rebuilding
    assert queue.pending() == []  # within the delay, nobody queues it again
    past = time.time() - REQUEST_STALE_SECONDS - 1
    os.utime(marker_path(), (past, past))
    assert find(None, "paille").rebuilding
    assert queue.pending() == ["rebuild_index_job"]
    queue.drain()
    assert ids(find(None, "paille")) == [straw.id] and not marker_path().exists()


def test_the_cli_reindex_serves_a_queued_rebuild(app, straw, search_index, queue, find):
    shutil.rmtree(search_index)
    queue.start()
    assert find(None, "paille").rebuilding
    result = app.test_cli_runner().invoke(args=["search", "reindex", "--procs", "1"])
    assert result.exit_code == 0, result.output
    assert ids(find(None, "paille")) == [straw.id]
    assert queue.drain() == ["rebuild_index_job"]  # finds the index in place and only clears its marker
    assert ids(find(None, "paille")) == [straw.id]
