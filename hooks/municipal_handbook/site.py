"""Which pages the handbook adds to the site, and what each is rendered from.

A plan names a page by its site path (the URL contract: `cases/<slug>.md` is
served at `/cases/<slug>/`), the template that renders it, and the contributor
file behind it, if any, for the "edit this page" link.
"""
from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, fields
from typing import Callable, Sequence

from .handbook import Handbook, LoadCache
from .i18n import languages
from .pictures import country_rows, timeline, world_map


@dataclass(frozen=True)
class PagePlan:
    path: str
    template: str
    context: Callable[[], dict]  # evaluated only when the page is rendered
    title: str
    source_path: str | None = None  # the contributor's file, if the page has one
    wide: bool = False  # wide tables: the page gives up the table-of-contents column
    # The overview page of the section the page belongs to: its breadcrumb runs through it,
    # and the navigation marks it (the page itself is not in the navigation).
    section: str | None = None
    # Everything the page shows, as one comparable value: when it compares equal between two
    # loads, the page renders the same (what a live preview uses to skip unchanged pages).
    inputs: Callable[[], object] = tuple


CORPUS_PAGE = "cases/index.md"  # one of the pages that show something of every case
TRANSLATIONS_PAGE = "translations.md"  # which case and method is in which language
METHODS_PAGE, INSTRUMENTS_PAGE, SECTORS_PAGE = "methods/index.md", "instruments/index.md", "sectors/index.md"
COUNTRIES_PAGE = "countries/index.md"
RECOMMENDATIONS_PAGE = "recommendations.md"
SEARCH_PAGE = "suche.md"  # the same path in every edition, as every page's
SEARCH_SCRIPT = "assets/javascripts/search.js"  # loaded by the search page only


@dataclass(frozen=True)
class PageSizes:
    """How long a generated list grows before it is paged or cut short with a link to the rest,
    so that no page grows with the corpus (`extra.page_sizes` in mkdocs.yml overrides them)."""

    cases: int = 100  # rows per page of the case overview; the most any other page lists
    recommendations: int = 100  # entries per page of a recommendations list
    highlights: int = 10  # the most supported recommendations an instrument, sector or country page shows


@dataclass(frozen=True)
class Pager:
    """One page of a list split into pages: its number and every page's path (the first is the list's own)."""

    paths: tuple[str, ...]
    number: int = 1


def paged(first: str, items: Sequence, per_page: int) -> list[tuple[Pager, Sequence]]:
    """`items` in pages of `per_page`: the first at `first`, page n at `<first without .md or
    /index.md>/page/<n>.md` (URL …/page/n/); always at least one page, perhaps empty."""
    chunks = [items[i:i + per_page] for i in range(0, len(items), per_page)] or [items]
    stem = first.removesuffix("/index.md") if first.endswith("/index.md") else first.removesuffix(".md")
    paths = (first, *(f"{stem}/page/{n}.md" for n in range(2, len(chunks) + 1)))
    return [(Pager(paths, number), chunk) for number, chunk in enumerate(chunks, start=1)]


