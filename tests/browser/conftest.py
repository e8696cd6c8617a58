"""Browser journeys: every test here is marked `browser`; the fixtures are tests/browser_fixtures.py's."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
