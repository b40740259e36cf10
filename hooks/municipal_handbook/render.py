"""The one renderer of generated pages: Jinja templates in, Markdown with HTML out.

Every value a template prints is escaped unless it is marked safe (links built
here, contributors' Markdown bodies, the output of template macros), so contributor
text is shown as text on every page: no HTML, no Markdown syntax and no template
syntax in it takes effect. `finalize` applies the stricter Markdown-aware escape
first; Jinja's autoescape then leaves the result alone and keeps macro output intact.
"""
from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markdown.util import BLOCK_LEVEL_ELEMENTS
from markupsafe import Markup

from .case_data import CASES_SCRIPT
from .geography import city_names
from .handbook import Handbook
from .i18n import Language, language as load_language, languages
from .model import CARD_DECK, Case, Term
from .pictures import cities, city_key, shade_ranges, timeline, world_map
from .sanitiser import BODY_END, BODY_START
from .weblinks import link_addresses

_FULL_MONTH = re.compile(r"(?<!M)MMM(?!M)")
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


_BLOCK_START = re.compile(r"<([a-z][a-z0-9]*)[\s>]")
_BLOCK_TAGS = frozenset(BLOCK_LEVEL_ELEMENTS)
_MARKDOWN_INSIDE = re.compile(r"<[a-z][^>]*\smarkdown[\s=>]")
_VOID_TAGS = frozenset({"hr"})  # never closed: such a block stays Markdown's


@dataclass
class GeneratedPage:
    """A generated page as Markdown in which each block of generated HTML is a placeholder
    paragraph: Python-Markdown passes such blocks through unchanged, but parsing them is most of
    what it costs on long lists; `fill` puts them into the converted HTML instead."""
    markdown: str
    blocks: dict[str, str]
    prefix: str

    def fill(self, html: str) -> str:
        if not self.blocks:
            return html
        return re.sub(rf"<p>({re.escape(self.prefix)}\d+)</p>", lambda found: self.blocks[found.group(1)], html)

    def filled_markdown(self) -> str:
        """The page's Markdown with its HTML blocks in place (what it was before they were set aside)."""
        return re.sub(rf"{re.escape(self.prefix)}\d+", lambda found: self.blocks[found.group(0)], self.markdown)


def set_aside_html(markdown: str, prefix: str) -> GeneratedPage:
    """Replace every top-level run of generated Markdown that Python-Markdown would pass through
    verbatim (whole HTML elements with block-level tags, each opened at a line's start and closed
    at a line's end) by a placeholder. Contributed bodies and elements whose content is Markdown
    (`markdown` attribute) stay Markdown's to parse."""
    chunks = markdown.split("\n\n")
    out, blocks = [], {}
    i = 0
    while i < len(chunks):
        end = _verbatim_run(chunks, i)
        if end:
            token = f"{prefix}{len(blocks)}"
            run = "\n\n".join(chunks[i:end])
            blocks[token] = run.strip("\n")
            out.append(run.replace(blocks[token], token, 1))
            i = end
        else:
            end = _parsed_run(chunks, i)
            out.extend(chunks[i:end])
            i = end
    return GeneratedPage("\n\n".join(out), blocks, prefix)


def _verbatim_run(chunks: list[str], start: int) -> int | None:
    """Where the whole HTML elements beginning at chunks[start] end (an index), if they do."""
    tag, depth = None, 0
    for index in range(start, len(chunks)):
        chunk = chunks[index].strip("\n")
        if BODY_START in chunk or _MARKDOWN_INSIDE.search(chunk):
            return None
        for line in chunk.split("\n"):
            if tag is None:
                tag = _block_start(line)
                if tag is None:
                    return None
            depth += _balance(line, tag)
            if depth <= 0:
                if depth < 0 or not line.rstrip().endswith(f"</{tag}>"):
                    return None
                tag = None
        if tag is None:
            return index + 1
    return None