def plan_pages(handbook: Handbook, _: Callable[[str], str], label: Callable[[object], str],
               country_name: Callable[[str], str], sizes: PageSizes = PageSizes()) -> dict[str, PagePlan]:
    """The pages of one edition: `_` translates a message, `label` names a taxonomy term,
    `country_name` an ISO country code; `sizes` limit the length of every list."""
    h = handbook
    facts = _Facts(h)
    corpus = facts.corpus  # overview, instrument and sector pages show something of every case

    def page_title(title: str, pager: Pager) -> str:
        return title if pager.number == 1 else _("%(title)s, page %(num)s") % {"title": title, "num": pager.number}

    plans = [
        PagePlan(METHODS_PAGE, "methods.md.j2", dict, _("Methods"), inputs=corpus),
        PagePlan(INSTRUMENTS_PAGE, "instruments.md.j2", dict, _("Instruments"), inputs=corpus),
        PagePlan(SECTORS_PAGE, "sectors.md.j2", dict, _("Sectors"), inputs=corpus),
        PagePlan(COUNTRIES_PAGE, "countries.md.j2", lambda: {
            "rows": country_rows(h), "world_map": world_map(h), "timeline": timeline(h),
        }, _("Countries"), wide=True, inputs=corpus),
        PagePlan(SEARCH_PAGE, "search.md.j2", lambda: {"search_page": SEARCH_PAGE, "search_script": SEARCH_SCRIPT},
                 _("Search"), wide=True),
    ]
    items = (*h.methods, *h.cases)  # translation status: every method, then every case
    # Counted once, shown on every page of the list.
    available = functools.cache(lambda code: sum(h.translation_state(item, code) != "missing" for item in items))
    for pager, chunk in paged(TRANSLATIONS_PAGE, items, sizes.cases):
        plans.append(PagePlan(pager.paths[pager.number - 1], "translations.md.j2",
                              lambda pager=pager, chunk=chunk: {"pager": pager, "items": chunk, "everything": len(items),
                                                                "available": available},
                              page_title(_("Translation status"), pager), wide=True,
                              section=TRANSLATIONS_PAGE if pager.number > 1 else None,
                              inputs=lambda chunk=chunk: (  # its rows and the totals, not the whole corpus
                                  facts.listings(chunk), len(items), tuple(map(available, languages())),
                                  tuple(h.translation_state(item, code) for item in chunk for code in languages()))))
    for pager, cases in paged(CORPUS_PAGE, h.cases, sizes.cases):
        plans.append(PagePlan(pager.paths[pager.number - 1], "cases.md.j2",
                              lambda pager=pager, cases=cases: {"pager": pager, "cases": cases, "shown": sizes.cases},
                              page_title(_("Cases"), pager), wide=True,
                              section=CORPUS_PAGE if pager.number > 1 else None,
                              # Page 1 shows the filter and the matrix of every case; the others their rows.
                              inputs=corpus if pager.number == 1 else lambda cases=cases: (
                                  h.taxonomy, facts.listings(cases), len(h.cases))))
    # Few recommendations: all on one page with filters. Many: each theme's most supported on the
    # page, every entry on the theme's own pages.
    split = len(h.recommendations) > sizes.recommendations
    plans.append(PagePlan(RECOMMENDATIONS_PAGE, "recommendations.md.j2",
                          lambda: {"split": split, "highlights": sizes.highlights},
                          _("Recommendations"), inputs=corpus))
    for theme in h.taxonomy.themes.values() if split else ():
        plans += _recommendation_pages(theme.page_path, h.recommendations_of(theme.key), sizes, facts,
                                       _("Recommendations: %(what)s") % {"what": label(theme)}, page_title)
    for row in country_rows(h):
        plans.append(PagePlan(row.page_path, "country.md.j2", lambda row=row: {
            **_country_context(h, row, sizes.highlights), "shown": sizes.cases, "split": split},
            country_name(row.code), wide=True, section=COUNTRIES_PAGE, inputs=corpus))
    for case in h.cases:
        plans.append(PagePlan(case.page_path, "case.md.j2", lambda case=case: {
            "case": case,
            "methods": [h.method_by_slug[s] for s in h.methods_of(case)],
            "path": h.learning_path(case),
            "related": h.related_cases(case),
        }, case.title, h.text_source(case), section=CORPUS_PAGE, inputs=lambda case=case: (
            facts.full(case), facts.listings(h.method_by_slug[s] for s in h.methods_of(case)),
            facts.listings(h.learning_path(case)), facts.listings(h.related_cases(case)), h.taxonomy)))
    for method in h.methods:
        plans.append(PagePlan(method.page_path, "method.md.j2", lambda method=method: {
            "method": method,
            "related": h.related_methods(method),
            "cases": h.cases_by_method[method.slug],
            "shown": sizes.cases,
        }, method.title, h.text_source(method), section=METHODS_PAGE, inputs=lambda method=method: (
            facts.full(method), facts.listings(h.related_methods(method)),
            facts.listings(h.cases_by_method[method.slug]), h.taxonomy)))
    for kind, terms, section in (("instrument", h.taxonomy.instruments, INSTRUMENTS_PAGE),
                                 ("sector", h.taxonomy.sectors, SECTORS_PAGE)):
        for term in terms.values():
            entries = [e for e in h.recommendations if term.key in getattr(e, kind + "s")]
            more = _recommendations_of_term(term)
            cases = (h.cases_by_instrument if kind == "instrument" else h.cases_by_sector)[term.key]
            plans.append(PagePlan(term.page_path, f"{kind}.md.j2", lambda kind=kind, term=term, entries=entries,
                                  cases=cases, more=more: {
                kind: term,
                **({"guide": h.method_by_slug.get(term.guide), "methods": h.methods_by_instrument[term.key]}
                   if kind == "instrument" else {"methods": h.methods_used_in(cases)}),
                "cases": cases, "shown": sizes.cases, "timeline": timeline(h, cases),
                "recommendations": _most_supported(entries, sizes.highlights),
                "all_recommendations": len(entries), "more": more, "split": split,
            }, label(term), wide=True, section=section, inputs=corpus))
            if len(entries) > sizes.highlights:
                plans += _recommendation_pages(more, entries, sizes, facts,
                                               _("Recommendations: %(what)s") % {"what": label(term)}, page_title,
                                               section=section)
    return {plan.path: plan for plan in plans}


