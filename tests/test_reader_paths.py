"""Issue 11, items 6 and 11: every generated page says where it is (breadcrumb, section marked in
the navigation), and search finds a page by its own text, not through lists of other pages."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from municipal_handbook.search import html_text, words
from offline_helpers import search_index

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = {"cases": "Fälle", "methods": "Methoden", "instruments": "Instrumente", "sectors": "Sektoren"}


def text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def one_page_per_section(site: Path) -> list[tuple[str, str]]:
    found = []
    for folder in SECTIONS:
        pages = sorted(p.parent.name for p in (site / folder).glob("*/index.html"))
        assert pages, f"no page under {folder}/"
        found += [(folder, pages[0]), (folder, pages[-1])]
    return found


@pytest.mark.parametrize("position", [0, 1])
def test_generated_pages_have_a_breadcrumb_through_their_section(project_build, position):
    for folder, name in one_page_per_section(project_build.site)[position::2]:
        page = project_build.site / folder / name / "index.html"
        page_html = page.read_text(encoding="utf-8")
        crumb = re.search(r'<nav class="hb-breadcrumb" aria-label="Sie sind hier"[^>]*>(.*?)</nav>',
                          page_html, re.S)
        assert crumb, f"{folder}/{name}: no breadcrumb"
        items = re.findall(r"<li[^>]*>(.*?)</li>", crumb.group(1), re.S)
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page_html, re.S).group(1)
        title = text(re.sub(r'<a class="headerlink".*?</a>', "", h1))
        assert [text(i) for i in items] == ["Start", SECTIONS[folder], title], folder
        hrefs = re.findall(r'href="([^"]+)"', crumb.group(1))
        targets = [(page.parent / h / "index.html").resolve() for h in hrefs]
        assert targets == [(project_build.site / "index.html").resolve(),
                           (project_build.site / folder / "index.html").resolve()]
        assert page_html.index("hb-breadcrumb") < page_html.index("<h1")
        # The navigation marks the section (the page itself is not in it), on this page only.
        marked = re.findall(r'<li class="md-nav__item md-nav__item--active">\s*<a href="([^"]+)"', page_html)
        assert [(page.parent / h / "index.html").resolve() for h in marked] == [targets[1]], folder


def test_section_mark_does_not_leak_to_other_pages(project_build):
    """After a case page, editorial pages mark only themselves."""
    page_html = (project_build.site / "mitmachen" / "index.html").read_text(encoding="utf-8")
    marked = re.findall(r'<li class="md-nav__item md-nav__item--active">(.*?)</li>', page_html, re.S)
    assert len(marked) == 1 and "Mitmachen" in marked[0]


def test_search_finds_a_case_title_only_where_a_text_names_it(project_build):
    """'Radverkehr Skopje' found 11 pages through related-case lists, learning paths and tables.
    Now the words of a case's title find its own page and pages whose own text has them (or
    another form of them), not counting the lists of other pages."""
    index = search_index(project_build.site)
    titles = {}
    for path in sorted((ROOT / "cases").glob("[!_]*.md")):
        if path.suffixes != [".md"]:
            continue  # a translation
        match = re.search(r"(?m)^title: *[\"']?(.+?)[\"']?$", path.read_text(encoding="utf-8"))
        titles[f"cases/{path.stem}/"] = match.group(1).replace("\\\"", '"')
    assert len(titles) > 10
    padded = []
    for own_page, title in titles.items():
        title_words = [w for w in words(title) if len(w) >= 4]
        found = set.intersection(*(index.pages_of(w) for w in title_words)) if title_words else set()
        assert own_page in found, title
        for page in sorted(found - {own_page}):  # its own text: the page without its lists of other pages
            text = words(html_text(project_build.html(page).partition("<article")[2].partition("</article>")[0])[0])
            stems = {group for word in text for group in index.forms.get(word, ())}
            if not all(stems & set(index.forms[word]) for word in title_words):
                padded.append((page, title))
    assert padded == []


def test_navigation_lists_are_marked_for_every_search_engine(project_build):
    """Lists of other pages carry data-search-exclude, the agreed marker (also for other engines)."""
    site = project_build.site
    pages = [site / "index.html", site / "cases" / "index.html", site / "instruments" / "index.html"]
    pages += [p for folder in SECTIONS for p in sorted((site / folder).glob("*/index.html"))[:2]]
    lists = 0
    for page in pages:
        for tag in re.findall(r'<[a-z]+ [^>]*class="(?:hb-related|hb-path|hb-table-wrap|hb-cards|hb-methods|'
                              r'hb-breadcrumb)"[^>]*>', page.read_text(encoding="utf-8")):
            lists += 1
            assert "data-search-exclude" in tag, f"{page}: {tag}"
    assert lists >= len(pages)
