"""Every case as the case filters need it: one generated script, loaded only once a reader filters.

A script rather than JSON, because a page opened from the offline zip may load a script but not
fetch a file. Each row holds what a row of a case table shows, formatted as the pages format it,
so a row the filter draws looks like one the server wrote.
"""
from __future__ import annotations

import json
from typing import Callable

from .handbook import Handbook
from .pictures import city_key

CASES_SCRIPT = "assets/javascripts/cases-data.js"


def cases_script(handbook: Handbook, formats, url: Callable[[str], str]) -> str:
    """`formats` formats dates, places and labels (render.Formats); `url` maps a page path to its
    URL from the site root."""
    taxonomy = handbook.taxonomy
    terms = {kind: {key: [formats.label(term), url(term.page_path)] for key, term in vocabulary.items()}
             for kind, vocabulary in (("instrument", taxonomy.instruments), ("sector", taxonomy.sectors))}
    rows = [[url(case.page_path), case.title, case.date.isoformat(), formats.when(case), formats.place(case),
             case.instrument, list(case.sectors),
             list(case.countries) + (["online"] if case.location.online else []),
             case.date.year, list(handbook.methods_of(case)),
             city_key(case.location.country, case.location.city) if case.location.city else "",
             *_language(case, formats)]
            for case in handbook.cases]
    data = json.dumps({"terms": terms, "cases": rows}, ensure_ascii=False, separators=(",", ":"))
    return f"window.handbookCases = {data};\n"


def _language(case, formats) -> list[str]:
    """The case's language and the mark after its title when its text is in another language
    than the edition's (as render.Renderer marks it), else two empty strings."""
    if case.language == formats.language.code:
        return ["", ""]
    return [case.language, formats.language.gettext("(in %(language)s)") % {
        "language": formats.language_name(case.language)}]
