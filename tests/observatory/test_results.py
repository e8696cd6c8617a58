"""Results: aggregates equal those computed from the responses themselves, and no figure computed over fewer
than 5 respondents leaves the server — not on the page, not in the API, not in the CSV export."""

from __future__ import annotations

import csv
import io
import random
import statistics

import pytest

from app.db import db
from observatory.service import results as results_service
from observatory.service import surveys as service
from tests.observatory.chartjson import charts

OPTIONS = ["Entreprises", "Autoconstruction", "Mixte"]
MATERIALS = ["Bois", "Paille", "Terre", "Pierre"]
QUESTIONS = [
    {"label": "Mode de chantier", "kind": "single", "options": OPTIONS},
    {"label": "Matériaux", "kind": "multiple", "options": MATERIALS},
    {"label": "Satisfaction", "kind": "scale", "scale_min": 1, "scale_max": 5},
    {"label": "Budget par foyer", "kind": "number"},
    {"label": "Première réunion", "kind": "date"},
    {"label": "Ce qui vous a manqué", "kind": "short_text"},
]
#: a figure that only the withheld question's answers would produce
SECRET = "Réponse-témoin-confidentielle"


@pytest.fixture
def answered(create_collective, create_survey):
    """`answered(n, seed)`: a survey answered (and submitted) by n collectives with random answers; also
    returns those answers as the test knows them."""

    def make(n, seed=1, kinds=None):
        rng = random.Random(seed)
        survey = create_survey(questions=QUESTIONS)
        for index in range(n):
            kind = kinds[index] if kinds else "habitat"
            create_collective(f"Collectif {index}", kind=kind, departement=f"{10 + index % 3}")
        service.address_survey(survey, {})
        given = []
        for invitation in sorted(survey.invitations, key=lambda i: i.collective.name):
            ids = [str(q.id) for q in survey.questions]
            answers = {ids[0]: rng.choice(OPTIONS), ids[1]: rng.sample(MATERIALS, rng.randint(1, 3)),
                       ids[2]: rng.randint(1, 5), ids[3]: rng.randrange(50, 300, 5),
                       ids[4]: f"20{rng.randint(10, 23)}-{rng.choice(['03', '07'])}-15",
                       ids[5]: f"{SECRET} {invitation.collective.name}"}
            assert service.save_response(invitation, answers, submit=True) == {}
            given.append(answers)
        db.session.commit()
        return survey, given

    return make


def api_results(client, survey, user_token=None):
    return client.get(f"/api/v1/observatory/surveys/{survey.id}/results").json


def test_aggregates_equal_those_computed_from_the_responses(client, login, people, answered):
    survey, given = answered(12, seed=7)
    login(people.researcher)
    body = api_results(client, survey)
    by_label = {q["label"]: q for q in body["questions"]}
    ids = [str(q.id) for q in survey.questions]
    assert all(not q["withheld"] and q["respondents"] == 12 for q in body["questions"])

    single = {c["label"]: c["count"] for c in by_label["Mode de chantier"]["counts"]}
    assert single == {option: sum(a[ids[0]] == option for a in given) for option in OPTIONS}
    multiple = {c["label"]: c["count"] for c in by_label["Matériaux"]["counts"]}
    assert multiple == {m: sum(m in a[ids[1]] for a in given) for m in MATERIALS}
    percents = {c["label"]: c["percent"] for c in by_label["Matériaux"]["counts"]}
    assert percents == {m: round(100 * multiple[m] / 12, 1) for m in MATERIALS}

    scale = [a[ids[2]] for a in given]
    assert {c["label"]: c["count"] for c in by_label["Satisfaction"]["counts"]} == {
        str(v): scale.count(v) for v in range(1, 6)}
    assert by_label["Satisfaction"]["summary"]["mean"] == round(statistics.fmean(scale), 2)
    budgets = [a[ids[3]] for a in given]
    assert by_label["Budget par foyer"]["summary"] == {
        "mean": round(statistics.fmean(budgets), 2), "median": statistics.median(budgets),
        "min": min(budgets), "max": max(budgets)}
    years = [a[ids[4]][:4] for a in given]
    assert {c["label"]: c["count"] for c in by_label["Première réunion"]["counts"]} == {
        y: years.count(y) for y in set(years)}
    assert sorted(by_label["Ce qui vous a manqué"]["texts"]) == sorted(a[ids[5]] for a in given)


def test_drafts_are_not_counted(client, login, people, answered, create_collective):
    survey, _ = answered(5)
    late = create_collective("Collectif en retard")
    service.address_survey(survey, {})
    invitation = next(i for i in survey.invitations if i.collective_id == late.id)
    service.save_response(invitation, {str(survey.questions[0].id): "Mixte"}, submit=False)
    db.session.commit()
    login(people.researcher)
    body = api_results(client, survey)
    assert body["questions"][0]["respondents"] == 5


