"""Taxonomy values of a sheet matched to existing terms: by slug, French or English label, ignoring case and
accents. What matches nothing is listed for a decision (map to a term, or ignore; a kind must be mapped)."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

from app.db import db
from commons.imports.fields import FIELDS, normalise, split_values
from commons.models import Kind, Licence, Phase, Theme

VOCABULARY_MODELS = {"kinds": Kind, "themes": Theme, "phases": Phase, "licences": Licence}


@dataclass
class Unknown:
    """A value no term matches, with where it appears."""

    value: str
    rows: list[int] = field(default_factory=list)


def term_index(vocabulary: str) -> dict[str, int]:
    """normalised slug or label -> term id, for the terms still offered."""
    model = VOCABULARY_MODELS[vocabulary]
    index: dict[str, int] = {}
    for term in db.session.scalars(sa.select(model).where(model.is_retired.is_(False)).order_by(model.position)):
        for name in (term.label_en, term.label, term.slug):
            if name:
                index[normalise(name)] = term.id
    return index


def term_choices(vocabulary: str) -> list[tuple[int, str]]:
    """(id, label) of the terms an unknown value may be mapped to."""
    model = VOCABULARY_MODELS[vocabulary]
    query = sa.select(model).where(model.is_retired.is_(False)).order_by(model.position, model.label)
    return [(term.id, term.label) for term in db.session.scalars(query)]


def cell_values(text: str, multiple: bool) -> list[str]:
    return split_values(text) if multiple else ([text.strip()] if text.strip() else [])


def find_unknowns(headers: list[str], rows: list[list[str]], mapping: dict[str, str]) -> dict[str, dict]:
    """vocabulary -> {normalised value: Unknown} for every mapped taxonomy column; rows numbered as in the sheet."""
    found: dict[str, dict] = {}
    for column, field_ in _taxonomy_columns(headers, mapping):
        known = term_index(field_.vocabulary)
        unknowns = found.setdefault(field_.vocabulary, {})
        for number, row in enumerate(rows, start=2):
            for value in cell_values(row[column], field_.multiple):
                words = normalise(value)
                if words and words not in known:
                    unknowns.setdefault(words, Unknown(value)).rows.append(number)
    return {vocabulary: values for vocabulary, values in found.items() if values}


def _taxonomy_columns(headers, mapping):
    by_name = {f.name: f for f in FIELDS}
    for column, header in enumerate(headers):
        field_ = by_name.get(mapping.get(header, ""))
        if field_ is not None and field_.vocabulary:
            yield column, field_


class Resolver:
    """Turns a cell's values into term ids, with the editor's decisions for the unknown ones."""

    def __init__(self, decisions: dict[str, dict]):
        self.decisions = decisions
        self.indexes = {vocabulary: term_index(vocabulary) for vocabulary in VOCABULARY_MODELS}

    def resolve(self, vocabulary: str, value: str) -> tuple[int | None, bool]:
        """(term id or None, whether the value is known: matched, or decided on)."""
        words = normalise(value)
        if words in self.indexes[vocabulary]:
            return self.indexes[vocabulary][words], True
        decided = self.decisions.get(vocabulary, {})
        if words in decided:
            return decided[words], True
        return None, False
