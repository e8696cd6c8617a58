"""The learner's pages: enrolment, my sessions, the step page, resume, locked sequences, privacy."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from app.db import db, utcnow

pytest_plugins = ["tests.paths.fixtures"]


def set_window(session_id, opens_in_days, closes_in_days):
    from paths.models import CourseSession

    session = db.session.get(CourseSession, session_id)
    session.enrol_opens_at = utcnow() + timedelta(days=opens_in_days)
    session.enrol_closes_at = utcnow() + timedelta(days=closes_in_days)
    db.session.commit()


def enrolled(session_id, user) -> bool:
    from paths.models import Enrolment, EnrolmentStatus

    db.session.expire_all()
    return db.session.scalar(sa.select(sa.func.count()).where(
        Enrolment.session_id == session_id, Enrolment.user_id == user.id,
        Enrolment.status == EnrolmentStatus.ACTIVE)) == 1


def test_enrolment_before_inside_and_after_the_window(learning, client, login):
    login(learning.learner)
    url = f"/sessions/{learning.session}/inscription"
    set_window(learning.session, 2, 10)
    before = client.post(url, follow_redirects=True)
    assert "Les inscriptions ne sont pas encore ouvertes." in before.get_data(as_text=True)
    assert not enrolled(learning.session, learning.learner)
    set_window(learning.session, -10, -2)
    after = client.post(url, follow_redirects=True)
    assert "Les inscriptions sont closes." in after.get_data(as_text=True)
    assert not enrolled(learning.session, learning.learner)
    set_window(learning.session, -2, 10)
    inside = client.post(url)
    assert inside.status_code == 302
    assert enrolled(learning.session, learning.learner)
    page = client.get(f"/sessions/{learning.session}").get_data(as_text=True)
    assert "Reprendre là où j'en étais" in page


def test_a_full_session_refuses_enrolment(learning, client, login, enrol):
    from paths.models import CourseSession

    db.session.get(CourseSession, learning.session).capacity = 1
    db.session.commit()
    enrol(learning.other_learner, learning.session)
    login(learning.learner)
    response = client.post(f"/sessions/{learning.session}/inscription", follow_redirects=True)
    assert "La session est complète." in response.get_data(as_text=True)
    assert not enrolled(learning.session, learning.learner)


def test_unenrolment_keeps_progress_for_a_return(learning, client, login, enrol, send_events):
    enrol(learning.learner, learning.session)
    send_events(learning.learner, learning.session, ("back-00000001", learning.steps[0], "opened", {}))
    assert client.post(f"/sessions/{learning.session}/desinscription").status_code == 302
    assert not enrolled(learning.session, learning.learner)
    assert "Habiter léger" not in client.get("/mes-sessions").get_data(as_text=True)
    client.post(f"/sessions/{learning.session}/inscription")
    assert "1 / 4 étapes" in client.get("/mes-sessions").get_data(as_text=True)


def test_my_sessions_shows_a_progress_bar(learning, client, enrol, send_events):
    enrol(learning.learner, learning.session)
    send_events(learning.learner, learning.session, ("mine-00000001", learning.steps[0], "opened", {}),
                ("mine-00000002", learning.steps[2], "done", {}))
    page = client.get("/mes-sessions").get_data(as_text=True)
    assert "Printemps" in page
    assert '<progress value="2" max="4"' in page
    assert "2 / 4 étapes · 50 %" in page


def test_the_step_page_records_the_visit_and_links_previous_and_next(learning, client, login, enrol):
    enrol(learning.learner, learning.session)
    login(learning.learner)
    page = client.get(f"/sessions/{learning.session}/etapes/{learning.steps[1]}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert f'/sessions/{learning.session}/etapes/{learning.steps[0]}" rel="prev"' in text
    assert f'/sessions/{learning.session}/etapes/{learning.steps[2]}" rel="next"' in text
    assert "Qu&#39;est-ce qu&#39;un hameau léger ?" in text
    from paths.models import Enrolment

    enrolment = db.session.scalar(sa.select(Enrolment).where(Enrolment.user_id == learning.learner.id))
    assert enrolment.last_step_id == learning.steps[1]


def test_marking_a_step_done(learning, client, login, enrol):
    enrol(learning.learner, learning.session)
    login(learning.learner)
    url = f"/sessions/{learning.session}/etapes/{learning.steps[2]}"
    assert "J'ai terminé cette étape" in client.get(url).get_data(as_text=True)
    done = client.post(url + "/terminee", follow_redirects=True)
    assert "Étape terminée" in done.get_data(as_text=True)


def test_locked_sequences_show_when_they_open(learning, client, login, enrol):
    from paths import service
    from paths.models import CourseSession

    session = db.session.get(CourseSession, learning.session)
    opens = utcnow() + timedelta(days=20)
    service.set_releases(session, {learning.sequences[1]: {"opens_at": opens}})
    db.session.commit()
    enrol(learning.learner, learning.session)
    login(learning.learner)
    outline = client.get(f"/sessions/{learning.session}").get_data(as_text=True)
    assert "Ouvre le" in outline
    assert f"/etapes/{learning.steps[2]}" not in outline  # no link into a locked sequence
    locked = client.get(f"/sessions/{learning.session}/etapes/{learning.steps[2]}")
    assert locked.status_code == 303
    step = client.get(f"/sessions/{learning.session}/etapes/{learning.steps[1]}").get_data(as_text=True)
    assert "La suite ouvre le" in step


def test_resume_goes_to_the_last_opened_step(learning, client, enrol, send_events):
    enrol(learning.learner, learning.session)
    send_events(learning.learner, learning.session, ("res-000000001", learning.steps[0], "opened", {}),
                ("res-000000002", learning.steps[2], "opened", {}))
    response = client.get(f"/sessions/{learning.session}/reprendre")
    assert response.headers["Location"].endswith(f"/sessions/{learning.session}/etapes/{learning.steps[2]}")


def test_resume_after_the_last_step_was_deleted(learning, client, login, enrol, send_events):
    from courses import service as courses
    from courses.models import Step

    enrol(learning.learner, learning.session)
    send_events(learning.learner, learning.session, ("del-000000001", learning.steps[0], "opened", {}),
                ("del-000000002", learning.steps[2], "opened", {}), ("del-000000003", learning.steps[2], "done", {}))
    courses.delete_step(db.session.get(Step, learning.steps[2]))
    db.session.commit()
    login(learning.learner)
    response = client.get(f"/sessions/{learning.session}/reprendre")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/sessions/{learning.session}/etapes/{learning.steps[0]}")
    # the summary was recounted: the deleted step no longer counts
    assert "1 / 3 étapes" in client.get("/mes-sessions").get_data(as_text=True)


def test_resume_skips_a_step_whose_sequence_is_no_longer_released(learning, client, enrol, send_events):
    from paths import service
    from paths.models import CourseSession

    enrol(learning.learner, learning.session)
    send_events(learning.learner, learning.session, ("rel-000000001", learning.steps[1], "opened", {}),
                ("rel-000000002", learning.steps[3], "opened", {}))
    service.set_releases(db.session.get(CourseSession, learning.session),
                         {learning.sequences[1]: {"offset_days": 60}})
    db.session.commit()
    response = client.get(f"/sessions/{learning.session}/reprendre")
    assert response.headers["Location"].endswith(f"/etapes/{learning.steps[1]}")


def test_a_learner_never_sees_another_learners_progress(learning, client, login, enrol, send_events):
    enrol(learning.learner, learning.session)
    enrol(learning.other_learner, learning.session)
    send_events(learning.other_learner, learning.session, ("priv-00000001", learning.steps[0], "opened", {}),
                ("priv-00000002", learning.steps[2], "done", {}))
    login(learning.learner)
    mine = client.get("/mes-sessions").get_data(as_text=True)
    assert "0 / 4 étapes" in mine
    outline = client.get(f"/sessions/{learning.session}").get_data(as_text=True)
    assert "terminée" not in outline and "Marc Voisin" not in outline
    assert client.get(f"/sessions/{learning.session}/tableau-de-bord").status_code == 403
    assert client.get(f"/api/v1/sessions/{learning.session}/xapi").status_code == 403
    assert client.post(f"/sessions/{learning.session}/exports").status_code == 403


def test_sessions_list_shows_open_sessions(learning, client):
    page = client.get("/sessions/").get_data(as_text=True)
    assert "Printemps" in page and "Inscriptions ouvertes" in page


def _step_page_queries(client, session_id, step_id) -> int:
    from tests.paths.discussion_helpers import QueryCounter

    client.get(f"/sessions/{session_id}/etapes/{step_id}")  # the first visit creates the step's progress row
    with QueryCounter() as counter:
        assert client.get(f"/sessions/{session_id}/etapes/{step_id}").status_code == 200
    return counter.n


#: SQL statements of a step page: user, session, access, enrolment, step, recording the visit, the outline, the
#: resource with its media and attachments, the discussion panel
STEP_PAGE_MAX_QUERIES = 32


def test_the_step_page_runs_a_bounded_number_of_queries(learning, client, login, enrol):
    """The outline is read in one query and only this step's progress is loaded: more sequences, steps, learners
    and progress add no query."""
    from courses import service as courses
    from courses.models import Course
    from paths.models import StepProgress

    enrolment = enrol(learning.learner, learning.session)
    enrol(learning.other_learner, learning.session)
    login(learning.learner)
    small = _step_page_queries(client, learning.session, learning.steps[1])
    course = db.session.get(Course, learning.course)
    for n in range(6):
        sequence = courses.add_sequence(course, f"Séquence {n}")
        for m in range(5):
            step = courses.add_step(sequence, {"title": f"Étape {n}.{m}"})
            db.session.flush()
            for learner_enrolment in (enrolment.id,):
                db.session.add(StepProgress(enrolment_id=learner_enrolment, step_id=step.id,
                                            first_opened_dt=utcnow(), last_opened_dt=utcnow()))
    db.session.commit()
    large = _step_page_queries(client, learning.session, learning.steps[1])
    assert large == small
    assert small <= STEP_PAGE_MAX_QUERIES
