"""The whole handbook: every method and case, checked together, with the indexes pages need.

Indexes are built once per load in time linear in the corpus, so a page never scans
all cases (the build must stay linear at thousands of cases).
"""
from __future__ import annotations

import heapq
import os
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import islice
from operator import attrgetter
from pathlib import Path

from .model import Case, Method, Taxonomy
from .problems import Problem, closest, quote
from .i18n import languages
from .recommendations import RecommendationEntry, merge_recommendations, normalise
from .source import SourceDocument, read_document
from .taxonomy import load_taxonomy
from .translation import Translation, check_translation, is_translation_path, split_path
from .validation import CASE_FIELDS, METHOD_FIELDS, check_file_name, validate_case, validate_method

CONTENT_FOLDERS = ("methods", "cases")
_sort_key = attrgetter("sort_key")
RELATED_CASES = 5


CONTENT_SUFFIX = ".md"


def classify_entry(entry: "Path | os.DirEntry") -> str:
    """What an entry of `cases/` or `methods/` is: "content", "template" (a name starting with
    '_'), or the code of the problem that keeps it from being published. The one place that
    decides which names are content; `<slug>.<lang>.md` is a "translation" (translation.py)."""
    name = entry.name
    if entry.is_symlink():
        return "file-symlink"  # never followed: it could publish a file from outside the repository
    if entry.is_dir():
        return "file-folder"
    if not entry.is_file():
        return "file-special"
    if name != name.strip():
        return "file-name-space"
    if not name.endswith(CONTENT_SUFFIX):
        return "file-extension"
    if name.startswith("_"):
        return "template"
    return "translation" if is_translation_path(name) else "content"


