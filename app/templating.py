"""What every template shares: the navigation and the page head that packages fill, filters for Markdown, dates
and colours."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from flask import Flask, has_request_context
from flask_babel import format_date, format_datetime, get_locale
from flask_login import current_user
from markupsafe import Markup

from app.text import render_markdown

CSS_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class NavItem:
    label: str
    endpoint: str
    order: int
    needs_login: bool = False


@dataclass(frozen=True)
class AccountLink:
    """A shortcut on the account page, shown to the users `show(user)` accepts."""

    label: str
    endpoint: str
    order: int
    show: Callable[[object], bool]


def add_nav_item(app: Flask, label, endpoint: str, order: int, needs_login: bool = False) -> None:
    """Let a domain package put a link in the main navigation without the core knowing about it."""
    app.extensions.setdefault("terreau_nav", []).append(NavItem(label, endpoint, order, needs_login))


def add_account_link(app: Flask, label, endpoint: str, order: int, show=lambda user: True) -> None:
    """Let a domain package offer a shortcut on the account page (new resource, trash, administration…)."""
    app.extensions.setdefault("terreau_account_links", []).append(AccountLink(label, endpoint, order, show))


@dataclass(frozen=True)
class HeadLink:
    """A `<link>` in the page head, e.g. an oEmbed discovery link."""

    rel: str
    type: str
    href: str
    title: str = ""

    def __html__(self) -> str:
        return Markup('<link rel="{}" type="{}" href="{}" title="{}">').format(self.rel, self.type, self.href,
                                                                           self.title)


@dataclass(frozen=True, eq=False)
class JsonLd:
    """A JSON-LD data block in the page head (structured data for search engines; browsers never run it).

    `<`, `>` and `&` are written as JSON escapes, so no value can close the script element."""

    data: dict

    def __html__(self) -> str:
        text = json.dumps(self.data, ensure_ascii=False)
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        return f'<script type="application/ld+json">{text}</script>'


#: what a head provider returns: elements that render themselves safely (`__html__`)
HeadElement = HeadLink | JsonLd


def add_head_elements(app: Flask, provider: Callable[[], Iterable[HeadElement]]) -> None:
    """Let a package add elements to the `<head>` of the page being rendered (discovery links, structured data).

    `provider()` runs while the page's layout renders, inside the request, and returns the elements for the
    current page (none for pages it does not describe). It must check that the visitor may see what it describes:
    error pages share the layout and the endpoint of the page that failed."""
    app.extensions.setdefault("terreau_head", []).append(provider)


def head_elements(app: Flask) -> list[HeadElement]:
    """Every package's head elements for the current page, in registration order (none outside a request)."""
    if not has_request_context():
        return []
    return [element for provider in app.extensions.get("terreau_head", []) for element in provider()]


def add_header_item(app: Flask, render: Callable[[object], object]) -> None:
    """Let a domain package show something in the header for signed-in users (`render(user)`: Markup or None),
    such as a notification bell."""
    app.extensions.setdefault("terreau_header_items", []).append(render)


def css_colour(value: str | None, fallback: str = "#2f6f4e") -> str:
    """A colour safe to put in a style attribute: `#rrggbb`, else the fallback."""
    return value if value and CSS_COLOUR.match(value) else fallback


def init_templates(app: Flask) -> None:
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["css_colour"] = css_colour
    app.jinja_env.filters["date"] = lambda value, fmt="medium": format_date(value, fmt) if value else ""
    app.jinja_env.filters["datetime"] = lambda value, fmt="medium": format_datetime(value, fmt) if value else ""

    @app.context_processor
    def navigation():
        items = sorted(app.extensions.get("terreau_nav", []), key=lambda item: item.order)
        return {
            "nav_items": [item for item in items if not item.needs_login or current_user.is_authenticated],
            "current_locale": str(get_locale() or "fr"),
            "head_elements": lambda: head_elements(app),
            "header_items": lambda: [html for html in (render(current_user) for render in
                                                        app.extensions.get("terreau_header_items", []))
                                     if html] if current_user.is_authenticated else [],
            "account_links": lambda: [link for link in sorted(app.extensions.get("terreau_account_links", []),
                                                              key=lambda link: link.order)
                                      if current_user.is_authenticated and link.show(current_user)],
        }
