"""From remote items to resource fields: the source's mapping, taxonomy matched by key or label."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata

import sqlalchemy as sa

from app.db import db
from commons.models import Kind, Phase, Theme, Visibility
from partners.interop.connectors import FieldChoice, RemoteItem
from partners.interop.connectors.semapps import short_label

#: mapping key of each vocabulary: (field holding the remote keys, option map, model)
VOCABULARIES = {"kind": ("kind_field", "kinds", Kind), "theme": ("theme_field", "themes", Theme),
                "phase": ("phase_field", "phases", Phase)}


def normalise(text: str) -> str:
    """Lower case, no accents, letters and digits only: `Éco-construction` → `ecoconstruction`."""
    plain = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def active_terms(model) -> list:
    return list(db.session.scalars(sa.select(model).where(model.is_retired.is_(False)).order_by(model.position)))


def auto_match(options: dict[str, str], model) -> dict[str, str]:
    """Remote option key → local slug, where a key, its label or its IRI's last segment names a local term."""
    index = {}
    for term in active_terms(model):
        for name in (term.slug, term.label, term.label_en):
            if normalise(name):
                index.setdefault(normalise(name), term.slug)
    matched = {}
    for key, label in options.items():
        for candidate in (key, label, short_label(key)):
            if normalise(candidate) in index:
                matched[key] = index[normalise(candidate)]
                break
    return matched


def complete_mapping(mapping: dict, fields: list[FieldChoice]) -> dict:
    """Fill the option maps of the chosen list fields with automatic matches, keeping choices already made."""
    by_key = {f.key: f for f in fields}
    result = dict(mapping)
    if not result.get("kind_default"):
        result["kind_default"] = default_kind({t.slug: t for t in active_terms(Kind)})
    for field_key, map_key, model in VOCABULARIES.values():
        chosen = by_key.get(result.get(field_key) or "")
        options = chosen.options if chosen else {}
        current = {k: v for k, v in (result.get(map_key) or {}).items() if k in options}
        result[map_key] = {**auto_match(options, model), **current}
    return result


#: kinds that suit an entry whose remote kind says nothing, in order of preference
NEUTRAL_KINDS = ("dossier", "outil", "methode")


def default_kind(kinds: dict) -> str:
    """A neutral kind rather than whichever comes first (a video, for a text entry, would be wrong)."""
    return next((slug for slug in NEUTRAL_KINDS if slug in kinds), next(iter(kinds)))


class Resolver:
    """Turns remote items into the data commons.service takes, with the taxonomy loaded once per run."""

    def __init__(self, source):
        self.source = source
        self.mapping = source.mapping or {}
        self.terms = {name: {t.slug: t for t in active_terms(model)} for name, (_, _, model) in VOCABULARIES.items()}

    def _slugs(self, name: str, keys: list[str]) -> list[str]:
        option_map = self.mapping.get(VOCABULARIES[name][1]) or {}
        slugs = [option_map.get(key, "") for key in keys]
        return list(dict.fromkeys(s for s in slugs if s in self.terms[name]))

    def kind_slug(self, item: RemoteItem) -> str:
        mapped = self._slugs("kind", [item.kind_key]) if item.kind_key else []
        if mapped:
            return mapped[0]
        default = self.mapping.get("kind_default")
        return default if default in self.terms["kind"] else default_kind(self.terms["kind"])

    def preview(self, item: RemoteItem) -> dict:
        """The resource fields this item gives, taxonomy as slugs (shown on pages, stored with pending changes)."""
        return {"title": item.title[:300], "summary": item.summary, "body": item.body,
                "source": (item.source or self.source.name)[:500], "authors": item.authors[:500],
                "kind": self.kind_slug(item), "themes": self._slugs("theme", item.theme_keys),
                "phases": self._slugs("phase", item.phase_keys)}

    def data(self, preview: dict) -> dict:
        """The update for commons.service (ids), JSON-serialisable so a pending change can keep it."""
        visibility = self.mapping.get("visibility") or Visibility.PUBLIC.value
        return {"title": preview["title"], "summary": preview["summary"], "body": preview["body"],
                "source": preview["source"], "authors": preview["authors"],
                "kind_id": self.terms["kind"][preview["kind"]].id,
                "theme_ids": [self.terms["theme"][s].id for s in preview["themes"]],
                "phase_ids": [self.terms["phase"][s].id for s in preview["phases"]],
                "owner_partner_id": self.source.partner_id, "visibility": visibility}


def digest(preview: dict) -> str:
    return hashlib.sha256(json.dumps(preview, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