def suggested_name(name: str) -> str:
    """The name a misnamed entry probably should have, for the message."""
    stem = name.strip()
    for suffix in (".markdown", ".mdown", ".mkd", ".md", ".txt"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    return stem.strip() + CONTENT_SUFFIX


def folder_entries(root: Path, folder: str) -> tuple[dict[str, list[str]], list[Problem]]:
    """A folder's published content files and translations ({"content": […], "translation": […]}),
    and a problem for every entry that is neither, nor a template: nothing in the folder is
    skipped without a word. Listed once per load (os.scandir knows each entry's type without
    another system call: at thousands of cases, stat calls were a third of a preview's load)."""
    directory = root / folder
    found = {"content": [], "translation": []}
    if directory.is_symlink():
        return found, [Problem(folder, None, "file name", "file-symlink", {"value": quote(folder)})]
    if not directory.is_dir():
        return found, []
    problems = []
    with os.scandir(directory) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            kind = classify_entry(entry)
            path = f"{folder}/{entry.name}"
            if kind in found:
                found[kind].append(path)
            elif kind != "template":
                problems.append(Problem(path, None, "file name", kind,
                                        {"value": quote(entry.name), "name": suggested_name(entry.name),
                                         "folder": folder}))
    return found, problems


def content_files(root: Path, folder: str, translations: bool = False) -> list[str]:
    """Published content files of a folder (or its translations); names starting with '_' are templates."""
    return folder_entries(root, folder)[0]["translation" if translations else "content"]


@dataclass(frozen=True)
class LoadResult:
    handbook: "Handbook | None"
    problems: list[Problem]
    notes: list[Problem] = field(default_factory=list)  # reported, but no error (outdated translations)


class LoadCache:
    """What earlier loads read and checked, for a live preview that reloads after every edit.

    A file is read again only when its size or modification time changed, and checked
    again only when it or the taxonomy changed; a load with the cache gives exactly what
    a load without it gives. Files that disappeared are forgotten.
    """

    def __init__(self):
        self._read: dict[str, tuple] = {}  # path -> (stamp, document, problems)
        self._checked: dict[str, tuple] = {}  # path -> (document, taxonomy, (object, problems))
        # Files read again by the latest load -> whether more than the body changed
        # (front matter, or the file is new or unreadable).
        self.reread: dict[str, bool] = {}

    def read(self, root: Path, path: str) -> tuple[SourceDocument | None, list[Problem]]:
        stat = (root / path).stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        hit = self._read.get(path)
        if hit is None or hit[0] != stamp:
            old = hit[1] if hit else None
            hit = self._read[path] = (stamp, *read_document(root, path))
            self.reread[path] = old is None or hit[1] is None or old.meta != hit[1].meta
        return hit[1], list(hit[2])

    def check(self, validate, document: SourceDocument, taxonomy: Taxonomy, render_markup: bool = True):
        hit = self._checked.get(document.path)
        if hit is None or hit[0] is not document or hit[1] != taxonomy:
            hit = self._checked[document.path] = (document, taxonomy, validate(document, taxonomy, render_markup))
        found, problems = hit[2]
        return found, list(problems)

    def keep_only(self, paths) -> None:
        paths = set(paths)
        for cache in (self._read, self._checked):
            for path in [p for p in cache if p not in paths]:
                del cache[path]


class _NoCache(LoadCache):
    def read(self, root, path):
        return read_document(root, path)

    def check(self, validate, document, taxonomy, render_markup=True):
        return validate(document, taxonomy, render_markup)


def load_handbook(root: Path, cache: LoadCache | None = None, *, render_markup: bool = True,
                  exclude=frozenset()) -> LoadResult:
    """Read, check and link everything; problems of all files come back together.

    `render_markup=False` leaves out rendering every body to find markup the sanitiser would
    remove: a site build finds it in the pages it renders anyway (`sanitiser.body_problems`).
    Files in `exclude` are left out as if they did not exist (see `load_for_preview`).
    """
    root = Path(root)
    cache = cache or _NoCache()
    cache.reread = {}
    if (root / "taxonomy.yml").is_symlink():  # never read a file from outside the repository
        return LoadResult(None, [Problem("taxonomy.yml", None, "file name", "file-symlink", {"value": "'taxonomy.yml'"})])
    taxonomy, problems = load_taxonomy(root / "taxonomy.yml")
    if taxonomy is None:
        return LoadResult(None, problems)
    documents: dict[str, list[SourceDocument]] = {}
    translation_paths: dict[str, list[str]] = {}
    seen = []
    for folder in CONTENT_FOLDERS:
        documents[folder] = []
        entries, entry_problems = folder_entries(root, folder)
        translation_paths[folder] = entries["translation"]
        seen += entries["translation"]  # read after the originals
        problems += entry_problems
        for path in entries["content"]:
            if path in exclude:
                continue
            seen.append(path)
            name_problems = check_file_name(path)
            try:
                document, read_problems = cache.read(root, path)
            except Exception as error:  # noqa: BLE001 -- the guard at the file boundary: never a traceback
                document, read_problems = None, [_unreadable(path, error)]
            problems += name_problems + read_problems
            if document is not None and not name_problems:
                documents[folder].append(document)
    cache.keep_only(seen)
    methods, cases = [], []
    for folder, validate, items in (("methods", validate_method, methods), ("cases", validate_case, cases)):
        for document in documents[folder]:
            try:
                item, found = cache.check(validate, document, taxonomy, render_markup)
            except Exception as error:  # noqa: BLE001 -- the guard at the file boundary: never a traceback
                item, found = None, [_unreadable(document.path, error)]
            problems += found
            items.append(item)
    known_methods = {d.slug for d in documents["methods"]}
    known_cases = {d.slug for d in documents["cases"]}
    problems += _check_references(documents["methods"], "related", known_methods, "method", "methods")
    problems += _check_references(documents["cases"], "methods", known_methods, "method", "methods")
    problems += _check_references(documents["cases"], "follows", known_cases, "case", "cases")
    problems += _check_unique_titles(documents["methods"]) + _check_unique_titles(documents["cases"])
    for instrument in taxonomy.instruments.values():
        if instrument.guide and instrument.guide not in known_methods:
            problems.append(Problem("taxonomy.yml", None, f"instruments.{instrument.key}.guide", "unknown-slug",
                                    {"kind": "method", "value": quote(instrument.guide), "folder": "methods",
                                     "suggestion": closest(instrument.guide, known_methods)}))
    problems += _check_follows_cycles(documents["cases"])
    problems += _check_method_links(documents["cases"], "methods", known_methods, taxonomy)
    problems += _check_method_links(documents["methods"], "related", known_methods, taxonomy)
    translations, notes = _load_translations(root, cache, documents, translation_paths, cases, problems)
    if problems:
        return LoadResult(None, sorted(problems, key=lambda p: (p.path, p.line or 0, p.field)))
    return LoadResult(Handbook(taxonomy, methods, cases, translations), [], notes)


def _load_translations(root, cache, documents, paths, cases, problems) -> tuple[dict, list[Problem]]:
    """Every `<slug>.<lang>.md` checked against its original: {(original path, language): Translation}."""
    translations: dict[tuple[str, str], Translation] = {}
    notes = []
    known = languages()
    language_of = {c.source_path: c.language for c in cases if c is not None}
    for folder, fields in (("methods", METHOD_FIELDS), ("cases", CASE_FIELDS)):
        originals = {d.path: d for d in documents[folder]}
        for path in paths[folder]:
            document, found = cache.read(root, path)
            problems += found
            if document is None:
                continue
            original_path, _ = split_path(path)
            translation, found = check_translation(document, originals.get(original_path),
                                                   language_of.get(original_path, "de"), known, fields)
            if translation is not None:
                translations[(translation.original, translation.language)] = translation
                notes += found
            else:
                problems += found
    return translations, notes


def _unreadable(path: str, error: Exception) -> Problem:
    """A surprise while reading or checking one file, as a problem of that file. Only the kind of
    error is quoted, never its text, which could hold content from anywhere."""
    return Problem(path, None, "file", "unreadable", {"detail": type(error).__name__})


def load_for_preview(root: Path, cache: LoadCache | None = None, *, render_markup: bool = True) -> LoadResult:
    """Every problem, and the handbook of the content files that have none, for a live preview:
    it shows what works and lists what does not, where `load_handbook` gives no handbook at all.

    A file that names a left-out file is left out too, until the rest is consistent; the handbook
    is None only when the taxonomy itself is wrong."""
    result = load_handbook(root, cache, render_markup=render_markup)
    problems, excluded = result.problems, set()
    while result.handbook is None:
        more = {p.path for p in result.problems if p.path.startswith(tuple(f"{f}/" for f in CONTENT_FOLDERS))}
        if not more - excluded:
            return LoadResult(None, problems)
        excluded |= more
        result = load_handbook(root, cache, render_markup=render_markup, exclude=excluded)
    return LoadResult(result.handbook, problems, result.notes)


def _check_references(documents, field, known, kind, folder) -> list[Problem]:
    problems = []
    for document in documents:
        values = document.meta.get(field)
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, list):
            continue
        for index, slug in enumerate(values):
            if not isinstance(slug, str):
                continue
            name = f"{field}[{index}]"
            if slug == document.slug:
                problems.append(Problem(document.path, document.line_of(name), name, "self-reference",
                                        {"value": quote(slug)}))
            elif slug not in known:
                problems.append(Problem(document.path, document.line_of(name), name, "unknown-slug",
                                        {"kind": kind, "value": quote(slug), "folder": folder,
                                         "suggestion": closest(slug, known)}))
    return problems


