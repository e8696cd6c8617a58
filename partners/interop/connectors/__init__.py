"""One connector per remote system, in a registry: the sync and the pages look connectors up by key."""

from __future__ import annotations

from partners.interop.connectors.base import Connector, FieldChoice, Listing, RemoteItem
from partners.interop.connectors.http import RemoteError
from partners.interop.connectors.semapps import SemAppsConnector
from partners.interop.connectors.yeswiki import YesWikiConnector

#: connector key (stored on each source) → connector
REGISTRY: dict[str, Connector] = {connector.key: connector for connector in (YesWikiConnector(), SemAppsConnector())}


def get_connector(key: str) -> Connector:
    return REGISTRY[key]


__all__ = ["REGISTRY", "Connector", "FieldChoice", "Listing", "RemoteError", "RemoteItem", "get_connector"]
