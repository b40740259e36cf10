"""Loading taxonomy.yml: the instruments, sectors and themes every other file refers to."""
from __future__ import annotations

from pathlib import Path

from .model import Instrument, Sector, Taxonomy, Theme
from .problems import Problem, closest, quote
from .source import decode, load_yaml
from .validation import SLUG

VOCABULARIES = {"instruments": Instrument, "sectors": Sector, "themes": Theme}
TERM_FIELDS = ("de", "en", "description")
# `description_en`: the description in the English edition (German `description` is the original).
OPTIONAL_FIELDS = {"instruments": ("guide", "description_en"), "sectors": ("description_en",),
                   "themes": ("description_en",)}


def load_taxonomy(path: Path, shown_as: str = "taxonomy.yml") -> tuple[Taxonomy | None, list[Problem]]:
    if not path.is_file():
        return None, [Problem(shown_as, None, "file", "missing-file")]
    text, problems = decode(path.read_bytes(), shown_as)
    if text is None:
        return None, problems
    data, lines, problems = load_yaml(shown_as, text)
    if data is None:
        return None, problems
    if not isinstance(data, dict):
        return None, [Problem(shown_as, 1, "taxonomy", "not-mapping", {"value": quote(data)})]

    def report(field, code, **params):
        problems.append(Problem(shown_as, lines.get(field, 1), field, code, params))

    vocabularies = {}
    for name in data:
        if name not in VOCABULARIES:
            report(str(name), "unknown-field", value=quote(name), suggestion=None, allowed=", ".join(VOCABULARIES))
    for name, term_class in VOCABULARIES.items():
        entries = data.get(name)
        if not isinstance(entries, dict) or not entries:
            report(name, "empty" if entries is None else "type", value=quote(entries), actual="not a mapping",
                   expected=f"a mapping of {name} keys to de, en and description")
            continue
        terms = {}
        for key, entry in entries.items():
            field = f"{name}.{key}"
            if not isinstance(key, str) or not SLUG.match(key):
                report(field, "bad-key", value=quote(key))
                continue
            if not isinstance(entry, dict):
                report(field, "type", value=quote(entry), actual="not a mapping",
                       expected="a mapping with de, en and description")
                continue
            allowed = TERM_FIELDS + OPTIONAL_FIELDS[name]
            for part in entry:
                if part not in allowed:
                    report(f"{field}.{part}", "unknown-field", value=quote(part),
                           suggestion=closest(str(part), allowed), allowed=", ".join(allowed))
            values = {part: " ".join(entry[part].split()) for part in OPTIONAL_FIELDS[name]
                      if isinstance(entry.get(part), str)}
            for part in TERM_FIELDS:
                value = entry.get(part)
                if not isinstance(value, str) or not value.strip():
                    _, column, last = getattr(lines, "mappings", {}).get(field, (False, 4, lines.get(field, 1)))
                    report(f"{field}.{part}", "missing-below", fix=" " * column + f"{part}: …", below=last)
                else:
                    values[part] = " ".join(value.split())
            if all(part in values for part in TERM_FIELDS):
                terms[key] = term_class(key=key, **values)
        vocabularies[name] = terms
    if problems:
        return None, problems
    return Taxonomy(**vocabularies), []
