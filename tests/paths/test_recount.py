"""Deleting a step recounts the learners' summaries set-based: the counts are right for every learner, and the
number of statements does not grow with the number of learners."""

from __future__ import annotations

import sqlalchemy as sa

from app.db import db

pytest_plugins = ["tests.paths.fixtures"]


def _summaries(session_id):
    from paths.models import Enrolment, SequenceProgress

    db.session.expire_all()
    learners = {e.user_id: e.steps_done for e in db.session.scalars(
        sa.select(Enrolment).where(Enrolment.session_id == session_id))}
    sequences = {(s.enrolment_id, s.sequence_id): (s.steps_done, s.completed_dt is not None)
                 for s in db.session.scalars(sa.select(SequenceProgress).where(
                     SequenceProgress.session_id == session_id))}
    return learners, sequences


class _Statements:
    """Counts the UPDATE statements sent to the database while active."""

    def __init__(self):
        self.updates = 0

    def __call__(self, conn, cursor, statement, *args):
        self.updates += statement.lstrip().upper().startswith("UPDATE")

    def __enter__(self):
        sa.event.listen(db.engine, "before_cursor_execute", self)
        return self

    def __exit__(self, *exc):
        sa.event.remove(db.engine, "before_cursor_execute", self)


def _delete_step(client, login, learning, step_id):
    login(learning.editor)
    with _Statements() as statements:
        response = client.post(f"/parcours/{learning.course}/etapes/{step_id}/supprimer")
    assert response.status_code == 302
    return statements.updates


def test_deleting_a_step_recounts_each_learner_and_completes_the_sequence(learning, client, login, enrol,
                                                                          send_events):
    for user in (learning.learner, learning.other_learner):
        enrol(user, learning.session)
    # Léa: steps 3 (done) and 4 (opened) complete « Agir »; Marc only opened step 4
    send_events(learning.learner, learning.session, ("rc-lea-0001", learning.steps[0], "opened", {}),
                ("rc-lea-0002", learning.steps[2], "done", {}), ("rc-lea-0003", learning.steps[3], "opened", {}))
    send_events(learning.other_learner, learning.session, ("rc-marc-001", learning.steps[3], "opened", {}))
    learners, _ = _summaries(learning.session)
    assert learners == {learning.learner.id: 3, learning.other_learner.id: 1}

    _delete_step(client, login, learning, learning.steps[2])  # « Le terrain », which only Léa did

    learners, sequences = _summaries(learning.session)
    assert learners == {learning.learner.id: 2, learning.other_learner.id: 1}
    marc = [key for key in sequences if sequences[key][0] == 1 and key[1] == learning.sequences[1]]
    assert len(marc) == 2  # both have the one remaining step of « Agir » done...
    assert all(sequences[key] == (1, True) for key in marc)  # ...so Marc's sequence is now complete too
    login(learning.learner)
    assert "2 / 3 étapes" in client.get("/mes-sessions").get_data(as_text=True)


def test_the_recount_costs_the_same_statements_for_two_or_twenty_learners(learning, client, login, enrol,
                                                                         create_user, send_events):
    enrol(learning.learner, learning.session)
    send_events(learning.learner, learning.session, ("few-0000001", learning.steps[3], "opened", {}))
    few = _delete_step(client, login, learning, learning.steps[0])
    for n in range(20):
        user = create_user(f"nombreux{n}@example.org", f"Apprenant·e {n}")
        enrol(user, learning.session)
        send_events(user, learning.session, (f"many-{n:07d}", learning.steps[3], "opened", {}))
    many = _delete_step(client, login, learning, learning.steps[2])
    assert many == few
    learners, _ = _summaries(learning.session)
    assert set(learners.values()) == {1}
