"""Collectives: addressing criteria, listing filters, CSV import with a validation report."""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _
from marshmallow import ValidationError

from app.accounts.models import Partner
from app.db import db
from commons.models import Phase
from observatory.models import (
    KIND_LABELS,
    WORK_LABELS,
    Collective,
    collective_networks,
)

#: the criteria a survey can be addressed by, and the filters of the collectives list
CRITERIA = ("kinds", "phases", "departements", "networks")


def criteria_filter(criteria: dict) -> list[sa.ColumnElement[bool]]:
    """SQL conditions for `criteria`: within a criterion any value matches, across criteria all must."""
    conditions = []
    if criteria.get("kinds"):
        conditions.append(Collective.kind.in_(criteria["kinds"]))
    if criteria.get("phases"):
        conditions.append(Collective.phase_id.in_(sa.select(Phase.id).where(Phase.slug.in_(criteria["phases"]))))
    if criteria.get("departements"):
        conditions.append(Collective.departement.in_(criteria["departements"]))
    if criteria.get("networks"):
        in_network = (sa.select(collective_networks.c.collective_id)
                      .join(Partner, Partner.id == collective_networks.c.partner_id)
                      .where(Partner.slug.in_(criteria["networks"])))
        conditions.append(Collective.id.in_(in_network))
    return conditions


def matching_collectives(criteria: dict) -> list[Collective]:
    """Every collective matching the criteria (listed or not: addressing is the committee's work)."""
    query = sa.select(Collective).where(*criteria_filter(criteria)).order_by(Collective.name)
    return list(db.session.scalars(query))


def list_collectives(user, criteria: dict) -> list[Collective]:
    query = (sa.select(Collective).where(Collective.visible_to(user), *criteria_filter(criteria))
             .order_by(Collective.departement, Collective.name))
    return list(db.session.scalars(query))


# CSV import ---------------------------------------------------------------------------------------------------

CSV_COLUMNS = ("nom", "reseaux", "commune", "departement", "latitude", "longitude", "type", "phase", "foyers",
               "travaux", "materiaux", "annee_creation", "contact_nom", "contact_email", "contact_telephone",
               "public")
REQUIRED_COLUMNS = ("nom", "commune", "departement", "type", "phase")


@dataclass
class ImportReport:
    """What an import found: the rows it would create or update, and the errors by line number."""

    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(char for char in text if not unicodedata.combining(char))


def _choice(value: str, labels: dict, what: str):
    """An enum member from its code or its French label, accents and case ignored."""
    folded = _fold(value)
    for member, label in labels.items():
        if folded in (member.value, _fold(label)):
            return member
    raise ValueError(_("%(what)s inconnu : « %(value)s »", what=what, value=value))


def _number(value: str, kind, what: str, low=None, high=None):
    try:
        number = kind(value.replace(",", ".")) if kind is float else kind(value)
    except ValueError:
        raise ValueError(_("%(what)s n'est pas un nombre : « %(value)s »", what=what, value=value)) from None
    if (low is not None and number < low) or (high is not None and number > high):
        raise ValueError(_("%(what)s hors des limites : %(value)s", what=what, value=value))
    return number


def _phase(value: str, phases: dict[str, Phase]) -> Phase:
    phase = phases.get(_fold(value))
    if phase is None:
        raise ValueError(_("%(what)s inconnu : « %(value)s »", what=_("Phase"), value=value))
    return phase


def _parse_row(row: dict, partners: dict[str, Partner], phases: dict[str, Phase]) -> dict:
    """A CSV row as collective fields; ValueError with every problem of the row joined."""
    problems, data = [], {}

    def take(key, parse):
        raw = (row.get(key) or "").strip()
        if not raw:
            if key in REQUIRED_COLUMNS:
                problems.append(_("colonne « %(column)s » vide", column=key))
            return
        try:
            data[key] = parse(raw)
        except ValueError as exc:
            problems.append(str(exc))

    take("nom", lambda v: v[:200])
    take("commune", lambda v: v[:120])
    take("departement", _departement)
    take("type", lambda v: _choice(v, KIND_LABELS, _("Type de projet")))
    take("phase", lambda v: _phase(v, phases))
    take("travaux", lambda v: _choice(v, WORK_LABELS, _("Type de travaux")))
    take("foyers", lambda v: _number(v, int, _("Le nombre de foyers"), 1, 10000))
    take("annee_creation", lambda v: _number(v, int, _("L'année de création"), 1900, 2100))
    take("latitude", lambda v: _number(v, float, _("La latitude"), -90, 90))
    take("longitude", lambda v: _number(v, float, _("La longitude"), -180, 180))
    take("contact_email", _email)
    take("reseaux", lambda v: _networks(v, partners))
    take("public", _yes_no)
    for key in ("materiaux", "contact_nom", "contact_telephone"):
        take(key, lambda v: v[:300])
    if problems:
        raise ValueError(" ; ".join(problems))
    return data


