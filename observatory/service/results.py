"""Survey results: per-question aggregates, cross-tabs by collective criteria, CSV export.

The privacy rule lives here and only here: any figure computed over fewer than `MIN_RESPONDENTS` respondents is
withheld (`withheld=True`, no counts, no values). Pages, the API and the CSV export all read these functions,
so none of them can show what another hides.
"""

from __future__ import annotations

import csv
import io
import statistics
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from app.db import db
from observatory.models import (
    KIND_LABELS,
    Collective,
    Question,
    QuestionKind,
    Survey,
    SurveyInvitation,
    SurveyResponse,
)

#: no figure leaves the server when fewer collectives than this answered
MIN_RESPONDENTS = 5
#: the collective criteria a cross-tab can split answers by
CROSS_BY = ("kind", "phase", "departement", "network")
CROSSABLE = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.SCALE})


@dataclass
class Aggregate:
    """What can be said about one question's answers."""

    question: Question
    withheld: bool
    respondents: int | None = None
    #: (label, count, percent of respondents) for choices, scale values and the years of dates
    counts: list[tuple[str, int, float]] = field(default_factory=list)
    #: mean, median, min, max for numbers and scales
    summary: dict[str, float] = field(default_factory=dict)
    #: free texts, sorted, for text questions
    texts: list[str] = field(default_factory=list)

    def as_dict(self, with_texts: bool = True) -> dict:
        """JSON form; free texts only `with_texts` (they may name a collective: the committee reads them)."""
        body = {"question_id": self.question.id, "label": self.question.label, "kind": self.question.kind.value,
                "withheld": self.withheld}
        if not self.withheld:
            body.update(respondents=self.respondents,
                        counts=[{"label": label, "count": count, "percent": percent}
                                for label, count, percent in self.counts],
                        summary=self.summary, texts=self.texts if with_texts else [])
        return body


def submitted_responses(survey: Survey) -> list[SurveyResponse]:
    query = (sa.select(SurveyResponse).join(SurveyInvitation)
             .where(SurveyInvitation.survey_id == survey.id, SurveyResponse.submitted_dt.is_not(None))
             .options(selectinload(SurveyResponse.invitation).selectinload(SurveyInvitation.collective)
                      .selectinload(Collective.networks)))
    return list(db.session.scalars(query))


def aggregate(question: Question, answers: list) -> Aggregate:
    """Aggregate the non-empty `answers` to one question, or withhold them all below the threshold."""
    values = [value for value in answers if value not in (None, "", [])]
    n = len(values)
    if n < MIN_RESPONDENTS:
        return Aggregate(question=question, withheld=True)
    result = Aggregate(question=question, withheld=False, respondents=n)
    kind = question.kind
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        chosen = [v if isinstance(v, list) else [v] for v in values]
        result.counts = _counts(question.options, [option for picks in chosen for option in picks], n)
    elif kind == QuestionKind.SCALE:
        scale = [str(step) for step in range(question.scale_min, question.scale_max + 1)]
        result.counts = _counts(scale, [str(v) for v in values], n)
        result.summary = _summary(values)
    elif kind == QuestionKind.NUMBER:
        result.summary = _summary(values)
    elif kind == QuestionKind.DATE:
        years = sorted({v[:4] for v in values})  # by year: months would scatter a few answers into many bars
        result.counts = _counts(years, [v[:4] for v in values], n)
    else:
        result.texts = sorted(values, key=str.casefold)
    return result


def _counts(labels: list[str], picks: list[str], n: int) -> list[tuple[str, int, float]]:
    return [(label, picks.count(label), round(100 * picks.count(label) / n, 1)) for label in labels]


def _summary(values: list) -> dict[str, float]:
    numbers = [float(v) for v in values]
    return {"mean": round(statistics.fmean(numbers), 2), "median": round(statistics.median(numbers), 2),
            "min": min(numbers), "max": max(numbers)}


def submitted_answers(survey: Survey) -> list[dict]:
    """The answers of the submitted responses, without loading who gave them."""
    return list(db.session.scalars(
        sa.select(SurveyResponse.answers).join(SurveyInvitation)
        .where(SurveyInvitation.survey_id == survey.id, SurveyResponse.submitted_dt.is_not(None))))


def survey_results(survey: Survey) -> list[Aggregate]:
    answers = submitted_answers(survey)
    return [aggregate(question, [a.get(str(question.id)) for a in answers]) for question in survey.questions]


def _groups_of(collective: Collective, by: str) -> list[str]:
    if by == "kind":
        return [_(KIND_LABELS[collective.kind])]
    if by == "phase":
        from flask_babel import get_locale

        return [collective.phase.display_label(str(get_locale() or "fr"))]
    if by == "departement":
        return [collective.departement]
    return [partner.short_name for partner in collective.networks] or [_("Sans réseau")]


def cross_tab(survey: Survey, question: Question, by: str) -> list[tuple[str, Aggregate]]:
    """The question's aggregate within each group of collectives (a collective in two networks counts in both);
    each group is withheld on its own below the threshold."""
    if by not in CROSS_BY or question.kind not in CROSSABLE:
        raise ValueError(by)
    groups: dict[str, list] = {}
    for response in submitted_responses(survey):
        for group in _groups_of(response.invitation.collective, by):
            groups.setdefault(group, []).append(response.answers.get(str(question.id)))
    return [(group, aggregate(question, answers)) for group, answers in sorted(groups.items())]


def results_csv(survey: Survey) -> str:
    """One line per figure; withheld questions say so and carry no number."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["question_id", "question", "type", "repondants", "modalite", "effectif", "pourcentage"])
    for result in survey_results(survey):
        q = result.question
        if result.withheld:
            writer.writerow([q.id, q.label, q.kind.value, "", "", _("masqué (moins de %(n)s réponses)",
                                                                     n=MIN_RESPONDENTS), ""])
            continue
        for label, count, percent in result.counts:
            writer.writerow([q.id, q.label, q.kind.value, result.respondents, label, count, percent])
        for name, value in result.summary.items():
            writer.writerow([q.id, q.label, q.kind.value, result.respondents, name, value, ""])
        if q.kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
            writer.writerow([q.id, q.label, q.kind.value, result.respondents, "textes", len(result.texts), ""])
    return out.getvalue()
