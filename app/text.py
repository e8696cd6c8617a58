"""Markdown to safe HTML: markdown-it renders, nh3 (Ammonia) keeps only harmless tags and attributes."""

from __future__ import annotations

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "th": {"align"}, "td": {"align"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


def sanitise_html(html: str) -> str:
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=ALLOWED_SCHEMES,
                     link_rel="noopener noreferrer nofollow")


def render_markdown(source: str | None) -> Markup:
    """Render user Markdown to HTML that is safe to insert in a page."""
    if not source:
        return Markup("")
    if len(source) > CACHED_TEXT_MAX_CHARS:
        return _rendered.__wrapped__(source)
    return _rendered(source)


#: texts whose HTML each process keeps: the bodies and introductions read most (a step's resource is shown to
#: every learner of the course)
RENDERED_CACHE_SIZE = 512
#: longer texts are rendered each time, so the cache holds at most about 8 million characters per process
#: (512 texts and their HTML, 8,000 characters each or a little more), whatever the commons holds
CACHED_TEXT_MAX_CHARS = 8_000


@lru_cache(maxsize=RENDERED_CACHE_SIZE)
def _rendered(source: str) -> Markup:
    """The safe HTML of `source`, kept by the text itself: the same text always renders the same, so an edit,
    which changes the text, is never served stale, in any process."""
    return Markup(sanitise_html(_markdown.render(source)))  # noqa: S704 - sanitised just above


def plain_text(source: str | None) -> str:
    """The text of a Markdown source without any markup (for excerpts and indexes)."""
    if not source:
        return ""
    return nh3.clean(_markdown.render(source), tags=set()).strip()
