"""Helpers for the offline-bundle and accessibility tests: build and unpack the bundle, pick
pages and a search word from whatever corpus exists."""
from __future__ import annotations

import html
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


_TAG = re.compile(r"<[^>]+>")
_SEPARATOR = re.compile(r"[\s\-]+")  # the search plugin's default separator


def _words(text: str) -> set[str]:
    text = html.unescape(_TAG.sub(" ", text)).lower()
    return {token.strip(".,;:!?()[]{}\"'„“”‚‘’«»…/") for token in _SEPARATOR.split(text)} - {""}


def unique_case_word(site: Path) -> tuple[str, str]:
    """A word in the body of exactly one case and in no other page of the search index
    (nor as the start of another page's word, since search matches prefixes, even less its
    last three letters, since stemming cuts endings), and not in that case's title: (word, case page location such as 'cases/x.html' or 'cases/x/')."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    words_of_page: dict[str, set[str]] = defaultdict(set)
    body_words: dict[str, set[str]] = defaultdict(set)
    titles: dict[str, set[str]] = defaultdict(set)
    for doc in index["docs"]:
        page = doc["location"].split("#")[0]
        title, text = _words(doc.get("title", "")), _words(doc.get("text", ""))
        words_of_page[page] |= title | text
        body_words[page] |= text
        if "#" not in doc["location"]:
            titles[page] |= title
    cases = sorted(page for page in words_of_page
                   if re.fullmatch(r"cases/(?!index\b)[^/]+(\.html|/)", page))
    assert cases, "the search index has no case page"
    pages_with_prefix: dict[str, set[str]] = defaultdict(set)  # also whole words
    for page, words in words_of_page.items():
        for word in words:
            for n in range(6, len(word) + 1):
                pages_with_prefix[word[:n]].add(page)
    for case in cases:
        for word in sorted(body_words[case] - titles[case]):
            # The word less its last three letters is unique too: German stemming cuts endings.
            if len(word) >= 9 and word.isalpha() and pages_with_prefix[word[:len(word) - 3]] == {case}:
                return word, case
    raise AssertionError("no word occurs in exactly one case's body")
