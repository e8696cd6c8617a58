"""Progress through POST /api/v1/progress: idempotent events, completion rules, locked sequences, summaries."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from app.db import db, utcnow

pytest_plugins = ["tests.paths.fixtures"]


def summary(session_id, user):
    from paths.models import Enrolment

    db.session.expire_all()
    return db.session.scalar(sa.select(Enrolment).where(Enrolment.session_id == session_id,
                                                        Enrolment.user_id == user.id))


def test_an_opened_step_counts_at_once_in_the_learner_summary(learning, enrol, send_events):
    enrol(learning.learner, learning.session)
    response = send_events(learning.learner, learning.session, ("evt-opened-0001", learning.steps[0], "opened", {}))
    assert response.status_code == 200
    assert response.json["accepted"] == ["evt-opened-0001"]
    assert response.json["completed_steps"] == [learning.steps[0]]
    enrolment = summary(learning.session, learning.learner)
    assert enrolment.steps_done == 1
    assert enrolment.last_step_id == learning.steps[0]
    assert enrolment.last_activity_dt is not None


def test_a_retried_batch_counts_once(learning, enrol, send_events):
    enrol(learning.learner, learning.session)
    batch = [("evt-retry-00001", learning.steps[0], "opened", {}),
             ("evt-retry-00002", learning.steps[2], "opened", {}),
             ("evt-retry-00003", learning.steps[2], "done", {})]
    first = send_events(learning.learner, learning.session, *batch)
    again = send_events(learning.learner, learning.session, *batch)
    assert sorted(first.json["accepted"]) == ["evt-retry-00001", "evt-retry-00002", "evt-retry-00003"]
    assert again.status_code == 200
    assert again.json["accepted"] == []
    assert sorted(again.json["duplicates"]) == ["evt-retry-00001", "evt-retry-00002", "evt-retry-00003"]
    assert summary(learning.session, learning.learner).steps_done == 2

    from paths.models import ProgressEvent
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ProgressEvent)) == 3


def test_the_same_client_id_twice_in_one_batch_counts_once(learning, enrol, send_events):
    enrol(learning.learner, learning.session)
    response = send_events(learning.learner, learning.session, ("evt-twice-00001", learning.steps[2], "done", {}),
                           ("evt-twice-00001", learning.steps[2], "done", {}))
    assert response.json["accepted"] == ["evt-twice-00001"]
    assert response.json["duplicates"] == ["evt-twice-00001"]


def test_client_ids_belong_to_each_learner(learning, enrol, send_events):
    """Another learner's client may generate the same id: it is not a duplicate of someone else's event."""
    enrol(learning.learner, learning.session)
    enrol(learning.other_learner, learning.session)
    send_events(learning.learner, learning.session, ("shared-id-0001", learning.steps[0], "opened", {}))
    response = send_events(learning.other_learner, learning.session,
                           ("shared-id-0001", learning.steps[0], "opened", {}))
    assert response.json["accepted"] == ["shared-id-0001"]


def video(cid, step, segments, duration=None):
    extra = {"segments": segments}
    if duration is not None:
        extra["duration"] = duration
    return (cid, step, "video", extra)


def test_video_completion_needs_95_percent_actually_played(learning, enrol, send_events):
    enrol(learning.learner, learning.session)
    step = learning.steps[1]  # a 100-second video
    # jumping to the end: the furthest position is 100 s but only 9 s were played
    response = send_events(learning.learner, learning.session, video("vid-000000001", step, [[0, 5], [96, 100]]))
    assert response.json["completed_steps"] == []
    # overlapping replays count once: [0, 60] and [30, 90] cover 90 s; with [96, 100], 94 s: short of 95
    response = send_events(learning.learner, learning.session, video("vid-000000002", step, [[0, 60]]),
                           video("vid-000000003", step, [[30, 90]]))
    assert response.json["completed_steps"] == []
    assert summary(learning.session, learning.learner).steps_done == 0
    # "done" never completes a video step
    response = send_events(learning.learner, learning.session, ("vid-000000004", step, "done", {}))
    assert response.json["completed_steps"] == []
    # one more second, [90, 91], brings the union to 95 s of 100
    response = send_events(learning.learner, learning.session, video("vid-000000005", step, [[89, 91]]))
    assert response.json["completed_steps"] == [step]
    assert summary(learning.session, learning.learner).steps_done == 1


def test_video_duration_reported_by_the_player_is_used_when_the_step_has_none(learning, enrol, send_events):
    from courses.models import Step

    db.session.get(Step, learning.steps[1]).video_seconds = None
    db.session.commit()
    enrol(learning.learner, learning.session)
    step = learning.steps[1]
    response = send_events(learning.learner, learning.session, video("dur-000000001", step, [[0, 50]], 60))
    assert response.json["completed_steps"] == []
    response = send_events(learning.learner, learning.session, video("dur-000000002", step, [[50, 57.5]], 60))
    assert response.json["completed_steps"] == [step]


def test_merging_segments():
    from paths.progress import merge_segments, played_share

    assert merge_segments([[10, 20], [0, 5], [15, 30], [30, 31]]) == [[0, 5], [10, 31]]
    assert played_share([[0, 50], [40, 200]], 100) == 1.0
    assert played_share([[0, 10]], None) == 0.0


def test_a_locked_sequence_refuses_progress(learning, enrol, send_events):
    from paths import service
    from paths.models import CourseSession, StepProgress

    session = db.session.get(CourseSession, learning.session)
    service.set_releases(session, {learning.sequences[1]: {"offset_days": 30}})
    db.session.commit()
    enrol(learning.learner, learning.session)
    response = send_events(learning.learner, learning.session, ("lock-00000001", learning.steps[2], "done", {}),
                           ("lock-00000002", learning.steps[0], "opened", {}))
    assert response.status_code == 200
    assert response.json["accepted"] == ["lock-00000002"]
    assert response.json["refused"][0]["client_id"] == "lock-00000001"
    assert response.json["refused"][0]["reason"] == "locked"
    assert db.session.scalar(sa.select(StepProgress).where(StepProgress.step_id == learning.steps[2])) is None
    assert summary(learning.session, learning.learner).steps_done == 1


def test_progress_needs_an_enrolment_and_a_step_of_the_course(learning, enrol, send_events):
    response = send_events(learning.learner, learning.session, ("noenrol-00001", learning.steps[0], "opened", {}))
    assert response.json["refused"][0]["reason"] == "not_enrolled"
    enrol(learning.learner, learning.session)
    response = send_events(learning.learner, learning.session, ("nostep-000001", 999_999, "opened", {}))
    assert response.json["refused"][0]["reason"] == "unknown_step"


def test_malformed_batches_are_refused_with_field_errors(learning, client, login):
    login(learning.learner)
    response = client.post("/api/v1/progress", json={"events": [{"client_id": "x", "kind": "jumped"}]})
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert "events" in response.json["errors"]
    response = client.post("/api/v1/progress", json={"events": [
        {"client_id": "seg-000000001", "session_id": learning.session, "step_id": learning.steps[1],
         "kind": "video", "segments": [[50, 10]]}]})
    assert response.status_code == 422


def test_anonymous_clients_get_401(learning, client):
    response = client.post("/api/v1/progress", json={"events": []})
    assert response.status_code == 401


def test_completing_every_step_gives_a_verifiable_attestation(learning, enrol, send_events, client, logout):
    enrol(learning.learner, learning.session)
    s = learning.steps
    response = send_events(learning.learner, learning.session, ("all-000000001", s[0], "opened", {}),
                           video("all-000000002", s[1], [[0, 100]]), ("all-000000003", s[2], "done", {}),
                           ("all-000000004", s[3], "opened", {}))
    assert sorted(response.json["completed_steps"]) == sorted(s)
    enrolment = summary(learning.session, learning.learner)
    assert enrolment.completed_dt is not None and enrolment.attestation_code
    mine = client.get(f"/sessions/{learning.session}/attestation")
    assert mine.status_code == 302 and f"/attestations/{enrolment.attestation_code}" in mine.headers["Location"]
    logout()
    page = client.get(f"/attestations/{enrolment.attestation_code}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Léa Apprenante" in text and "Habiter léger" in text
    assert f"/attestations/{enrolment.attestation_code}" in text  # the verification address is printed
    assert client.get("/attestations/not-a-real-code").status_code == 404


def test_archive_mode_keeps_pages_readable_and_refuses_progress(learning, enrol, send_events, client):
    from paths.models import CourseSession

    enrol(learning.learner, learning.session)
    send_events(learning.learner, learning.session, ("arch-00000001", learning.steps[0], "opened", {}))
    session = db.session.get(CourseSession, learning.session)
    session.opens_at, session.closes_at = utcnow() - timedelta(days=200), utcnow() - timedelta(days=1)
    session.enrol_opens_at, session.enrol_closes_at = utcnow() - timedelta(days=210), utcnow() - timedelta(days=150)
    db.session.commit()
    response = send_events(learning.learner, learning.session, ("arch-00000002", learning.steps[2], "done", {}))
    assert response.json["refused"][0]["reason"] == "archived"
    page = client.get(f"/sessions/{learning.session}/etapes/{learning.steps[2]}")
    assert page.status_code == 200
    assert "Le contenu de « Trouver un terrain »" in page.get_data(as_text=True)
    assert "J'ai terminé cette étape" not in page.get_data(as_text=True)
    assert client.post(f"/sessions/{learning.session}/etapes/{learning.steps[2]}/terminee").status_code == 303
    assert summary(learning.session, learning.learner).steps_done == 1
    assert "est close" in client.get(f"/sessions/{learning.session}").get_data(as_text=True)


def test_sequence_counts_follow_completions_and_a_retry_changes_nothing(learning, enrol, send_events):
    from paths.models import SequenceProgress

    enrol(learning.learner, learning.session)
    s = learning.steps
    send_events(learning.learner, learning.session, ("seq-000000001", s[0], "opened", {}),
                ("seq-000000002", s[2], "done", {}))
    batch = [("seq-000000003", s[1], "video", {"segments": [[0, 100]]}), ("seq-000000004", s[3], "opened", {})]
    send_events(learning.learner, learning.session, *batch)
    send_events(learning.learner, learning.session, *batch)
    db.session.expire_all()
    counts = {c.sequence_id: c for c in db.session.scalars(sa.select(SequenceProgress))}
    assert {sequence: c.steps_done for sequence, c in counts.items()} == {learning.sequences[0]: 2,
                                                                          learning.sequences[1]: 2}
    assert all(c.completed_dt is not None for c in counts.values())
    assert summary(learning.session, learning.learner).steps_done == 4


def test_concurrent_batches_of_one_learner_lose_nothing(app, learning, enrol):
    """Players retry while the first attempt is still running, and send a video's segments from two tabs: every
    event is stored once, the segments add up, each completion counts once."""
    import threading

    from app.accounts.service import create_api_token
    from paths.models import ProgressEvent

    enrol(learning.learner, learning.session)
    _token, clear = create_api_token(learning.learner, "player")
    db.session.commit()
    s = learning.steps

    def event(cid, step, kind, **extra):
        return {"client_id": cid, "session_id": learning.session, "step_id": step, "kind": kind, **extra}

    first = [event("race-0000001", s[0], "opened"), event("race-0000002", s[2], "done")]
    batches = [first, first, [event("race-0000003", s[1], "video", segments=[[0, 50]])],
               [event("race-0000004", s[1], "video", segments=[[50, 96]])], [event("race-0000005", s[3], "opened")],
               [event("race-0000006", s[3], "opened"), event("race-0000002", s[2], "done")]]
    barrier, statuses = threading.Barrier(len(batches)), []

    def post(batch):
        with app.app_context():
            client = app.test_client()
            barrier.wait()
            response = client.post("/api/v1/progress", json={"events": batch},
                                   headers={"Authorization": f"Bearer {clear}"})
            statuses.append(response.status_code)

    threads = [threading.Thread(target=post, args=(batch,)) for batch in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * len(batches)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ProgressEvent)) == 6
    enrolment = summary(learning.session, learning.learner)
    assert enrolment.steps_done == 4
    assert enrolment.completed_dt is not None
