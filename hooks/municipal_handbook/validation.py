"""Checking content files against the content contract and turning them into domain objects.

Every check reports a Problem instead of raising, so one run lists every error of
every file; a file with errors yields no object but never stops the others.
"""
from __future__ import annotations

import datetime
import re

from .model import Case, Location, Method, Recommendation, Taxonomy
from .normalise import (COUNTRIES, DATE, comma_list, country_code, country_suggestion, iso_date, term_key,
                        term_suggestion)
from .problems import INVISIBLE, Problem, closest, listing, quote
from .sanitiser import body_problems
from .source import SourceDocument

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED_SLUGS = {"index"}  # cases/index.md and methods/index.md are the generated overviews
DATE_PRECISIONS = ("day", "month", "year")
LANGUAGES = ("de", "en")  # languages a report may be written in
# A case's `source`: https, a host name of letters, digits and hyphens, nothing that could end an
# attribute or a spreadsheet cell (no spaces, quotes, angle brackets or backslashes).
SOURCE_URL = re.compile(r"^https://[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
                        r"(?::[0-9]{1,5})?(?:[/?#][^\s<>\"'`\\{}|^]*)?$")
ABSOLUTE_URL = re.compile(r"^https?://[^\s/]+\.[^\s]+$")  # an absolute http(s) address: `source`
FILE_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)$")  # cases/2018-04-10-netzwerktreffen-koeln.md

CASE_FIELDS = ("title", "date", "end_date", "date_precision", "instrument", "sectors", "location",
               "participating_countries", "methods", "participants", "summary", "recommendations", "author", "language",
               "source", "follows")
METHOD_FIELDS = ("title", "instruments", "summary", "duration", "group_size", "related")

# Templates and the import tools leave `TODO` where a contributor must still write something.
PLACEHOLDER = "TODO"
PLACEHOLDER_EXAMPLES = {
    "title": "title: Netzwerktreffen in Köln", "date": "date: 2018-04-10", "end_date": "end_date: 2018-04-12",
    "instrument": "instrument: dialogue-event", "instruments": "instruments: [dialogue-event]",
    "sectors": "sectors: [mobility]", "location.city": "city: Köln", "location.country": "country: DE",
    "participating_countries": "participating_countries: [UA]",
    "summary": "summary: Ein Satz, worum es ging.", "source": "source: https://www.connective-cities.net/…",
    "author": "author: Vorname Nachname", "methods": "methods: [kollegiale-beratung]",
}

_TAG_START = re.compile(r"<\s*/?\s*[a-z]", re.I)
_URL = re.compile(r"https?://[^\s<>()\[\]]+[^\s<>()\[\].,;:]")  # a web address in running text


def contains_html(value: str) -> bool:
    """Whether a plain text holds something like a tag ('<b>', '</p …>'): a '<' that starts
    one and a '>' after it. Linear: if the first candidate has no '>' after it, none has."""
    match = _TAG_START.search(value)
    return bool(match) and ">" in value[match.end():]


