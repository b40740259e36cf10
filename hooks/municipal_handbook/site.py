"""Which pages the handbook adds to the site, and what each is rendered from.

A plan names a page by its site path (the URL contract: `cases/<slug>.md` is
served at `/cases/<slug>/`), the template that renders it, and the contributor
file behind it, if any, for the "edit this page" link.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .handbook import Handbook


@dataclass(frozen=True)
class PagePlan:
    path: str
    template: str
    context: Callable[[], dict]  # evaluated only when the page is rendered
    title: str
    source_path: str | None = None  # the contributor's file, if the page has one
    wide: bool = False  # wide tables: the page gives up the table-of-contents column


def plan_pages(handbook: Handbook) -> dict[str, PagePlan]:
    h = handbook
    plans = [
        PagePlan("cases/index.md", "cases.md.j2", dict, "Fälle", wide=True),
        PagePlan("methods/index.md", "methods.md.j2", dict, "Methoden"),
        PagePlan("instruments/index.md", "instruments.md.j2", dict, "Instrumente"),
        PagePlan("sectors/index.md", "sectors.md.j2", dict, "Sektoren"),
        PagePlan("recommendations.md", "recommendations.md.j2", dict, "Empfehlungen"),
    ]
    for case in h.cases:
        plans.append(PagePlan(case.page_path, "case.md.j2", lambda case=case: {
            "case": case,
            "methods": [h.method_by_slug[s] for s in case.methods],
            "path": h.learning_path(case),
            "related": h.related_cases(case),
        }, case.title, case.source_path))
    for method in h.methods:
        plans.append(PagePlan(method.page_path, "method.md.j2", lambda method=method: {
            "method": method,
            "related": h.related_methods(method),
            "cases": h.cases_by_method[method.slug],
        }, method.title, method.source_path))
    for instrument in h.taxonomy.instruments.values():
        plans.append(PagePlan(instrument.page_path, "instrument.md.j2", lambda instrument=instrument: {
            "instrument": instrument,
            "guide": h.method_by_slug.get(instrument.guide),
            "methods": [m for m in h.methods_by_instrument[instrument.key] if m.slug != instrument.guide],
            "cases": h.cases_by_instrument[instrument.key],
            "recommendations": [e for e in h.recommendations if instrument.key in e.instruments],
        }, instrument.de, wide=True))
    for sector in h.taxonomy.sectors.values():
        plans.append(PagePlan(sector.page_path, "sector.md.j2", lambda sector=sector: {
            "sector": sector,
            "cases": h.cases_by_sector[sector.key],
            "methods": h.methods_used_in(h.cases_by_sector[sector.key]),
            "recommendations": [e for e in h.recommendations if sector.key in e.sectors],
        }, sector.de, wide=True))
    return {plan.path: plan for plan in plans}
