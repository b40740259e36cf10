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

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .handbook import Handbook
from .i18n import Language, language as load_language
from .model import Case, Term
from .pictures import cities, city_key, shade_ranges, timeline, world_map
from .sanitiser import BODY_END, BODY_START
from .weblinks import link_addresses

# Characters that mean something to HTML, Markdown, its extensions or Jinja.
_ESCAPES = {ord(c): f"&#{ord(c)};" for c in "&<>\"'\\`*_[]{}|#~^=:$%"}


def escape(value) -> Markup:
    """Text that shows literally whether it lands in Markdown, HTML or an attribute."""
    if isinstance(value, Markup):
        return value
    return Markup(str(value).translate(_ESCAPES))


def contributed(body: str) -> Markup:
    """A contributor's Markdown body, between the markers that tell the sanitiser where it is;
    addresses written out in it (source lists) become links."""
    return Markup(f"{BODY_START}\n\n{link_addresses(body)}\n\n{BODY_END}")


class Formats:
    """Dates, places, numbers and labels in one language (its catalogue and Babel locale)."""

    def __init__(self, language: Language):
        self.language = language
        self.locale = language.locale

    def country_name(self, code: str) -> str:
        return self.locale.territories.get(code, code)

    def by_country_name(self, codes) -> list[str]:
        """Country codes in the alphabetical order of their names (Ägypten under A)."""
        def key(code: str) -> str:
            return "".join(c for c in unicodedata.normalize("NFKD", self.country_name(code).casefold())
                           if not unicodedata.combining(c))
        return sorted(codes, key=key)

    def place(self, case: Case) -> str:
        if case.location.online:
            return self.language.gettext("online")
        return f"{case.location.city}, {self.country_name(case.location.country)}"

    def when(self, case: Case) -> str:
        """The dates as precisely as the source gives them."""
        if not case.end_date or case.end_date == case.date:
            return self._date(case.date, case.date_precision)
        if case.date_precision != "day":
            return f"{self._date(case.date, case.date_precision)} – {self._date(case.end_date, case.date_precision)}"
        # Babel's interval formats abbreviate months ("6.–8. Dez. 2022") where single dates spell
        # them out; a range is the long start date without what it shares with the long end:
        # "6.–8. Dezember 2022", "30. Oktober – 2. November 2023".
        start, end = self._date(case.date, "day").split(" "), self._date(case.end_date, "day")
        shared = 0
        for word, other in zip(reversed(start), reversed(end.split(" "))):
            if word != other:
                break
            shared += 1
        if shared == len(start) - 1:
            return f"{start[0]}–{end}"
        return f"{' '.join(start[:len(start) - shared])} – {end}"

    def _date(self, date, precision: str) -> str:
        if precision == "day":
            return format_date(date, "long", locale=self.locale)
        return format_skeleton({"month": "yMMMM", "year": "y"}[precision], date, locale=self.locale)

    def number(self, value: int) -> str:
        return format_decimal(value, locale=self.locale)

    def label(self, term: Term) -> str:
        """A taxonomy term's name in this language."""
        return getattr(term, self.language.code)


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

    def __init__(self, handbook: Handbook, language: str = "de", templates: Path | None = None):
        self.handbook = handbook
        self.language = load_language(language)
        self.formats = formats = Formats(self.language)
        self.environment = Environment(
            loader=FileSystemLoader(str(templates or Path(__file__).parent / "templates")),
            finalize=escape, autoescape=True, undefined=StrictUndefined,
            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
            extensions=["jinja2.ext.i18n"],
        )
        # Jinja's i18n extension calls these for `_()`, `ngettext()` and `{% trans %}`; new-style,
        # the callables fill in the variables themselves, escaped here like every other value.
        self.environment.newstyle_gettext = True
        self.environment.globals.update(
            gettext=self._gettext, ngettext=self._ngettext,
            handbook=handbook, taxonomy=handbook.taxonomy, place=_memo(formats.place),
            when=_memo(formats.when), number=formats.number, country_name=formats.country_name,
            by_country_name=formats.by_country_name, label=formats.label, lang=self.language.code, contributed=contributed,
            city_key=city_key, shade_ranges=shade_ranges, cities=cities, world_map_of=world_map, timeline_of=timeline,
        )

    def _fill(self, message: str, variables: dict) -> Markup:
        """A translated message (trusted, may hold markup) with its values escaped; whole
        numbers are formatted for the locale."""
        values = {name: self.formats.number(value) if isinstance(value, int) and not isinstance(value, bool)
                  else escape(value) for name, value in variables.items()}
        return Markup(message) % values

    def _gettext(self, message: str, **variables) -> Markup:
        return self._fill(self.language.gettext(message), variables)

    def _ngettext(self, singular: str, plural: str, n: int, **variables) -> Markup:
        variables.setdefault("num", n)
        return self._fill(self.language.ngettext(singular, plural, n), variables)

    def render(self, template: str, url: Callable[[str], str], **context) -> str:
        hrefs: dict[str, Markup] = {}  # index pages link the same targets thousands of times

        def link(path: str, fragment: str = "") -> Markup:
            href = hrefs.get(path)
            if href is None:
                href = hrefs[path] = Markup(url(path))
            return href + ("#" + fragment if fragment else "")

        def term_links(keys, vocabulary) -> Markup:
            return Markup(", ").join(Markup('<a href="{}">{}</a>').format(link(vocabulary[key].page_path),
                                                                        escape(self.formats.label(vocabulary[key])))
                                     for key in keys)

        return self.environment.get_template(template).render(url=link, term_links=term_links, **context)