class _Checker:
    """Field-by-field checks of one document, collecting problems as it goes."""

    def __init__(self, document: SourceDocument, taxonomy: Taxonomy, allowed_fields, render_markup: bool = True):
        self.document = document
        self.render_markup = render_markup
        self.taxonomy = taxonomy
        self.problems: list[Problem] = []
        meta = document.meta
        for name in meta:
            if name not in allowed_fields:
                self.report(str(name), "unknown-field", value=quote(name),
                            suggestion=closest(str(name), allowed_fields), allowed=", ".join(allowed_fields))
        self.placeholders = set()  # fields still holding TODO: one problem each, no follow-up errors
        for name, value in _leaves(meta):
            if isinstance(value, str) and value.strip() == PLACEHOLDER:
                self.placeholders.add(name)
                example = PLACEHOLDER_EXAMPLES.get(re.sub(r"\[\d+\]", "", name), f"{name}: …")
                self.report(name, "placeholder", example=example)
        for name, text in _texts(meta):
            invisible = INVISIBLE.search(text)
            if invisible:
                self.report(name, "control-character", value=quote(text), character=f"U+{ord(invisible.group(0)):04X}",
                            position=invisible.start() + 1)

    def report(self, field: str, code: str, **params) -> None:
        if code != "placeholder" and field in getattr(self, "placeholders", ()):
            return
        self.problems.append(Problem(self.document.path, self.document.line_of(field), field, code, params))

    def value(self, field: str, example: str | None = None):
        """The raw value; None when absent (reported as missing if an example is given)."""
        value = self.document.meta.get(field)
        if value is None and example is not None:
            self.problems.append(Problem(self.document.path, 1, field, "missing", {"fix": f"{field}: {example}"}))
        return value

    def missing(self, parent: str, name: str, example: str) -> None:
        """A required key missing from the mapping `parent`, with the line that adds it where it belongs."""
        field = f"{parent}.{name}"
        flow, column, last = self.document.mappings.get(parent, (True, 0, self.document.line_of(parent)))
        if flow:
            code, fix = "missing-flow", f", {name}: {example}"
        else:
            code, fix = "missing-below", " " * column + f"{name}: {example}"
        self.problems.append(Problem(self.document.path, self.document.line_of(parent), field, code,
                                     {"fix": fix, "below": last}))

    def text(self, value, field: str, *, plain: bool = True) -> str | None:
        """A non-empty string; `plain` texts (titles, labels) may hold no HTML at all."""
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.report(field, "type", value=quote(value), actual=_kind(value), expected="text")
            return None
        value = str(value).strip()
        if not value:
            self.report(field, "empty", expected="text")
            return None
        if plain and contains_html(value):
            self.report(field, "html-in-text", value=quote(value))
            return None
        return value

    def date(self, value, field: str) -> datetime.date | None:
        if value is None:
            return None
        text = str(value).strip()
        if not DATE.match(text):
            written = iso_date(text)  # 10.04.2018: what `new-case` would have written
            if written:
                self.report(field, "date-written", value=quote(value), fix=written)
            else:
                self.report(field, "date-format", value=quote(value))
            return None
        try:
            return datetime.date.fromisoformat(text)
        except ValueError as error:
            self.report(field, "date-invalid", value=quote(text), detail=str(error))
            return None

    def listed(self, value, field: str, *, expected: str, required: bool = False, normalise=None) -> list | None:
        """A list; `normalise` turns an item as written into what the contract wants, for the fix."""
        if value is None:
            return None
        items = comma_list(value)
        if items:  # `sectors: mobility, wastewater` is one text to YAML
            fixed = [(normalise(item) if normalise else None) or item for item in items]
            self.report(field, "comma-list", value=quote(value), fix=f"{field}: [{', '.join(fixed)}]")
            return None
        if isinstance(value, str):  # `sectors: mobility` is a common slip for a one-item list
            value = [value]
        if not isinstance(value, list):
            self.report(field, "type", value=quote(value), actual=_kind(value), expected=f"a list of {expected}")
            return None
        if required and not value:
            self.report(field, "empty", expected=f"a list of {expected}")
            return None
        return value

    def key(self, value, field: str, vocabulary: dict, name: str) -> str | None:
        if not isinstance(value, str) or value not in vocabulary:
            # `Mobilität` or `Mobility` -> mobility, as `new-case` reads them; else the nearest key
            suggestion = term_key(value, vocabulary) or term_suggestion(value, vocabulary)
            self.report(field, "unknown-key", value=quote(value), vocabulary=name,
                        suggestion=suggestion, allowed=", ".join(vocabulary))
            return None
        return value

    def keys(self, value, field: str, vocabulary: dict, name: str, *, required: bool) -> tuple[str, ...] | None:
        items = self.listed(value, field, expected=f"{name} keys", required=required,
                            normalise=lambda item: term_key(item, vocabulary))
        if items is None:
            return None
        keys = [self.key(item, f"{field}[{index}]", vocabulary, name) for index, item in enumerate(items)]
        return None if None in keys else tuple(dict.fromkeys(keys))

    def slugs(self, value, field: str) -> tuple[str, ...] | None:
        """Slug lists; whether the slugs exist is checked once all files are read."""
        items = self.listed(value, field, expected="file names without .md")
        if items is None:
            return ()
        for index, item in enumerate(items):
            if not isinstance(item, str):
                self.report(f"{field}[{index}]", "type", value=quote(item), actual=_kind(item),
                            expected="a file name without .md")
                return None
        return tuple(dict.fromkeys(items))

    def body(self) -> None:
        """Markup the sanitiser would remove; with `render_markup` off only what is too costly to
        render (the build then inspects the rendered pages instead, see sanitiser.py)."""
        document = self.document
        self.problems += body_problems(document.path, document.body, document.body_line,
                                       html=None if self.render_markup else "")


