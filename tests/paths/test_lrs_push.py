"""The LRS push: one job drains every learner's pending statements in chunks; batches posted while a push is
waiting queue nothing more, and the learner's request never waits for the LRS."""

from __future__ import annotations

import json
import time

import pytest

pytest_plugins = ["tests.paths.fixtures"]


class _Answer:
    def __enter__(self):
        return self

    def __exit__(self, *args):
        return False


@pytest.fixture
def lrs(monkeypatch):
    """A stand-in LRS recording each POST's statements (the network is the only thing replaced)."""
    from paths import tasks

    posts: list[list[dict]] = []

    def urlopen(request, timeout):
        posts.append(json.loads(request.data))
        return _Answer()

    monkeypatch.setattr(tasks.urllib.request, "urlopen", urlopen)
    monkeypatch.setenv("TERREAU_LRS_URL", "https://lrs.example/xapi")
    yield posts
    tasks.huey.get(tasks.LRS_PUSH_PENDING, peek=False)


def test_batches_posted_while_a_push_waits_queue_no_job_and_one_job_sends_them_all(
        learning, enrol, send_events, lrs, app):
    from paths import tasks

    for user in (learning.learner, learning.other_learner):
        enrol(user, learning.session)
    assert tasks.huey.put_if_empty(tasks.LRS_PUSH_PENDING, time.time())  # a push job is waiting
    for n, user in enumerate((learning.learner, learning.other_learner, learning.learner)):
        response = send_events(user, learning.session, (f"lrs-wait-{n:04d}", learning.steps[0], "opened", {}),
                               (f"lrs-wait-{n:04d}b", learning.steps[3], "opened", {}))
        assert response.status_code == 200 and len(response.json["accepted"]) == 2
    assert lrs == []  # the learners did not wait for the LRS, and no job was queued per batch

    app.config["LRS_BATCH"] = 4
    try:
        assert tasks.push_to_lrs().get() == 6  # the waiting job: every learner's statements, in chunks of 4
    finally:
        app.config.pop("LRS_BATCH")
    assert [len(post) for post in lrs] == [4, 2]
    actors = {s["actor"]["mbox"] for s in lrs[0]}
    assert actors == {"mailto:lea@example.org", "mailto:marc@example.org"}  # a chunk mixes learners
    assert len({s["id"] for post in lrs for s in post}) == 6
    assert tasks.push_pending_statements() == 0  # each statement is sent once


def test_the_next_batch_after_a_push_queues_a_new_one(learning, enrol, send_events, lrs):
    enrol(learning.learner, learning.session)
    send_events(learning.learner, learning.session, ("lrs-next-0001", learning.steps[0], "opened", {}))
    send_events(learning.learner, learning.session, ("lrs-next-0002", learning.steps[3], "opened", {}))
    # jobs run inline in tests: each batch found no push waiting, so each queued (and ran) one
    assert [[s["object"]["id"].rsplit("/", 1)[1] for s in post] for post in lrs] == \
        [[str(learning.steps[0])], [str(learning.steps[3])]]


def test_a_lost_push_mark_does_not_stop_the_pushes(learning, enrol, send_events, lrs):
    from paths import tasks

    enrol(learning.learner, learning.session)
    tasks.huey.put(tasks.LRS_PUSH_PENDING, 0.0)  # marked long ago by a job a crashed worker never ran
    send_events(learning.learner, learning.session, ("lrs-lost-0001", learning.steps[0], "opened", {}))
    assert len(lrs) == 1
