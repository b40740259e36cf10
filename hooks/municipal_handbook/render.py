"""The one renderer of generated pages: Jinja templates in, Markdown with HTML out.

Every value a template prints is escaped unless it is marked safe (links built
here, contributors' Markdown bodies, the output of template macros), so contributor
text is shown as text on every page: no HTML, no Markdown syntax and no template
syntax in it takes effect. `finalize` applies the stricter Markdown-aware escape
first; Jinja's autoescape then leaves the result alone and keeps macro output intact.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Callable

from babel import Locale
from babel.dates import format_date, format_interval
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .handbook import Handbook
from .model import Case

# Characters that mean something to HTML, Markdown, its extensions or Jinja.
_ESCAPES = {ord(c): f"&#{ord(c)};" for c in "&<>\"'\\`*_[]{}|#~^=:$%"}
_LOCALE = Locale("de")


def escape(value) -> Markup:
    """Text that shows literally whether it lands in Markdown, HTML or an attribute."""
    if isinstance(value, Markup):
        return value
    return Markup(str(value).translate(_ESCAPES))


def country_name(code: str) -> str:
    return _LOCALE.territories.get(code, code)


def by_country_name(codes) -> list[str]:
    """Country codes in the alphabetical order of their German names (Ägypten under A)."""
    def key(code: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", country_name(code).casefold())
                       if not unicodedata.combining(c))
    return sorted(codes, key=key)


def place(case: Case) -> str:
    if case.location.online:
        return "online"
    return f"{case.location.city}, {country_name(case.location.country)}"


def when(case: Case) -> str:
    """The dates as precisely as the source gives them, in German."""
    pattern = {"day": "d. MMMM y", "month": "MMMM y", "year": "y"}[case.date_precision]
    if not case.end_date or case.end_date == case.date:
        return format_date(case.date, pattern, locale=_LOCALE)
    if case.date_precision != "day":
        return (f"{format_date(case.date, pattern, locale=_LOCALE)} – "
                f"{format_date(case.end_date, pattern, locale=_LOCALE)}")
    return format_interval(case.date, case.end_date, "yMMMMd", locale=_LOCALE)


def number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _memo(function: Callable[[Case], str]) -> Callable[[Case], str]:
    """Once per case and renderer: a case shows up in several lists (formatting dates is slow)."""
    results: dict[Case, str] = {}

    def memo(case: Case) -> str:
        found = results.get(case)
        if found is None:
            found = results[case] = function(case)
        return found

    return memo


class Renderer:
    """Renders the templates for one handbook; `url` maps a page path to a link from the current page."""

    def __init__(self, handbook: Handbook, templates: Path | None = None):
        self.handbook = handbook
        self.environment = Environment(
            loader=FileSystemLoader(str(templates or Path(__file__).parent / "templates")),
            finalize=escape, autoescape=True, undefined=StrictUndefined,
            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        )
        self.environment.globals.update(
            handbook=handbook, taxonomy=handbook.taxonomy, place=_memo(place), when=_memo(when),
            number=number, country_name=country_name, by_country_name=by_country_name, safe=Markup,
        )

    def render(self, template: str, url: Callable[[str], str], **context) -> str:
        hrefs: dict[str, Markup] = {}  # index pages link the same targets thousands of times

        def link(path: str, fragment: str = "") -> Markup:
            href = hrefs.get(path)
            if href is None:
                href = hrefs[path] = Markup(url(path))
            return href + ("#" + fragment if fragment else "")

        def term_links(keys, vocabulary) -> Markup:
            return Markup(", ").join(Markup('<a href="{}">{}</a>').format(link(vocabulary[key].page_path),
                                                                        escape(vocabulary[key].de))
                                     for key in keys)

        return self.environment.get_template(template).render(url=link, term_links=term_links, **context)
