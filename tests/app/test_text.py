"""Markdown rendering: safe HTML, kept by each process per text, never stale after an edit."""

from __future__ import annotations

from app import text
from app.text import render_markdown


def test_markdown_is_rendered_and_sanitised():
    html = render_markdown("**gras** <script>alert(1)</script> [lien](javascript:alert(1))")
    assert "<strong>gras</strong>" in html
    assert "<script" not in html and "href=\"javascript:" not in html


def test_the_same_text_is_rendered_once():
    text._rendered.cache_clear()
    first = render_markdown("Une *étape* du parcours")
    again = render_markdown("Une *étape* du parcours")
    assert again == first
    assert text._rendered.cache_info().hits == 1


def test_an_edited_text_renders_anew():
    """The cache is keyed by the text itself: an edit gives a new key, in every process alike."""
    text._rendered.cache_clear()
    assert "<em>avant</em>" in render_markdown("*avant*")
    edited = render_markdown("*après*")
    assert "<em>après</em>" in edited and "avant" not in edited
    assert text._rendered.cache_info().misses == 2


def test_a_long_text_is_rendered_but_not_kept():
    """The cache's memory is bounded: a text beyond the limit is rendered each time, not kept."""
    text._rendered.cache_clear()
    long_text = "Un *long* dossier. " * (text.CACHED_TEXT_MAX_CHARS // 10)
    assert render_markdown(long_text).count("<em>long</em>") == text.CACHED_TEXT_MAX_CHARS // 10
    render_markdown(long_text)
    assert text._rendered.cache_info().currsize == 0


def test_empty_text_renders_nothing():
    assert render_markdown(None) == "" and render_markdown("") == ""