def _check_unique_titles(documents) -> list[Problem]:
    seen: dict[str, SourceDocument] = {}
    problems = []
    for document in documents:
        title = document.meta.get("title")
        if not isinstance(title, str):
            continue
        normalised = " ".join(title.casefold().split())
        if normalised in seen:
            problems.append(Problem(document.path, document.line_of("title"), "title", "duplicate-title",
                                    {"value": quote(title), "other": seen[normalised].path}))
        else:
            seen[normalised] = document
    return problems


def _check_follows_cycles(documents) -> list[Problem]:
    """Report each cycle in 'follows' once, at the file of its first member."""
    edges = {}
    for document in documents:
        follows = document.meta.get("follows")
        edges[document.slug] = [s for s in (follows if isinstance(follows, list) else [follows])
                                if isinstance(s, str)]
    by_slug = {d.slug: d for d in documents}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    problems = []

    for start in sorted(edges):
        if state.get(start):
            continue
        stack = [(start, iter(edges[start]))]
        path = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                path.pop()
            elif child in edges and state.get(child) == 1:
                cycle = path[path.index(child):] + [child]
                document = by_slug[cycle[0]]
                problems.append(Problem(document.path, document.line_of("follows"), "follows", "follows-cycle",
                                        {"value": " → ".join(cycle)}))
            elif child in edges and not state.get(child):
                state[child] = 1
                stack.append((child, iter(edges[child])))
                path.append(child)
    return problems