def test_four_respondents_reveal_nothing_anywhere(client, login, people, answered):
    survey, given = answered(4)
    login(people.researcher)
    # API: every question withheld, no figure at all
    body = api_results(client, survey)
    assert body["minimum_respondents"] == 5
    for question in body["questions"]:
        assert question["withheld"] is True
        assert set(question) == {"question_id", "label", "kind", "withheld"}
    # page: the withheld notice, no counts, no texts, no chart
    page = client.get(f"/observatoire/enquetes/{survey.id}/resultats").get_data(as_text=True)
    assert page.count("Résultat masqué") == len(QUESTIONS)
    assert SECRET not in page and "Moyenne" not in page
    assert charts(page) == {} and "<canvas" not in page
    # CSV: one line per question saying it is withheld, and no number in the figure columns
    rows = list(csv.DictReader(io.StringIO(client.get(
        f"/observatoire/enquetes/{survey.id}/resultats.csv").get_data(as_text=True))))
    assert len(rows) == len(QUESTIONS)
    assert all(row["repondants"] == "" and row["pourcentage"] == "" and "masqué" in row["effectif"]
               for row in rows)
    assert SECRET not in str(rows)


def test_five_respondents_show_the_figures(client, login, people, answered):
    survey, given = answered(5)
    login(people.researcher)
    page = client.get(f"/observatoire/enquetes/{survey.id}/resultats").get_data(as_text=True)
    assert "Résultat masqué" not in page
    drawn = charts(page)
    assert len(drawn) == 4  # choices, multiple, scale, dates
    for result in results_service.survey_results(survey):
        if result.counts:  # what Chart.js draws is the aggregate, label for label, count for count
            spec = drawn[f"chart-question-{result.question.id}"]
            assert spec["labels"] == [label for label, _count, _percent in result.counts]
            assert spec["datasets"][0]["data"] == [count for _label, count, _percent in result.counts]
    assert SECRET in page
    rows = list(csv.DictReader(io.StringIO(client.get(
        f"/observatoire/enquetes/{survey.id}/resultats.csv").get_data(as_text=True))))
    ids = str(survey.questions[0].id)
    counts = {row["modalite"]: int(row["effectif"]) for row in rows if row["question_id"] == ids}
    assert counts == {o: sum(a[ids] == o for a in given) for o in OPTIONS}


def test_a_question_few_answered_is_withheld_alone(client, login, people, answered):
    """Optional questions: the threshold counts those who answered this question, not the survey."""
    from observatory.models import SurveyResponse

    survey, _ = answered(6)
    budget_id = str(survey.questions[3].id)
    for response in db.session.query(SurveyResponse).all()[:2]:
        response.answers = {k: v for k, v in response.answers.items() if k != budget_id}
    db.session.commit()
    login(people.researcher)
    withheld = {q["label"]: q["withheld"] for q in api_results(client, survey)["questions"]}
    assert withheld["Budget par foyer"] is True
    assert withheld["Mode de chantier"] is False


def test_cross_tabs_withhold_small_groups(client, login, people, answered):
    survey, given = answered(8, kinds=["habitat"] * 5 + ["oasis"] * 3)
    login(people.researcher)
    question = survey.questions[0]
    page = client.get(f"/observatoire/enquetes/{survey.id}/resultats?question={question.id}&par=kind")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    habitat_row = html[html.index("Habitat participatif</th>"):].split("</tr>")[0]
    oasis_row = html[html.index("Oasis</th>"):].split("</tr>")[0]
    assert "masqué" in oasis_row and "<td>3</td>" not in oasis_row
    expected = {o: sum(a[str(question.id)] == o for a in given[:5]) for o in OPTIONS}
    assert "<td>5</td>" in habitat_row
    for option in OPTIONS:
        assert f"<td>{expected[option]} <small" in habitat_row
    # the stacked bars beside the table: the habitat group only, its counts per answer; nothing of the oasis group
    chart = charts(html)["chart-cross"]
    assert chart["labels"] == ["Habitat participatif"]
    assert [(s["label"], s["data"]) for s in chart["datasets"]] == [(o, [expected[o]]) for o in OPTIONS]
    assert "Oasis" not in str(chart)
    assert client.get(f"/observatoire/enquetes/{survey.id}/resultats?question={question.id}&par=couleur"
                      ).status_code == 400


def test_results_are_for_researchers_and_partner_members(client, login, logout, people, answered):
    survey, _ = answered(5)
    for user, status in ((people.researcher, 200), (people.learner_hls, 200), (people.outsider, 403)):
        login(user)
        page = client.get(f"/observatoire/enquetes/{survey.id}/resultats")
        api = client.get(f"/api/v1/observatory/surveys/{survey.id}/results")
        assert page.status_code == status and api.status_code == status
        # free texts may name a collective: only the scientific committee reads them
        if status == 200:
            assert (SECRET in page.get_data(as_text=True)) is (user is people.researcher)
            assert (SECRET in str(api.json)) is (user is people.researcher)
    logout()
    assert client.get(f"/api/v1/observatory/surveys/{survey.id}/results").status_code == 401
