"""Helpers for the offline-bundle and accessibility tests: build and unpack the bundle, pick
pages and a search word from whatever corpus exists."""
from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "offline_bundle.py"


def load_tool():
    """tools/offline_bundle.py as a module (tools/ is no package)."""
    spec = importlib.util.spec_from_file_location("offline_bundle_tool", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Bundle:
    zip_path: Path
    output: str  # what the command printed
    folder: Path  # the unpacked top folder, holding index.html


def make_bundle(dist: Path, unpack_to: Path) -> Bundle:
    """Run the documented command once and unpack its zip."""
    done = subprocess.run([sys.executable, str(TOOL), "--dist", str(dist)], cwd=ROOT, capture_output=True,
                          text=True, timeout=900, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stdout + done.stderr
    zips = sorted(dist.glob("*.zip"))
    assert len(zips) == 1, zips
    with zipfile.ZipFile(zips[0]) as bundle:
        bundle.extractall(unpack_to)
    folders = [path for path in unpack_to.iterdir()]
    assert len(folders) == 1 and folders[0].is_dir(), f"the zip must unpack into one folder: {folders}"
    return Bundle(zips[0], done.stdout, folders[0])


def page_url(site: Path, base: str, path: str, offline: bool) -> str:
    """The URL of a page given as 'cases/x' (no suffix) in either build."""
    if offline:
        return base + (path or "index") + ".html"
    if not path or path == "index":
        return base
    return base + (path[: -len("index")] if path.endswith("/index") else path + "/")


def pages_in(site: Path, folder: str, offline: bool) -> list[str]:
    """Content pages under a folder as 'folder/name', sorted, without the folder's index."""
    if offline:
        names = [p.stem for p in (site / folder).glob("*.html") if p.stem != "index"]
    else:
        names = [p.name for p in (site / folder).iterdir() if (p / "index.html").is_file()]
    return sorted(f"{folder}/{name}" for name in names)


def _calls(folder: Path) -> list[list]:
    """The arguments of every `window.__handbookSearch.<kind>(…)` call in the scripts of a folder."""
    found = []
    for script in sorted(folder.glob("*.js")):
        text = script.read_text(encoding="utf-8")
        found.append(json.loads("[" + text[text.index("(") + 1:text.rindex(")")] + "]"))
    return found


@dataclass
class SearchIndex:
    """The built index of one edition, read back: docs (url, title, kind, …) by id, word form ->
    stem groups, stem group -> doc ids."""

    docs: list[list]
    forms: dict[str, list[str]]
    postings: dict[str, set[int]]

    def pages_of(self, form: str) -> set[str]:
        return {self.docs[doc][0] for group in self.forms.get(form, []) for doc in self.postings[group]}


def search_index(site: Path) -> SearchIndex:
    docs = [row for _, rows in sorted(_calls(site / "search" / "m")) for row in rows]
    forms = {form: pairs[::2] for call in _calls(site / "search" / "t") if isinstance(call[1], dict)
             for form, pairs in call[1].items()}
    postings = {}
    for _, groups in _calls(site / "search" / "p"):
        for group, flat in groups.items():
            ids, doc = set(), 0
            for delta in flat[::2]:
                doc += delta
                ids.add(doc)
            postings[group] = ids
    return SearchIndex(docs, forms, postings)


def unique_case_word(site: Path, language: str | None = None) -> tuple[str, str]:
    """A word of exactly one case's text, not of its title, that finds that case alone, also as
    the start of longer words (the last word typed stands for every word it begins) and less its
    last three letters (stemming cuts endings), of a case in `language` if given: (word, case page
    location such as 'cases/x.html' or 'cases/x/')."""
    index = search_index(site)
    cases = sorted((row[0], row[1]) for row in index.docs if language in (None, row[6]) and re.fullmatch(r"cases/(?!index\b)[^/]+(\.html|/)", row[0]))
    assert cases, "the search index has no case page"
    pages_with_prefix: dict[str, set[str]] = defaultdict(set)
    for form in index.forms:
        pages = index.pages_of(form)
        for n in range(6, len(form) + 1):
            pages_with_prefix[form[:n]] |= pages
    for case, title in cases:
        title_words = set(re.findall(r"[^\W_]+", title.casefold()))
        for form in sorted(index.forms):
            if (len(form) >= 9 and form.isalpha() and form not in title_words
                    and index.pages_of(form) == {case} and pages_with_prefix[form[:len(form) - 3]] == {case}):
                return form, case
    raise AssertionError("no word occurs in exactly one case's text")
