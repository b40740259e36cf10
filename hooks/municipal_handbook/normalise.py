"""How contributors write dates, vocabulary terms, countries and lists, and what the contract wants.

`new-case` (and the case form, through `form.py`) accepts `10.04.2018`, `Mobilität` or
`Deutschland` and writes `2018-04-10`, `mobility` or `DE`; `check` refuses them in a file
but suggests exactly that value. Both ask the functions here, so they can never disagree.
"""
from __future__ import annotations

import re

from babel import Locale

from .problems import closest

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})$")  # 10.04.2018, the German way
_LOOSE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")  # 2018-4-10
COUNTRIES = frozenset(
    code for code in Locale("en").territories
    if len(code) == 2 and code.isalpha() and code not in {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}
)
# German and English country names (case-insensitive) -> code.
COUNTRY_NAMES = {name.casefold(): code for language in ("en", "de")
                 for code, name in Locale(language).territories.items() if code in COUNTRIES}
LIST_SEPARATORS = re.compile(r"\s*[,;]\s*")


def iso_date(text) -> str | None:
    """`YYYY-MM-DD` for a date written as such, as `DD.MM.YYYY` or `YYYY-M-D`; None otherwise.

    Whether the day exists is not checked here (`2018-02-30` comes back as it is)."""
    if not isinstance(text, str):
        return None
    text = text.strip()
    if DATE.match(text):
        return text
    german = _DAY_MONTH_YEAR.match(text)
    if german:
        day, month, year = german.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    loose = _LOOSE_ISO.match(text)
    if loose:
        year, month, day = loose.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return None


def term_key(text, vocabulary: dict) -> str | None:
    """The key for a key or a German or English label of it (case-insensitive)."""
    if not isinstance(text, str):
        return None
    text = " ".join(text.split())
    if text in vocabulary:
        return text
    folded = text.casefold()
    for key, term in vocabulary.items():
        if folded in (key.casefold(), term.de.casefold(), term.en.casefold()):
            return key
    return None


def term_suggestion(text, vocabulary: dict) -> str | None:
    """The key most likely meant by a misspelt key or label, or a word of one label (`Workshop`)."""
    if not isinstance(text, str) or not text.strip():
        return None
    text = " ".join(text.split())
    labels = {term.de.casefold(): key for key, term in vocabulary.items()}
    labels |= {term.en.casefold(): key for key, term in vocabulary.items()}
    close = closest(text.lower(), vocabulary) or labels.get(closest(text.casefold(), labels) or "")
    if close:
        return close
    containing = {key for label, key in labels.items() if text.casefold() in label}
    return containing.pop() if len(containing) == 1 else None


def country_code(text) -> str | None:
    """The ISO 3166-1 alpha-2 code for a code in any case or a German or English country name."""
    if not isinstance(text, str):
        return None
    text = " ".join(text.split())
    if len(text) == 2 and text.upper() in COUNTRIES:
        return text.upper()
    return COUNTRY_NAMES.get(text.casefold())


def country_suggestion(text) -> str | None:
    """The code of the country most likely meant by a misspelt name (`Jordanein` -> JO)."""
    if not isinstance(text, str):
        return None
    return COUNTRY_NAMES.get(closest(" ".join(text.split()).casefold(), COUNTRY_NAMES) or "")


def country_name(code: str, language: str) -> str:
    return Locale(language).territories.get(code, code)


def comma_list(text) -> list[str] | None:
    """The items of `mobility, wastewater` (a list written without brackets); None for one item."""
    if not isinstance(text, str) or not LIST_SEPARATORS.search(text.strip()):
        return None
    items = [item for item in LIST_SEPARATORS.split(text.strip()) if item]
    return items if len(items) > 1 else None
