"""One sheet row turned into the input of the resource form, validated by the same schema, with every problem
named by its row (as numbered in the spreadsheet, the header being row 1) and its column."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from flask_babel import gettext as _
from marshmallow import ValidationError

from app.http import french_errors
from commons.imports.fields import FIELDS_BY_NAME, iso_date, language_code, visibility_value
from commons.imports.matching import Resolver, cell_values
from commons.schemas import ResourceInputSchema

#: resource field of the mapping -> field of ResourceInputSchema
SCHEMA_FIELDS = {"kind": "kind_id", "themes": "theme_ids", "phases": "phase_ids", "licence": "licence_id"}
TEXT_FIELDS = ("title", "summary", "body", "source", "authors")
VOCABULARY_NAMES = {"kinds": "type", "themes": "thème", "phases": "phase", "licences": "licence"}
MAX_KEY = 200


@dataclass
class Problem:
    """Something that stops the import; row 0 means the whole sheet (a missing column, say)."""

    row: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class ParsedRow:
    number: int
    key: str
    #: loaded by ResourceInputSchema, ready for commons.service
    data: dict
    #: schema fields the sheet gives (a re-import changes only those)
    given: set


class RowReader:
    """Reads the rows of one import: its mapping, options (default kind, licence) and taxonomy decisions."""

    def __init__(self, headers: list[str], mapping: dict, options: dict, decisions: dict, partner_id: int):
        self.columns = {field: headers.index(header) for header, field in mapping.items()
                        if field in FIELDS_BY_NAME and header in headers}
        self.headers = headers
        self.options = options
        self.partner_id = partner_id
        self.resolver = Resolver(decisions)
        self.schema = ResourceInputSchema()

    def column_name(self, field: str) -> str:
        field = {v: k for k, v in SCHEMA_FIELDS.items()}.get(field, field)
        return self.headers[self.columns[field]] if field in self.columns else ""

    def read(self, number: int, row: list[str]) -> tuple[ParsedRow | None, list[Problem]]:
        """The row loaded by the schema, or None and its problems."""
        problems: list[Problem] = []
        cells = {field: row[index] for field, index in self.columns.items()}
        data = self._raw_data(number, cells, problems)
        try:
            loaded = self.schema.load(data)
        except ValidationError as exc:
            problems.extend(self._schema_problems(number, exc.messages))
            return None, problems
        if problems:
            return None, problems
        given = {SCHEMA_FIELDS.get(field, field) for field in self.columns if field != "key"}
        return ParsedRow(number, cells.get("key", "").strip(), loaded, given), []

    def _raw_data(self, number: int, cells: dict, problems: list) -> dict:
        data: dict = {field: cells[field] for field in TEXT_FIELDS if cells.get(field)}
        data["owner_partner_id"] = self.partner_id
        data["kind_id"] = self._term(number, "kind", cells.get("kind", ""), problems) or self.options.get("kind_id")
        if data["kind_id"] is None and not problems:
            problems.append(Problem(number, self.column_name("kind"), _("Le type est obligatoire.")))
        licence = self._term(number, "licence", cells.get("licence", ""), problems)
        data["licence_id"] = licence or self.options.get("licence_id")
        for field in ("themes", "phases"):
            ids = [self._term(number, field, value, problems) for value in cell_values(cells.get(field, ""), True)]
            data[SCHEMA_FIELDS[field]] = [term_id for term_id in ids if term_id]
        data["keywords"] = cell_values(cells.get("keywords", ""), True)
        converters = {"language": language_code, "content_date": iso_date, "visibility": visibility_value}
        for field, convert in converters.items():
            if cells.get(field, "").strip():
                data[field] = convert(cells[field])
        if len(cells.get("key", "").strip()) > MAX_KEY:
            problems.append(Problem(number, self.column_name("key"), _("Clé trop longue (200 caractères au plus).")))
        return data

    def _term(self, number: int, field: str, value: str, problems: list) -> int | None:
        if not value.strip():
            return None
        vocabulary = FIELDS_BY_NAME[field].vocabulary
        term_id, known = self.resolver.resolve(vocabulary, value)
        if not known:
            problems.append(Problem(number, self.column_name(field), _(
                "Valeur inconnue « %(value)s » (%(what)s) : choisissez un terme à l'étape de la taxonomie.",
                value=value.strip(), what=VOCABULARY_NAMES[vocabulary])))
        return term_id

    def _schema_problems(self, number: int, messages: dict) -> list[Problem]:
        problems = []
        for field, value in french_errors(messages).items():
            for message in _flatten(value):
                problems.append(Problem(number, self.column_name(field) or field, message))
        return problems


def _flatten(value) -> list[str]:
    if isinstance(value, dict):
        return [message for item in value.values() for message in _flatten(item)]
    if isinstance(value, list):
        return [message for item in value for message in _flatten(item)]
    return [str(value)]