def _recommendations_of_term(term) -> str:
    """The pages listing every recommendation of an instrument or sector: `sectors/waste/recommendations.md`."""
    return term.page_path.removesuffix(".md") + "/recommendations.md"


def _most_supported(entries, count: int) -> list:
    """The `count` entries with the most cases behind them, in the list's order (theme, then support)."""
    chosen = set(map(id, sorted(entries, key=lambda e: -e.count)[:count]))
    return [e for e in entries if id(e) in chosen]


def _recommendation_pages(first: str, entries, sizes: PageSizes, facts, title: str, page_title,
                          section: str = RECOMMENDATIONS_PAGE) -> list[PagePlan]:
    """A paged list of recommendations; a page depends on its own entries and the list's length."""
    return [PagePlan(pager.paths[pager.number - 1], "recommendation_list.md.j2",
                     lambda pager=pager, chunk=chunk: {"pager": pager, "entries": chunk, "count": len(entries),
                                                       "first": (pager.number - 1) * sizes.recommendations + 1},
                     page_title(title, pager), section=section, inputs=lambda chunk=chunk: (
                         facts.handbook.taxonomy, len(entries), tuple(facts.entry(e) for e in chunk)))
            for pager, chunk in paged(first, entries, sizes.recommendations)]


def breadcrumb(plans: dict[str, PagePlan], plan: PagePlan) -> list[tuple[str, str]]:
    """(page path, title) of the pages between the start page and this one."""
    return [(plan.section, plans[plan.section].title)] if plan.section else []


def _country_context(h: Handbook, row, highlights: int) -> dict:
    cases = row.hosted + row.partner
    members = set(map(id, cases))
    instruments = Counter(c.instrument for c in cases)
    sectors = Counter(s for c in cases for s in c.sectors)
    return {
        "row": row,
        "instruments": [(key, instruments[key]) for key in h.taxonomy.instruments if instruments[key]],
        "sectors": [(key, sectors[key]) for key in h.taxonomy.sectors if sectors[key]],
        # The most supported only: a country's cases may name thousands (their pages list them all).
        "recommendations": _most_supported([e for e in h.recommendations if any(id(c) in members for c in e.sources)],
                                           highlights),
    }