def _parsed_run(chunks: list[str], start: int) -> int:
    """Where the chunks Markdown must parse end: a contributed body to its end marker, an element
    opened in chunks[start] (one with Markdown inside, say) to its end, else the one chunk."""
    if BODY_START in chunks[start]:
        return next((i + 1 for i in range(start, len(chunks)) if BODY_END in chunks[i]), len(chunks))
    tag = _block_start(chunks[start].strip("\n"))
    depth = _balance(chunks[start], tag) if tag else 0
    index = start + 1
    while depth > 0 and index < len(chunks):
        depth += _balance(chunks[index], tag)
        index += 1
    return index


def _block_start(line: str) -> str | None:
    """The block-level tag a line opens an HTML block with, if any."""
    start = _BLOCK_START.match(line)
    return start.group(1) if start and start.group(1) in _BLOCK_TAGS else None


def _balance(html: str, tag: str) -> int:
    """How many more `tag` elements the text opens than it closes."""
    if tag in _VOID_TAGS:
        return 0
    return len(re.findall(rf"<{tag}[\s>]", html)) - html.count(f"</{tag}>")


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

    def city_name(self, country: str | None, city: str) -> str:
        """A city's name in this language where it has one (Köln is Cologne in English), else as written."""
        return city_names().get((country, city), {}).get(self.language.code, city)

    def place(self, case: Case) -> str:
        if case.location.online:
            return self.language.gettext("online")
        return f"{self.city_name(case.location.country, case.location.city)}, {self.country_name(case.location.country)}"

    def when(self, case: Case) -> str:
        """The dates as precisely as the source gives them."""
        if not case.end_date or case.end_date == case.date:
            return self._date(case.date, case.date_precision)
        if case.date_precision != "day":
            return f"{self._date(case.date, case.date_precision)} – {self._date(case.end_date, case.date_precision)}"
        return self._day_range(case.date, case.end_date)

    def _day_range(self, start, end) -> str:
        """"14.–16. November 2017", "14–16 November 2017": the locale's range pattern with the
        month written out, as in single dates (CLDR has ranges with abbreviated months only)."""
        greatest = "y" if start.year != end.year else "M" if start.month != end.month else "d"
        first, second = self.locale.interval_formats["yMMMd"][greatest]
        return "".join(format_date(day, _FULL_MONTH.sub("MMMM", part), locale=self.locale)
                       for day, part in ((start, first), (end, second))).replace("\u2009", " ")

    def _date(self, date, precision: str) -> str:
        if precision == "day":
            return format_date(date, "long", locale=self.locale)
        return format_skeleton({"month": "yMMMM", "year": "y"}[precision], date, locale=self.locale)

    def number(self, value: int) -> str:
        return format_decimal(value, locale=self.locale)

    def label(self, term: Term) -> str:
        """A taxonomy term's name in this language."""
        return term.label_in(self.language.code)

    def other_labels(self, term: Term, brackets: bool = False) -> Markup:
        """The term's names in the other languages (where they differ), each marked with its language."""
        shape = Markup('<span lang="{}">({})</span>' if brackets else '<span lang="{}">{}</span>')
        return Markup(", ").join(shape.format(code, escape(term.label_in(code)))
                                 for code in languages()
                                 if term.label_in(code) not in (None, self.label(term)))

    def describe(self, term: Term) -> Markup:
        """A term's description in this language, or the German original marked as German."""
        own = term.description_in(self.language.code)
        return escape(own) if own else Markup('<span lang="de">{}</span>').format(escape(term.description))

    def language_name(self, code: str) -> str:
        return self.locale.languages.get(code, code)


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

    def __init__(self, handbook: Handbook, language: str = "de", templates: Path | None = None, pictures: bool = True):
        self.handbook = handbook
        self.language = load_language(language)
        self.formats = formats = Formats(self.language)
        self._placeholder = f"hb-html-{secrets.token_hex(8)}-"  # one contributors cannot write (GeneratedPage)
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
            when=_memo(formats.when), number=formats.number, country_name=formats.country_name, city_name=formats.city_name,
            by_country_name=formats.by_country_name, label=formats.label, other_labels=formats.other_labels,
            describe=formats.describe, language_name=formats.language_name, lang_of=self._lang_of, fact_words=self._fact_words,
            in_language_of=self._in_language_of,
            untranslated=self._untranslated, lang=self.language.code, languages=languages(), contributed=contributed,
            city_key=city_key, shade_ranges=shade_ranges, cities=cities, world_map_of=world_map, timeline_of=timeline,
            CASES_SCRIPT=CASES_SCRIPT,
            card_deck=CARD_DECK,
            pictures=pictures,  # map, timelines and method cards (off: pictures.PICTURES_SETTING)
        )

    def _lang_of(self, item) -> Markup:
        """` lang="de"` on what shows a case's or method's text in another language than the page's."""
        return Markup(' lang="{}"').format(item.language) if item.language != self.language.code else Markup()

    def _in_language_of(self, item, text: str) -> Markup:
        """A case's or method's words inside a message, marked with their language if it differs."""
        if item.language == self.language.code:
            return escape(text)
        return Markup('<span lang="{}">{}</span>').format(item.language, escape(text))

    def _fact_words(self, item, field: str, value: str) -> Markup:
        """The wording of a fact (a participant group's name, a method's duration or group size) in
        this edition: its translation's wording, else the original's, marked with its language."""
        original = self.handbook.original_languages.get(item.source_path, item.language)
        translation = self.handbook.translation(item, self.language.code)
        wording = translation.wording(field, value) if translation else None
        if wording or original == self.language.code:
            return escape(wording or value)
        return Markup('<span lang="{}">{}</span>').format(original, escape(value))

    def _untranslated(self, item) -> Markup:
        """A visible mark after the title of an entry whose text is in another language."""
        if item.language == self.language.code:
            return Markup()
        return Markup(' <span class="hb-lang">{}</span>').format(
            self._fill(self.language.gettext("(in %(language)s)"), {"language": self.formats.language_name(item.language)}))

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

    def untranslated_page(self, markdown: str, language: str, url: Callable[[str], str]) -> str:
        """An editorial page (trusted Markdown) shown in its original language, under a notice."""
        return self.render("snippets/untranslated_page.md.j2", url=url, language=language, markdown=Markup(markdown))

    def render(self, template: str, url: Callable[[str], str], **context) -> str:
        hrefs: dict[str, Markup] = {}  # index pages link the same targets thousands of times

        def link(path: str, fragment: str = "") -> Markup:
            href = hrefs.get(path)
            if href is None:
                href = hrefs[path] = Markup(url(path))
            return href + ("#" + fragment if fragment else "")

        items: dict[tuple, Markup] = {}  # a case is linked from many rows of one page

        def item_link(item, strong: bool = False) -> Markup:
            """A case or method by its title, marked with its language where that differs."""
            found = items.get((item, strong))
            if found is None:
                title = Markup("<strong>{}</strong>").format(escape(item.title)) if strong else escape(item.title)
                found = items[item, strong] = Markup('<a href="{}"{}>{}</a>{}').format(
                    link(item.page_path), self._lang_of(item), title, self._untranslated(item))
            return found

        def item_links(entries) -> Markup:
            return Markup(", ").join(map(item_link, entries))

        def term_links(keys, vocabulary) -> Markup:
            return Markup(", ").join(Markup('<a href="{}">{}</a>').format(link(vocabulary[key].page_path),
                                                                        escape(self.formats.label(vocabulary[key])))
                                     for key in keys)

        return self.environment.get_template(template).render(url=link, term_links=term_links, item_link=item_link,
                                                              item_links=item_links, **context)

    def render_page(self, template: str, url: Callable[[str], str], **context) -> GeneratedPage:
        """A generated page, its HTML blocks set aside for after the Markdown conversion."""
        return set_aside_html(self.render(template, url, **context), self._placeholder)