def _departement(value: str) -> str:
    code = value.strip().upper()
    if code.isdigit() and len(code) == 1:
        code = "0" + code
    valid = (code.isdigit() and (1 <= int(code) <= 95 and len(code) == 2 or 971 <= int(code) <= 976)) \
        or code in {"2A", "2B"}
    if not valid:
        raise ValueError(_("Département inconnu : « %(value)s »", value=value))
    return code


def _email(value: str) -> str:
    if "@" not in value or " " in value or len(value) > 320:
        raise ValueError(_("Adresse e-mail invalide : « %(value)s »", value=value))
    return value.lower()


def _yes_no(value: str) -> bool:
    folded = _fold(value)
    if folded in {"oui", "yes", "1", "vrai", "true"}:
        return True
    if folded in {"non", "no", "0", "faux", "false"}:
        return False
    raise ValueError(_("« public » attend oui ou non, pas « %(value)s »", value=value))


def _networks(value: str, partners: dict[str, Partner]) -> list[Partner]:
    found = []
    for part in value.replace("|", ",").replace(";", ",").split(","):
        key = _fold(part)
        if not key:
            continue
        if key not in partners:
            raise ValueError(_("Réseau inconnu : « %(value)s »", value=part.strip()))
        found.append(partners[key])
    return found


FIELD_OF_COLUMN = {"nom": "name", "commune": "commune", "departement": "departement", "type": "kind",
                   "phase": "phase", "travaux": "building_work", "foyers": "households",
                   "annee_creation": "year_founded", "latitude": "latitude", "longitude": "longitude",
                   "contact_email": "contact_email", "reseaux": "networks", "public": "is_listed",
                   "materiaux": "materials", "contact_nom": "contact_name", "contact_telephone": "contact_phone"}


def import_collectives_csv(content: bytes, validate_only: bool = False) -> ImportReport:
    """Check every row; write them all (created or updated by name and commune) only if none is wrong."""
    report = ImportReport()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        report.errors.append((1, _("Le fichier n'est pas encodé en UTF-8.")))
        return report
    sample = text[:2048]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [_fold(name or "") for name in (reader.fieldnames or [])]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        report.errors.append((1, _("Colonnes manquantes : %(columns)s", columns=", ".join(missing))))
        return report
    reader.fieldnames = header
    partners = {}
    for partner in db.session.scalars(sa.select(Partner)):
        partners[_fold(partner.slug)] = partners[_fold(partner.short_name)] = partner
    phases = {}
    for phase in db.session.scalars(sa.select(Phase)):
        phases[_fold(phase.slug)] = phases[_fold(phase.label)] = phases[_fold(phase.label_en or phase.slug)] = phase
    parsed: list[tuple[int, dict]] = []
    seen: dict[tuple[str, str], int] = {}
    for row in reader:
        line = reader.line_num
        try:
            data = _parse_row(row, partners, phases)
        except ValueError as exc:
            report.errors.append((line, str(exc)))
            continue
        key = (data["nom"], data["commune"])
        if key in seen:
            report.errors.append((line, _("Doublon de la ligne %(line)s", line=seen[key])))
            continue
        seen[key] = line
        parsed.append((line, data))
    existing = {(c.name, c.commune): c for c in db.session.scalars(sa.select(Collective))}
    for _line, data in parsed:
        if (data["nom"], data["commune"]) in existing:
            report.updated += 1
        else:
            report.created += 1
    if validate_only or report.errors:
        return report
    for _line, data in parsed:
        collective = existing.get((data["nom"], data["commune"]))
        if collective is None:
            collective = Collective()
            db.session.add(collective)
        for column, value in data.items():
            setattr(collective, FIELD_OF_COLUMN[column], value)
    db.session.flush()
    report.written = True
    return report


def export_template() -> str:
    """An empty CSV with the expected header, for people preparing an import."""
    return ",".join(CSV_COLUMNS) + "\n"


def check_criteria(criteria: dict) -> dict:
    """Criteria cleaned to known keys and string lists; ValidationError on anything else."""
    cleaned = {}
    for key, values in (criteria or {}).items():
        if key not in CRITERIA:
            raise ValidationError({key: [_("Critère inconnu.")]})
        cleaned[key] = sorted({str(v) for v in values if str(v)})
    return cleaned