def linked_methods(document: SourceDocument, known) -> list[tuple[int, str]]:
    """(line in the file, slug) of every link in the body to a method page that a reader sees."""
    found = []
    for line, path in document.links:
        name = path.removesuffix("/index.md").removeprefix("methods/")
        slug = name.removesuffix(".md")
        if name != path and slug in known:
            found.append((line, slug))
    return found


def _declared(values) -> list:
    values = [values] if isinstance(values, str) else values
    return [v for v in values if isinstance(v, str)] if isinstance(values, list) else []


def _check_method_links(documents, field, known, taxonomy: Taxonomy) -> list[Problem]:
    """A body that links a method page its front matter does not declare drifts from the data.

    A case declares a method in `methods` (its instrument's guide counts as declared: the
    instrument names it); a method declares another one in `related` (in either file, as
    `related` counts both ways). Each problem carries the complete corrected line.
    """
    related_to = defaultdict(set)
    if field == "related":
        for document in documents:
            for other in _declared(document.meta.get("related")):
                related_to[other].add(document.slug)
    problems = []
    for document in documents:
        declared = _declared(document.meta.get(field))
        implied = set(related_to[document.slug]) | {document.slug}
        instrument = taxonomy.instruments.get(document.meta.get("instrument")) if field == "methods" else None
        if instrument and instrument.guide:
            implied.add(instrument.guide)
        links = [(line, slug) for line, slug in linked_methods(document, known)
                 if slug not in declared and slug not in implied]
        if not links:
            continue
        fix = f"{field}: [{', '.join(dict.fromkeys(declared + [slug for _, slug in links]))}]"
        for line, slug in links:
            problems.append(Problem(document.path, line, "body", f"undeclared-method-link-{field}",
                                    {"value": quote(slug), "fix": fix}))
    return problems


