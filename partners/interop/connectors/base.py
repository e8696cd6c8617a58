"""What every connector gives the sync: remote items in one shape, whatever the remote system."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RemoteItem:
    """One remote entry, already read through the source's field mapping (taxonomy still as remote keys)."""

    external_id: str
    #: the remote modification stamp as written remotely
    updated: str
    title: str
    summary: str = ""
    body: str = ""
    source: str = ""
    authors: str = ""
    kind_key: str = ""
    theme_keys: list[str] = field(default_factory=list)
    phase_keys: list[str] = field(default_factory=list)
    #: False when the remote says the entry is not published (it is then treated as absent)
    is_published: bool = True


@dataclass
class Listing:
    """A complete view of the remote: every id with its stamp, and the full items the sync needs."""

    stamps: dict[str, str]
    items: dict[str, RemoteItem]


@dataclass
class FieldChoice:
    """A remote field offered on the mapping page."""

    key: str
    label: str
    #: remote option key → label, for list and checkbox fields
    options: dict[str, str] = field(default_factory=dict)


class Connector:
    """A remote system: how to read its catalogue and what can be mapped."""

    #: registry key, shown on pages
    key = ""
    label = ""

    def fields(self, source) -> list[FieldChoice]:
        """The remote fields the mapping page offers."""
        raise NotImplementedError

    def default_mapping(self, fields: list[FieldChoice]) -> dict:
        raise NotImplementedError

    def listing(self, source, known: dict[str, str]) -> Listing:
        """Every remote id and stamp, with full items for those new or changed since `known` (id → stamp)."""
        raise NotImplementedError

    def preview(self, source, limit: int = 5) -> list[RemoteItem]:
        """The first entries as the current mapping reads them."""
        raise NotImplementedError