class _Facts:
    """Cases and methods as plain comparable values (tuples), each computed once per load."""

    def __init__(self, handbook: Handbook):
        self.handbook = handbook
        self._listing: dict[int, tuple] = {}
        self._corpus = None

    @staticmethod
    def full(item) -> tuple:
        """Every field of a case or method, the body included: what its own page shows."""
        return tuple(_value(getattr(item, f.name)) for f in fields(item))

    def listing(self, item) -> tuple:
        """Every field but the body: what other pages may show of a case or method."""
        found = self._listing.get(id(item))
        if found is None:
            found = self._listing[id(item)] = tuple(
                _value(getattr(item, f.name)) for f in fields(item) if f.name != "body")
        return found

    def listings(self, items) -> tuple:
        return tuple(self.listing(item) for item in items)

    def entry(self, entry) -> tuple:
        """A merged recommendation as a list shows it: its words, where it applies, its cases."""
        return (entry.theme, entry.text, entry.id, entry.instruments, entry.sectors, self.listings(entry.sources))

    def corpus(self) -> tuple:
        if self._corpus is None:
            h = self.handbook
            self._corpus = (h.taxonomy, self.listings(h.cases), self.listings(h.methods))
        return self._corpus


def _value(value):
    return tuple(value.items()) if isinstance(value, dict) else value


class Preview:
    """What a live preview keeps between builds: the load cache, and the inputs of every page.

    `changed` names the pages whose inputs differ from the previous build's (or that are new);
    the others render exactly as before and need not be built again.
    """

    def __init__(self):
        self.cache = LoadCache()
        self._inputs: dict[str, object] = {}
        self._pages: set[str] = set()
        self._pending: tuple = ({}, set(), None)
        self._taxonomy = None
        self._settings = None
        # Whether anything but bodies changed; if so, editorial pages and open data are made again.
        self.corpus_changed = True
        self._data: dict[str, str] | None = None

    def settings(self, value) -> bool:
        """What every page depends on besides the content (the site's configuration);
        True if it changed."""
        changed = value != self._settings
        if changed:
            self.forget()
        self._settings = value
        return changed

    def changed(self, handbook: Handbook, plans: dict[str, PagePlan], other_pages: set[str]) -> set[str]:
        """Pages to build again, after a load with `self.cache`; `other_pages` are the site's
        other pages (editorial ones).

        When only bodies changed, only the pages of those files change. When a page appears
        or disappears, links in Markdown bodies may resolve differently, so every page is built
        again. Otherwise the inputs of every page are compared with the previous build's.
        """
        pages = set(plans) | set(other_pages)
        if pages != self._pages:
            self._inputs = {}
        elif self._inputs and handbook.taxonomy == self._taxonomy and not any(self.cache.reread.values()):
            sources = set(self.cache.reread)
            changed = {path for path, plan in plans.items() if plan.source_path in sources}
            inputs = dict(self._inputs)
            inputs.update((path, plans[path].inputs()) for path in changed)
            self.corpus_changed = False
            self._pending = (inputs, pages, handbook.taxonomy)
            return changed
        inputs = {path: plan.inputs() for path, plan in plans.items()}
        compared: dict[tuple[int, int], bool] = {}  # overview pages share one corpus value
        changed = set()
        missing = object()
        for path, value in inputs.items():
            old = self._inputs.get(path, missing)
            key = (id(old), id(value))
            if key not in compared:
                compared[key] = old is missing or old != value
            if compared[key]:
                changed.add(path)
        self.corpus_changed = not self._inputs or compared.get(
            (id(self._inputs.get(CORPUS_PAGE, missing)), id(inputs.get(CORPUS_PAGE))), True)
        self._pending = (inputs, pages, handbook.taxonomy)
        return changed

    def commit(self) -> None:
        """The build succeeded: its inputs are what the next build compares with."""
        self._inputs, self._pages, self._taxonomy = self._pending

    def forget(self) -> None:
        """The build failed (the site may be half written) or the configuration changed: the
        next build builds every page."""
        self._inputs, self._pages = {}, set()

    def data_files(self, handbook: Handbook, exports: dict[str, Callable[[Handbook], str]]) -> dict[str, str]:
        """The open-data files, exported again only when what they hold may have changed."""
        if self.corpus_changed or self._data is None:
            self._data = {path: export(handbook) for path, export in exports.items()}
        return self._data
