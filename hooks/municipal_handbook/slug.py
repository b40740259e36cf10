"""Safe file names from contributors' titles.

A slug is what `validation.SLUG` accepts: lowercase a-z, digits and single hyphens. German
letters are transliterated (ä → ae, ß → ss), other accents dropped (é → e), everything else
(spaces, slashes, dots, quotes) becomes a hyphen, so a slug can never name a path outside its
folder. Long titles are cut at a word boundary.
"""
from __future__ import annotations

import re
import unicodedata

from .validation import SLUG

MAX_SLUG_LENGTH = 60
_GERMAN = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ẞ": "SS"}


def slugify(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """`Netzwerktreffen in Köln / Süd` → `netzwerktreffen-in-koeln-sued`; '' if nothing usable is left."""
    text = unicodedata.normalize("NFC", text)  # a decomposed ä (a + ¨) becomes one letter first
    text = "".join(_GERMAN.get(char, char) for char in text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(slug) > max_length:
        cut = slug[:max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut[1:] else slug[:max_length]
        slug = slug.strip("-")
    assert not slug or SLUG.match(slug)
    return slug


def case_file_name(date: str, slug: str) -> str:
    """`cases/` file name of a case: its ISO start date, a hyphen, the slug."""
    return f"{date}-{slug}.md"
