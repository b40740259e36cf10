"""Open data: the handbook's content as JSON and CSV, for reuse outside the site.

Field lists are documented on docs/daten.md and fixed by the JSON Schemas in docs/data/.
Output is deterministic (stable order, sorted keys) so two builds give identical files.
"""
from __future__ import annotations

import csv
import io
import json

from babel import Locale

from .handbook import Handbook
from .i18n import languages
from .model import Case, Method
from .pictures import country_rows, year_rows



def _translations(item, handbook: Handbook) -> dict:
    """The item's words in every other language it is translated into (facts stay the original's)."""
    out = {}
    for language in languages():
        translation = handbook.translation(item, language)
        if translation is None:
            continue
        words = {"title": translation.title, "summary": translation.summary, "outdated": translation.outdated}
        if isinstance(item, Case):
            words["recommendations"] = list(translation.recommendations)
        out[language] = words
    return out


def _case(case: Case, handbook: Handbook) -> dict:
    return {
        "slug": case.slug,
        "url": f"cases/{case.slug}/",
        "title": case.title,
        "date": case.date.isoformat(),
        "end_date": case.end_date.isoformat() if case.end_date else None,
        "date_precision": case.date_precision,
        "instrument": case.instrument,
        "sectors": list(case.sectors),
        "location": {"city": case.location.city, "country": case.location.country,
                     "online": case.location.online},
        "participating_countries": list(case.participating_countries),
        "methods": list(handbook.methods_of(case)),
        "participants": dict(case.participants),
        "summary": case.summary,
        "recommendations": [{"theme": r.theme, "text": r.text, "id": r.id, "sectors": list(r.sectors),
                             "instruments": list(r.instruments), "source": r.source}
                            for r in case.recommendations],
        "author": case.author,
        "language": case.language,
        "source": case.source,
        "follows": list(case.follows),
        "translations": _translations(case, handbook),
    }


def _method(method: Method, handbook: Handbook) -> dict:
    return {
        "slug": method.slug,
        "url": f"methods/{method.slug}/",
        "title": method.title,
        "summary": method.summary,
        "instruments": list(method.instruments),
        "duration": method.duration,
        "group_size": method.group_size,
        "related": [m.slug for m in handbook.related_methods(method)],
        "cases": [c.slug for c in handbook.cases_by_method[method.slug]],
        "language": method.language,
        "translations": _translations(method, handbook),
    }


def _dump(data) -> str:
    """One line, keys sorted: without `indent` json uses its C encoder (ten times faster at
    thousands of cases); any JSON viewer or `python -m json.tool` indents it for reading."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n"


def cases_json(handbook: Handbook) -> str:
    return _dump({"cases": [_case(c, handbook) for c in handbook.cases]})


def methods_json(handbook: Handbook) -> str:
    return _dump({"methods": [_method(m, handbook) for m in handbook.methods]})


def recommendations_json(handbook: Handbook) -> str:
    return _dump({"recommendations": [
        {"theme": e.theme, "text": e.text, "id": e.id, "count": e.count,
         "cases": [c.slug for c in e.sources], "instruments": list(e.instruments), "sectors": list(e.sectors)}
        for e in handbook.recommendations]})


def _country_names(code: str) -> dict:
    return {language: Locale(language).territories.get(code, code) for language in languages()}


def countries_json(handbook: Handbook) -> str:
    """What the map and the country pages show: every country with a case, most cases first."""
    return _dump({"countries": [
        {"code": row.code, "name": _country_names(row.code), "url": f"countries/{row.code.lower()}/",
         "total": row.total, "hosted": [c.slug for c in row.hosted], "participating": [c.slug for c in row.partner],
         "cities": [{"name": city, "cases": count} for city, count in row.cities]}
        for row in country_rows(handbook)]})


def taxonomy_json(handbook: Handbook) -> str:
    """The vocabularies behind every key in the other files, labelled and described in each
    language (a description without a translation is null there, as the site shows the German)."""
    def term(key, item) -> dict:
        row = {"key": key, "label": {language: item.label_in(language) for language in languages()},
               "description": {language: item.description_in(language) for language in languages()}}
        if hasattr(item, "guide"):
            row["guide"] = item.guide
        return row

    taxonomy = handbook.taxonomy
    return _dump({name: [term(key, item) for key, item in getattr(taxonomy, name).items()]
                  for name in ("instruments", "sectors", "themes")})


def years_json(handbook: Handbook) -> str:
    """What the timeline shows: cases per year and instrument, every year from first to last."""
    return _dump({"years": [{"year": row.year, "total": row.total, "instruments": row.counts}
                            for row in year_rows(handbook)]})


CSV_COLUMNS = ("slug", "url", "title", "date", "end_date", "instrument", "sectors", "city", "country",
               "online", "participating_countries", "methods", "participants_total", "source")


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may take for a formula


def spreadsheet_cell(value):
    """A text cell a spreadsheet shows as text, never runs: one starting like a formula gets a
    leading apostrophe (OWASP's advice on CSV injection). Numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def cases_csv(handbook: Handbook) -> str:
    """One row per case; list fields are joined with ';'; every cell is safe to open in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_COLUMNS)
    for case in handbook.cases:
        writer.writerow(spreadsheet_cell(cell) for cell in [
            case.slug, f"cases/{case.slug}/", case.title, case.date.isoformat(),
            case.end_date.isoformat() if case.end_date else "", case.instrument, ";".join(case.sectors),
            case.location.city or "", case.location.country or "", "true" if case.location.online else "false",
            ";".join(case.participating_countries),
            ";".join(handbook.methods_of(case)), case.participant_total if case.participant_total is not None else "",
            case.source or "",
        ])
    return out.getvalue()


DATA_FILES = {
    "data/cases.json": cases_json,
    "data/cases.csv": cases_csv,
    "data/methods.json": methods_json,
    "data/recommendations.json": recommendations_json,
    "data/countries.json": countries_json,
    "data/years.json": years_json,
    "data/taxonomy.json": taxonomy_json,
}
