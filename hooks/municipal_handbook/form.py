"""What the case form in the site (docs/fall-eintragen.md, assets/javascripts/case-form.js) knows.

The form runs in the reader's browser, without a server and from the offline zip too, so
everything it checks against comes from here as one generated script: the taxonomy's choices,
country names, existing titles and file names, the patterns `check` and `new-case` use, and
the messages of `problems.py`. The form and `check` cannot drift apart: a change to the
contract or the taxonomy changes this file with the next build.
"""
from __future__ import annotations

import json
import re

from babel import Locale

from .contribution import Contribution
from .handbook import Handbook
from .normalise import _DAY_MONTH_YEAR, _LOOSE_ISO, COUNTRIES, DATE, LIST_SEPARATORS
from .problems import GERMAN_NOUNS, MESSAGES, SUGGESTION
from .slug import _GERMAN, MAX_SLUG_LENGTH
from .validation import ABSOLUTE_URL, DATE_PRECISIONS, SLUG, SOURCE_URL

FORM_DATA = "assets/javascripts/case-form-data.js"
# The messages the form shows, worded exactly as `check` and `new-case` word them.
FORM_MESSAGES = ("empty", "date-answer", "date-invalid", "date-order", "country-answer", "host-country",
                 "not-url", "source-https", "count", "html-in-text", "unsafe-markup", "duplicate-title", "file-exists",
                 "slug-empty", "unknown-slug", "form-required", "form-participants", "form-too-long")


# Early hints while typing in the form, nothing more: what a pull request may contain is decided
# by `check`, which renders the body and asks the sanitiser (sanitiser.py). `[^<>]` keeps each
# pattern linear in the text.
_TAG = re.compile(r"<\s*/?\s*[a-z][^<>]*>", re.I)
_UNSAFE = [
    (re.compile(r"<\s*(script|iframe|object|embed|form|style|base|meta|svg|math|link)\b", re.I), "raw <{0}> element"),
    (re.compile(r"<[a-z][^<>]*?[\s/](on[a-z]+)\s*=", re.I), "event attribute {0}="),
    (re.compile(r"(?:\]\(\s*<?|\b(?:href|src|action)\s*=\s*[\"']?\s*|<)\s*(javascript|vbscript|data)\s*:", re.I),
     "{0}: URL"),
]


def _terms(vocabulary: dict) -> list[dict]:
    return [{"key": key, "de": term.de, "en": term.en} for key, term in vocabulary.items()]


def _pattern(regex) -> str:
    """A Python pattern as JavaScript reads it (the patterns here use no syntax the two disagree on)."""
    return regex.pattern


def case_form_data(handbook: Handbook, contribution: Contribution) -> dict:
    german, english = Locale("de").territories, Locale("en").territories
    return {
        "instruments": _terms(handbook.taxonomy.instruments),
        "sectors": _terms(handbook.taxonomy.sectors),
        "themes": _terms(handbook.taxonomy.themes),
        "precisions": list(DATE_PRECISIONS),
        "countries": sorted(([code, german.get(code, english[code]), english[code]] for code in COUNTRIES),
                            key=lambda entry: entry[1]),
        "methods": [[method.slug, method.title] for method in handbook.methods],
        "cases": [[case.slug, case.title] for case in handbook.cases],
        "patterns": {
            "date": _pattern(DATE), "dayMonthYear": _pattern(_DAY_MONTH_YEAR), "looseIso": _pattern(_LOOSE_ISO),
            "url": _pattern(ABSOLUTE_URL), "sourceUrl": _pattern(SOURCE_URL), "slug": _pattern(SLUG), "tag": _pattern(_TAG),
            "listSeparators": _pattern(LIST_SEPARATORS),
            "unsafe": [[_pattern(pattern), detail] for pattern, detail in _UNSAFE],
        },
        "maxSlugLength": MAX_SLUG_LENGTH,
        "transliteration": _GERMAN,
        "messages": {code: list(MESSAGES[code]) for code in FORM_MESSAGES},
        "suggestion": list(SUGGESTION),
        "nouns": GERMAN_NOUNS,
        "newCaseUrl": contribution.new_case_url,
        "contact": contribution.contact,
    }


def case_form_script(handbook: Handbook, contribution: Contribution) -> str:
    """The data as a script (a JSON file cannot be fetched from file://, a script can be loaded)."""
    data = json.dumps(case_form_data(handbook, contribution), ensure_ascii=False, separators=(",", ":"),
                      sort_keys=True)
    return f"window.handbookCaseForm = {data};\n"