class Handbook:
    """Methods and cases after validation, with the lookups generated pages need."""

    def __init__(self, taxonomy: Taxonomy, methods: list[Method], cases: list[Case],
                 translations: dict[tuple[str, str], Translation] | None = None):
        self.taxonomy = taxonomy
        self.translations = translations or {}
        # The language each case and method was written in (an edition shows some translated).
        self.original_languages = {item.source_path: item.language for item in (*methods, *cases)}
        self.methods = tuple(sorted(methods, key=lambda m: (m.title.casefold(), m.slug)))
        self.cases = tuple(sorted(cases, key=lambda c: c.sort_key))
        self.method_by_slug = {m.slug: m for m in self.methods}
        self.case_by_slug = {c.slug: c for c in self.cases}
        self.by_source_path = {path: item for item in (*self.methods, *self.cases)
                               for path in {item.source_path, self.text_source(item)}}
        self.cases_by_instrument = defaultdict(list)
        self.cases_by_sector = defaultdict(list)
        self.cases_by_method = defaultdict(list)
        self.followers = defaultdict(list)
        for case in self.cases:  # newest first, so every list below is too
            self.cases_by_instrument[case.instrument].append(case)
            for sector in case.sectors:
                self.cases_by_sector[sector].append(case)
            for slug in self.methods_of(case):
                self.cases_by_method[slug].append(case)
            for earlier in case.follows:
                self.followers[earlier].append(case)
        self.methods_by_instrument = defaultdict(list)
        self._figures: dict[tuple, dict[str, int]] = {}
        self._related_methods = defaultdict(set)
        for method in self.methods:
            for key in method.instruments:
                self.methods_by_instrument[key].append(method)
            for other in method.related:
                self._related_methods[method.slug].add(other)
                self._related_methods[other].add(method.slug)

    def edition(self, language: str) -> "Handbook":
        """The handbook as the edition in `language` shows it: every case and method in its
        translation where there is one, otherwise in its own language (`language` says which).
        Recommendations merge as in the originals, so both editions count them alike."""
        if (not any(lang == language for _, lang in self.translations)
                and all(item.language == language for item in (*self.cases, *self.methods))):
            return self  # nothing to translate into this language: the edition is the original
        cases = {c.slug: self._translated(c, language) for c in self.cases}
        methods = [self._translated(m, language) for m in self.methods]
        view = Handbook(self.taxonomy, methods, list(cases.values()), self.translations)
        view.original_languages = self.original_languages
        view.recommendations = [self._entry_in(entry, cases) for entry in self.recommendations]
        return view

    def translation(self, item, language: str) -> Translation | None:
        return self.translations.get((item.source_path, language))

    def translation_state(self, item, language: str) -> str:
        """'original', 'translated', 'outdated' (the original changed since) or 'missing'."""
        if self.original_languages[item.source_path] == language:
            return "original"
        translation = self.translation(item, language)
        if translation is None:
            return "missing"
        return "outdated" if translation.outdated else "translated"

    def text_source(self, item) -> str:
        """The file a case's or method's text comes from in this edition: its translation or itself."""
        translation = self.translation(item, item.language)
        return translation.path if translation else item.source_path

    def _translated(self, item, language: str):
        translation = self.translation(item, language)
        if translation is None:
            return item
        changes = {"title": translation.title, "body": translation.body, "body_line": translation.body_line,
                   "language": language}
        if translation.summary is not None:
            changes["summary"] = translation.summary
        if isinstance(item, Case):
            changes["recommendations"] = tuple(replace(r, text=text) for r, text
                                               in zip(item.recommendations, translation.recommendations))
        return replace(item, **changes)

    @staticmethod
    def _entry_in(entry: RecommendationEntry, cases: dict) -> RecommendationEntry:
        """An entry in an edition's words: the wording of its newest case there."""
        newest = entry.sources[0]
        index = next(i for i, r in enumerate(newest.recommendations)
                     if (entry.id and r.id == entry.id)
                     or (not entry.id and r.theme == entry.theme and normalise(r.text) == normalise(entry.text)))
        return replace(entry, text=cases[newest.slug].recommendations[index].text,
                       sources=tuple(cases[c.slug] for c in entry.sources))

    def related_methods(self, method: Method) -> list[Method]:
        """`related` links count both ways: naming one side is enough."""
        return sorted((self.method_by_slug[s] for s in self._related_methods[method.slug]),
                      key=lambda m: (m.title.casefold(), m.slug))

    def methods_of(self, case: Case) -> tuple[str, ...]:
        """The methods a case used: the page that explains its instrument (its `guide`), then the
        ones it declares. The instrument names its guide, so no case has to repeat it."""
        guide = self.taxonomy.instruments[case.instrument].guide
        implied = (guide,) if guide in self.method_by_slug else ()
        return tuple(dict.fromkeys(implied + case.methods))

    def methods_used_in(self, cases) -> list[Method]:
        used = {slug for case in cases for slug in self.methods_of(case)}
        return [m for m in self.methods if m.slug in used]

    def learning_path(self, case: Case) -> list[Case]:
        """All cases linked to this one through `follows`, either way, in date order.

        A single case without links has no path (an empty list).
        """
        seen = {case.slug}
        queue = [case]
        while queue:
            current = queue.pop()
            for neighbour in [self.case_by_slug[s] for s in current.follows] + self.followers[current.slug]:
                if neighbour.slug not in seen:
                    seen.add(neighbour.slug)
                    queue.append(neighbour)
        if len(seen) == 1:
            return []
        return sorted((self.case_by_slug[s] for s in seen), key=lambda c: (c.date, c.slug))

    @cached_property
    def _cases_by_profile(self) -> dict[tuple, list[Case]]:
        """Cases grouped by (instrument, sectors): the only thing relatedness looks at."""
        groups = defaultdict(list)
        for case in self.cases:
            groups[(case.instrument, frozenset(case.sectors))].append(case)
        return groups

    @cached_property
    def _profile_heads(self) -> list[tuple]:
        return [(instrument, sectors, members) for (instrument, sectors), members in self._cases_by_profile.items()]

    @cached_property
    def _related_memo(self) -> dict[tuple, list[Case]]:
        """The best candidates per profile, each computed once, on first use, not per case.

        Relatedness depends only on the profiles, and their number is bounded by the
        taxonomy, so the total cost grows linearly with the number of cases. A live preview
        that rebuilds one case page computes just that case's profile.
        """
        return {}

    def _related_for(self, profile: tuple, wanted: int) -> list[Case]:
        found = self._related_memo.get((profile, wanted))
        if found is not None:
            return found
        instrument, sectors = profile
        by_score = defaultdict(list)
        for other_instrument, other_sectors, members in self._profile_heads:
            score = (other_instrument == instrument) + len(sectors & other_sectors)
            if score:
                by_score[score].append(members)
        best: list[Case] = []  # highest score first; within a score, newest first
        for score in sorted(by_score, reverse=True):
            best += islice(heapq.merge(*by_score[score], key=_sort_key), wanted - len(best))
            if len(best) == wanted:
                break
        self._related_memo[(profile, wanted)] = best
        return best

    def related_cases(self, case: Case) -> list[Case]:
        """Same instrument or a shared sector: most overlap first, then newest; at most five.
        Cases of its learning path are not repeated (the page lists them already)."""
        shown = {c.slug for c in self.learning_path(case)} | {case.slug}
        candidates = self._related_for((case.instrument, frozenset(case.sectors)), RELATED_CASES + len(shown))
        return [c for c in candidates if c.slug not in shown][:RELATED_CASES]

    @cached_property
    def recommendations(self) -> list[RecommendationEntry]:
        return merge_recommendations(self.cases, self.taxonomy)

    def matrix(self) -> dict[tuple[str, str], int]:
        """Case counts per (instrument, sector); a case with several sectors counts in each,
        so a row's cells may add up to more than the instrument's cases."""
        counts = defaultdict(int)
        for case in self.cases:
            for sector in case.sectors:
                counts[(case.instrument, sector)] += 1
        return counts

    def select_cases(self, instrument: str | None = None, sector: str | None = None) -> list[Case]:
        """Cases of an instrument and/or a sector, newest first (for editors' macros)."""
        _require(instrument, self.taxonomy.instruments, "instrument")
        _require(sector, self.taxonomy.sectors, "sector")
        cases = self.cases_by_instrument[instrument] if instrument else self.cases
        return [c for c in cases if sector is None or sector in c.sectors]

    def recommendations_of(self, theme: str) -> list[RecommendationEntry]:
        _require(theme, self.taxonomy.themes, "theme")
        return [e for e in self.recommendations if e.theme == theme]

    def figures(self, instrument: str | None = None, sector: str | None = None) -> dict[str, int]:
        """How many cases and methods an instrument, a sector or (with neither) the handbook has.

        The one definition of these counts: overview pages, the page itself, the matrix's
        totals and the home page all show them from here, so no two pages disagree. The
        methods of an instrument are those that name it (its guide included); those of a
        sector are the ones its cases used.
        """
        key = (instrument, sector)
        if key not in self._figures:  # dozens of pages ask, each count is a pass over the cases
            self._figures[key] = self._count(instrument, sector)
        return self._figures[key]

    def _count(self, instrument: str | None, sector: str | None) -> dict[str, int]:
        if instrument is not None:
            _require(instrument, self.taxonomy.instruments, "instrument")
            return {"cases": len(self.cases_by_instrument[instrument]),
                    "methods": len(self.methods_by_instrument[instrument])}
        if sector is not None:
            _require(sector, self.taxonomy.sectors, "sector")
            return {"cases": len(self.cases_by_sector[sector]),
                    "methods": len(self.methods_used_in(self.cases_by_sector[sector]))}
        return {"cases": len(self.cases), "methods": len(self.methods)}

    def counts(self) -> dict[str, int]:
        return {**self.figures(), "instruments": len(self.taxonomy.instruments),
                "sectors": len(self.taxonomy.sectors), "recommendations": len(self.recommendations),
                "countries": len(self.countries())}

    def countries(self) -> list[str]:
        """Every country a case took place in or drew participants from (what the "Land" filter offers)."""
        return sorted({code for c in self.cases for code in c.countries})

    def years(self) -> list[int]:
        return sorted({c.date.year for c in self.cases}, reverse=True)


def _require(key: str | None, vocabulary: dict, name: str) -> None:
    """Editors' macros name taxonomy keys; a typo must stop the build with what is allowed."""
    if key is not None and key not in vocabulary:
        raise ValueError(f"{name}={key!r} is unknown; allowed: {', '.join(vocabulary)}")
