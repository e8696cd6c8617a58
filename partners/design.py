"""A partner's design as data: colours checked for WCAG AA contrast, typefaces from a bundled set, CSS variables.

A design is a set of CSS custom properties laid over the base stylesheet (design.md: "a partner's design is a
set of variables, never a fork of templates"); nothing here writes CSS from free text, only from validated
`#rrggbb` colours and the keys of `TYPEFACES`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.i18n import N_

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


# Contrast (WCAG 2.x) ------------------------------------------------------------------------------------------

def _channel(value: int) -> float:
    srgb = value / 255
    return srgb / 12.92 if srgb <= 0.03928 else ((srgb + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """Relative luminance of a `#rrggbb` colour, as WCAG defines it."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two colours, from 1 (same) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@dataclass(frozen=True)
class ColourPair:
    """Two colours of the design shown one on the other, and the AA ratio they need."""

    foreground: str  #: field name of the text colour
    background: str  #: field name of the colour behind it
    minimum: float  #: 4.5 for body text and links, 3 for large text and interface parts
    label: str  #: what the pair is, for the message (translated where shown)


#: the pairs a design must pass (WCAG 2.1 AA: 1.4.3 text, 1.4.11 non-text contrast)
COLOUR_PAIRS = (
    ColourPair("text_colour", "background_colour", 4.5, N_("le texte sur le fond de page")),
    ColourPair("primary_colour", "background_colour", 4.5, N_("les liens (couleur principale) sur le fond de page")),
    ColourPair("on_primary_colour", "primary_colour", 4.5,
               N_("le texte de l'en-tête et des boutons sur la couleur principale")),
    ColourPair("accent_colour", "background_colour", 3.0,
               N_("la couleur d'accent (filets, titres de section) sur le fond de page")),
)

#: colour fields of a design and their defaults (Terreau's own design)
COLOUR_DEFAULTS = {
    "primary_colour": "#2f6f4e",
    "accent_colour": "#8a5a00",
    "background_colour": "#f6f1e7",
    "text_colour": "#1f2421",
    "on_primary_colour": "#ffffff",
}


@dataclass(frozen=True)
class ContrastFailure:
    pair: ColourPair
    ratio: float


def contrast_failures(colours: dict[str, str]) -> list[ContrastFailure]:
    """The pairs of `colours` (field → `#rrggbb`) below their AA minimum; pairs with a missing colour are skipped."""
    failures = []
    for pair in COLOUR_PAIRS:
        foreground, background = colours.get(pair.foreground), colours.get(pair.background)
        if not (foreground and background and HEX_COLOUR.match(foreground) and HEX_COLOUR.match(background)):
            continue
        ratio = contrast_ratio(foreground, background)
        if ratio < pair.minimum:
            failures.append(ContrastFailure(pair, ratio))
    return failures


# Typefaces ----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Typeface:
    """A typeface partners may choose: a vendored web font (files under static/vendor/fonts) or a system stack."""

    key: str
    label: str
    stack: str  #: the CSS font-family value
    folder: str | None = None  #: vendored files under static/vendor/fonts/<folder>/, None for a system stack
    family: str | None = None  #: @font-face family name of the vendored files


SYSTEM_SANS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
TYPEFACES: dict[str, Typeface] = {typeface.key: typeface for typeface in (
    Typeface("systeme", N_("Sans empattement du système (par défaut)"), SYSTEM_SANS),
    Typeface("atkinson", N_("Atkinson Hyperlegible (très lisible)"), f'"Atkinson Hyperlegible", {SYSTEM_SANS}',
             "atkinson-hyperlegible", "Atkinson Hyperlegible"),
    Typeface("fira", N_("Fira Sans (humaniste)"), f'"Fira Sans", {SYSTEM_SANS}', "fira-sans", "Fira Sans"),
    Typeface("lora", N_("Lora (à empattements, chaleureuse)"), 'Lora, Georgia, "Times New Roman", serif',
             "lora", "Lora"),
    Typeface("serif-systeme", N_("À empattements du système"), 'Georgia, "Times New Roman", Times, serif'),
)}
DEFAULT_TYPEFACE = "systeme"

#: unicode ranges of the two subsets vendored per family (from the fontsource packages)
FONT_SUBSETS = {
    "latin": "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,"
             "U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD",
    "latin-ext": "U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,"
                 "U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF",
}
FONT_WEIGHTS = (400, 700)


def typeface(key: str | None) -> Typeface:
    return TYPEFACES.get(key or "", TYPEFACES[DEFAULT_TYPEFACE])


def font_faces(chosen: Typeface, static_url) -> str:
    """@font-face rules for a vendored typeface (empty for a system stack); `static_url(path)` builds URLs."""
    if chosen.folder is None:
        return ""
    rules = []
    for subset, ranges in FONT_SUBSETS.items():
        for weight in FONT_WEIGHTS:
            url = static_url(f"vendor/fonts/{chosen.folder}/{chosen.folder}-{subset}-{weight}-normal.woff2")
            rules.append(f"@font-face{{font-family:'{chosen.family}';font-style:normal;font-display:swap;"
                         f"font-weight:{weight};src:url({url}) format('woff2');unicode-range:{ranges};}}")
    return "\n".join(rules)


def css_variables(colours: dict[str, str], chosen: Typeface) -> str:
    """The custom properties of a design, for a `:root` rule. Every value was validated before it got here."""
    safe = {name: value if HEX_COLOUR.match(value or "") else COLOUR_DEFAULTS[name]
            for name, value in ((name, colours.get(name)) for name in COLOUR_DEFAULTS)}
    declarations = {
        "--partner-primary": safe["primary_colour"], "--partner-accent": safe["accent_colour"],
        "--partner-background": safe["background_colour"], "--partner-text": safe["text_colour"],
        "--partner-on-primary": safe["on_primary_colour"], "--partner-font": chosen.stack,
    }
    return ";".join(f"{name}:{value}" for name, value in declarations.items())