def _leaves(value, prefix: str = ""):
    """(field path, value) of every scalar in the front matter, named like SourceDocument.lines."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, f"{prefix}[{index}]")
    else:
        yield prefix, value


def _texts(value, prefix: str = ""):
    """(field path, text) of every string in the front matter, keys included."""
    if isinstance(value, dict):
        for key, item in value.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(key, str):
                yield name, key
            yield from _texts(item, name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, f"{prefix}[{index}]")
    elif isinstance(value, str):
        yield prefix, value


def _kind(value) -> str:
    return {dict: "a mapping", list: "a list", bool: "true/false", int: "a number",
            float: "a number", str: "text", type(None): "empty"}.get(type(value), type(value).__name__)


def check_file_name(path: str) -> list[Problem]:
    from pathlib import PurePosixPath

    slug = PurePosixPath(path).stem
    if not SLUG.match(slug):
        return [Problem(path, None, "file name", "bad-file-name", {"value": quote(PurePosixPath(path).name)})]
    if slug in RESERVED_SLUGS:
        return [Problem(path, None, "file name", "reserved-name", {"value": quote(PurePosixPath(path).name)})]
    return []


def validate_method(document: SourceDocument, taxonomy: Taxonomy,
                    render_markup: bool = True) -> tuple[Method | None, list[Problem]]:
    check = _Checker(document, taxonomy, METHOD_FIELDS, render_markup)
    title = check.text(check.value("title", "Kollegiale Beratung"), "title")
    instruments = check.keys(check.value("instruments", "[dialogue-event]"), "instruments",
                             taxonomy.instruments, "instrument", required=True)
    summary = check.text(check.value("summary", "Ein Satz, wozu die Methode dient."), "summary")
    duration = check.text(check.value("duration"), "duration")
    group_size = check.text(check.value("group_size"), "group_size")
    related = check.slugs(check.value("related"), "related")
    check.body()
    if check.problems or None in (title, instruments, summary, related):
        return None, check.problems
    return Method(slug=document.slug, source_path=document.path, title=title, instruments=instruments,
                  summary=summary, body=document.body, body_line=document.body_line, duration=duration,
                  group_size=group_size, related=related), []


def validate_case(document: SourceDocument, taxonomy: Taxonomy,
                  render_markup: bool = True) -> tuple[Case | None, list[Problem]]:
    check = _Checker(document, taxonomy, CASE_FIELDS, render_markup)
    title = check.text(check.value("title", "Netzwerktreffen in Köln"), "title")
    date = check.date(check.value("date", "2018-04-10"), "date")
    named = FILE_DATE.match(document.slug)
    if date and named and named.group(1) != date.isoformat():
        check.report("date", "file-date", value=quote(document.slug + ".md"), date=date.isoformat(),
                     rename=f"{document.path.rpartition('/')[0]}/{date.isoformat()}-{named.group(2)}.md")
    end_date = check.date(check.value("end_date"), "end_date")
    if date and end_date and end_date < date:
        check.report("end_date", "date-order", value=quote(end_date.isoformat()), start=date.isoformat())
        end_date = None
    precision = check.value("date_precision") or "day"
    if precision not in DATE_PRECISIONS:
        check.report("date_precision", "choice", value=quote(precision), allowed=", ".join(DATE_PRECISIONS))
    instrument = check.value("instrument", "dialogue-event")
    if instrument is not None:
        instrument = check.key(instrument, "instrument", taxonomy.instruments, "instrument")
    sectors = check.keys(check.value("sectors", "[mobility]"), "sectors", taxonomy.sectors, "sector", required=True)
    location = _location(check, check.value("location", "{city: Köln, country: DE}"))
    participating = _participating_countries(check, check.value("participating_countries"), location)
    participants = _participants(check, check.value("participants"))
    source = check.value("source")
    cited = set(_URL.findall(f"{source if isinstance(source, str) else ''}\n{document.body}"))
    recommendations = _recommendations(check, check.value("recommendations"), taxonomy, sectors, instrument, cited)
    summary = check.text(check.value("summary"), "summary")
    author = check.text(check.value("author"), "author")
    language = check.value("language")
    if language is not None and language not in LANGUAGES:
        check.report("language", "choice", value=quote(language), allowed=", ".join(LANGUAGES))
    if source is not None and not (isinstance(source, str) and ABSOLUTE_URL.match(source)):
        check.report("source", "not-url", value=quote(source))
    elif source is not None and not SOURCE_URL.match(source):
        check.report("source", "source-https", value=quote(source))
    methods = check.slugs(check.value("methods"), "methods")
    follows = check.slugs(check.value("follows"), "follows")
    check.body()
    if check.problems:
        return None, check.problems
    return Case(slug=document.slug, source_path=document.path, title=title, date=date, end_date=end_date,
                date_precision=precision, instrument=instrument, sectors=sectors, location=location,
                participating_countries=participating,
                body=document.body, body_line=document.body_line, methods=methods, participants=participants,
                summary=summary,
                recommendations=recommendations, author=author, language=language or "de", source=source,
                follows=follows), []


def _location(check: _Checker, value) -> Location | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        check.report("location", "type", value=quote(value), actual=_kind(value),
                     expected="a mapping with 'city' and 'country', e.g. {city: Köln, country: DE}")
        return None
    for name in value:
        if name not in ("city", "country", "online"):
            check.report(f"location.{name}", "unknown-field", value=quote(name),
                         suggestion=closest(str(name), ("city", "country", "online")),
                         allowed="city, country, online")
    if value.get("online") is True:
        for name in ("city", "country"):
            if name in value:
                check.report(f"location.{name}", "location-online", value=quote(name))
        return Location(online=True)
    if "online" in value:
        check.report("location.online", "type", value=quote(value["online"]), actual=_kind(value["online"]),
                     expected="true (or leave it out)")
    city = check.text(value.get("city"), "location.city")
    if value.get("city") is None and "city" not in value:
        check.missing("location", "city", "Köln")
    elif value.get("city") is None:  # `city:` left empty
        check.report("location.city", "empty", expected="text, e.g. city: Köln")
    country = value.get("country")
    if country is None and "country" not in value:
        check.missing("location", "country", "DE")
    elif country is None:
        check.report("location.country", "empty", expected="an ISO 3166-1 alpha-2 code, e.g. country: DE")
    else:
        country = _country(check, country, "location.country")
    return Location(city=city, country=country) if city and country else None


def _country(check: _Checker, value, field: str) -> str | None:
    """An ISO 3166-1 alpha-2 code; for `de`, `Ukraine` or `Ägypten` the code is suggested."""
    if isinstance(value, str) and value in COUNTRIES:
        return value
    # `mk`, `Nordmazedonien` or `North Macedonia` -> MK, as `new-case` reads them; else the nearest name
    check.report(field, "country", value=quote(value), suggestion=country_code(value) or country_suggestion(value))
    return None


def _participating_countries(check: _Checker, value, location: Location | None) -> tuple[str, ...]:
    """Countries whose people took part besides the host country (`location.country`).

    The host country is never repeated here, so every country of a case is named once.
    """
    items = check.listed(value, "participating_countries", expected="ISO 3166-1 alpha-2 country codes",
                         normalise=country_code)
    codes = []
    for index, item in enumerate(items or []):
        field = f"participating_countries[{index}]"
        code = _country(check, item, field)
        if code and location and code == location.country:
            check.report(field, "host-country", value=quote(code))
        elif code:
            codes.append(code)
    return tuple(dict.fromkeys(codes))


def _participants(check: _Checker, value) -> dict[str, int]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        check.report("participants", "type", value=quote(value), actual=_kind(value),
                     expected="a mapping of group to count, e.g. {Kommunalverwaltung: 7}")
        return {}
    counts = {}
    for group, count in value.items():
        if check.text(group, f"participants.{group}") is None:  # a group's name is plain text
            continue
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            check.report(f"participants.{group}", "count", value=quote(count))
        else:
            counts[str(group)] = count
    return counts


RECOMMENDATION_FIELDS = ("theme", "text", "id", "sectors", "instruments", "source")


def _recommendations(check: _Checker, value, taxonomy: Taxonomy, case_sectors, case_instrument,
                     cited: set[str]) -> tuple[Recommendation, ...]:
    items = check.listed(value, "recommendations", expected="{theme: …, text: …} entries")
    found = []
    for index, item in enumerate(items or []):
        field = f"recommendations[{index}]"
        if not isinstance(item, dict):
            check.report(field, "type", value=quote(item), actual=_kind(item),
                         expected="a mapping {theme: <theme key>, text: <recommendation>}")
            continue
        for name in item:
            if name not in RECOMMENDATION_FIELDS:
                check.report(f"{field}.{name}", "unknown-field", value=quote(name),
                             suggestion=closest(str(name), RECOMMENDATION_FIELDS),
                             allowed=", ".join(RECOMMENDATION_FIELDS))
        if item.get("theme") is None:
            check.missing(field, "theme", "prerequisites")
            theme = None
        else:
            theme = check.key(item["theme"], f"{field}.theme", taxonomy.themes, "theme")
        if item.get("text") is None:
            check.missing(field, "text", "Frühzeitig planen.")
        text = check.text(item.get("text"), f"{field}.text")
        identifier = check.text(item.get("id"), f"{field}.id")
        sectors = _case_subset(check, item.get("sectors"), f"{field}.sectors", taxonomy.sectors, "sector",
                               case_sectors)
        instruments = _case_subset(check, item.get("instruments"), f"{field}.instruments", taxonomy.instruments,
                                   "instrument", (case_instrument,) if case_instrument else None)
        source = item.get("source")
        if source is not None:
            if not (isinstance(source, str) and ABSOLUTE_URL.match(source)):
                check.report(f"{field}.source", "not-url", value=quote(source))
                source = None
            elif source not in cited:
                check.report(f"{field}.source", "uncited-source", value=quote(source))
                source = None
        if theme and text:
            found.append(Recommendation(theme=theme, text=text, id=identifier, sectors=sectors or (),
                                        instruments=instruments or (), source=source))
    return tuple(found)


def _case_subset(check: _Checker, value, field: str, vocabulary: dict, name: str, of_case) -> tuple[str, ...]:
    """Keys a recommendation narrows itself to: known keys, and only its case's own."""
    keys = check.keys(value, field, vocabulary, name, required=False)
    if not keys or of_case is None:
        return ()
    for index, key in enumerate(keys):
        if key not in of_case:
            check.report(f"{field}[{index}]", "not-of-case", value=quote(key), vocabulary=name,
                         allowed=", ".join(of_case))
    return keys
