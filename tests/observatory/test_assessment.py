"""Self-assessment: a collective scores a grid and sees its radar against the anonymised average of comparable
collectives (same kind of project), shown only once 5 of them have assessed themselves."""

from __future__ import annotations

import html

import pytest
import sqlalchemy as sa

from app.db import db
from observatory.models import AssessmentCriterion, AssessmentDimension, AssessmentGrid, SelfAssessment
from observatory.service.assessment import compare
from tests.observatory.chartjson import charts


@pytest.fixture
def grid(app_ctx):
    made = AssessmentGrid(title="Sobriété et gouvernance", dimensions=[
        AssessmentDimension(title="Gouvernance", position=0, criteria=[
            AssessmentCriterion(label="Règles connues", position=0),
            AssessmentCriterion(label="Ordre du jour", position=1)]),
        AssessmentDimension(title="Énergie", position=1, criteria=[AssessmentCriterion(label="Suivi", position=0)]),
        AssessmentDimension(title="Territoire", position=2,
                            criteria=[AssessmentCriterion(label="Ouverture", position=0)]),
    ])
    db.session.add(made)
    db.session.commit()
    return made


def criteria(grid):
    return [c for d in grid.dimensions for c in d.criteria]


def peers(create_collective, grid, count, kind="habitat", scores=(2, 4, 1, 3)):
    from observatory.models import Collective

    start = db.session.scalar(sa.select(sa.func.count()).select_from(Collective))
    for index in range(start, start + count):
        peer = create_collective(f"Pair {kind} {index}", kind=kind)
        db.session.add(SelfAssessment(grid=grid, collective=peer,
                                      scores={str(c.id): s for c, s in zip(criteria(grid), scores, strict=True)}))
    db.session.commit()


def test_a_member_scores_the_grid_and_sees_the_radar(client, login, people, create_collective, grid):
    mine = create_collective("Les Choux Lents", members=[people.outsider])
    login(people.outsider)
    url = f"/observatoire/collectifs/{mine.id}/auto-evaluation/{grid.id}"
    incomplete = client.post(url, data={f"c{criteria(grid)[0].id}": "3"})
    assert incomplete.status_code == 422
    assert client.post(url, data={f"c{c.id}": s for c, s in zip(criteria(grid), ("4", "2", "0", "3"), strict=True)}
                       ).status_code == 303
    saved = db.session.scalar(sa.select(SelfAssessment))
    assert saved.submitted_by_id == people.outsider.id
    page = html.unescape(client.get(url).get_data(as_text=True))
    # the radar Chart.js draws holds our means per dimension and no peer average (fewer than 5 peers)
    radar = charts(page)["chart-radar"]
    assert radar["type"] == "radar" and (radar["min"], radar["max"]) == (0, 4)
    assert radar["labels"] == [d.title for d in grid.dimensions]
    assert [s["label"] for s in radar["datasets"]] == ["Notre collectif"]
    assert radar["datasets"][0]["data"] == compare(grid, mine).mine and radar["datasets"][0]["data"][0] == 3.0
    # the table beside the radar: dimension means (gouvernance = (4 + 2) / 2)
    assert "<td>Gouvernance</td><td>3.0</td><td>—</td>" in page
    assert "quand au moins 5 d'entre eux se seront évalués" in page


def test_scores_out_of_range_are_refused(client, login, people, create_collective, grid):
    mine = create_collective("Les Choux Lents", members=[people.outsider])
    login(people.outsider)
    response = client.post(f"/observatoire/collectifs/{mine.id}/auto-evaluation/{grid.id}",
                           data={f"c{c.id}": "5" for c in criteria(grid)})
    assert response.status_code == 422
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SelfAssessment)) == 0


def test_the_peer_average_appears_from_five_comparable_collectives(client, login, people, create_collective, grid):
    mine = create_collective("Les Choux Lents", members=[people.outsider])
    peers(create_collective, grid, 4)
    peers(create_collective, grid, 3, kind="oasis", scores=(0, 0, 0, 0))  # not comparable: another kind
    login(people.outsider)
    url = f"/observatoire/collectifs/{mine.id}/auto-evaluation/{grid.id}"
    client.post(url, data={f"c{c.id}": "1" for c in criteria(grid)})
    page = html.unescape(client.get(url).get_data(as_text=True))
    assert "Moyenne des collectifs comparables" not in page
    assert "<td>Gouvernance</td><td>1.0</td><td>—</td>" in page
    assert [s["label"] for s in charts(page)["chart-radar"]["datasets"]] == ["Notre collectif"]  # 4 peers: no average
    peers(create_collective, grid, 1, scores=(4, 4, 3, 1))
    page = html.unescape(client.get(url).get_data(as_text=True))
    assert "Moyenne des collectifs comparables" in page
    radar = charts(page)["chart-radar"]
    assert [(s["label"], s["data"]) for s in radar["datasets"]] == [
        ("Notre collectif", [1.0, 1.0, 1.0]), ("Moyenne des collectifs comparables", compare(grid, mine).peers)]
    # peers' gouvernance: four at (2+4)/2 = 3 and one at 4 → 3.2; énergie: four at 1, one at 3 → 1.4
    assert "<td>Gouvernance</td><td>1.0</td><td>3.2</td>" in page
    assert "<td>Énergie</td><td>1.0</td><td>1.4</td>" in page


def test_only_the_latest_assessment_of_each_peer_counts(app_ctx, create_collective, grid):
    mine = create_collective("Moi")
    peers(create_collective, grid, 5, scores=(0, 0, 0, 0))
    for peer_assessment in db.session.scalars(sa.select(SelfAssessment)).all():
        db.session.add(SelfAssessment(grid=grid, collective_id=peer_assessment.collective_id,
                                      scores={str(c.id): 4 for c in criteria(grid)}))
    db.session.commit()
    assert compare(grid, mine).peers == [4.0, 4.0, 4.0]
