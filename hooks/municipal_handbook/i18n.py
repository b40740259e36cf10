"""The languages of the handbook: gettext message catalogues read with Babel.

Every string a reader sees in a generated page comes from `locale/<lang>/LC_MESSAGES/messages.po`
(message ids are English, as in the code). The `.po` files are the only source: they are
compiled in memory when first used, so there is no binary catalogue that could drift from them.
A catalogue's `Language` header names the Babel locale that formats its dates, numbers and
country names (`en_GB` for the English edition: "14 November 2017").
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def languages() -> tuple[str, ...]:
    """Every language with a catalogue, e.g. ('de', 'en'); looked up once per process, as each
    catalogue is compiled once (`language`)."""
    return tuple(sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")))


@dataclass(frozen=True)
class Language:
    code: str  # the edition's language, as in <html lang>: "de", "en"
    locale: Locale  # formats dates, numbers and country names
    translations: Translations

    def gettext(self, message: str) -> str:
        return self.translations.ugettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ungettext(singular, plural, n)


@cache
def language(code: str) -> Language:
    """The catalogue of one language, compiled once per process."""
    path = catalogue_path(code)
    if not path.is_file():
        raise ValueError(f"no message catalogue for language {code!r}: {path} is missing; "
                         f"available: {', '.join(languages())}")
    with path.open("rb") as po:
        catalogue = read_po(po, abort_invalid=True)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return Language(code, catalogue.locale or Locale.parse(code), Translations(compiled, domain=DOMAIN))
