"""Issue 14, item 1: the handbook's own search (municipal_handbook/search.py, search.js).

Domain tests without a build; then the real project built once: the index of each edition,
nothing of it downloaded before a reader searches, results with kind, date and place, the English
edition's results in en/ (German-only cases too), axe-core on the search page."""
from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from conftest import built_site
from corpus import ALL
from offline_helpers import search_index, unique_case_word
from test_accessibility import describe, run_axe

from municipal_handbook.search import SearchDocument, SearchIndex, html_text, words


def _index(*documents: SearchDocument, edition: str = "de"):
    files = SearchIndex().files(list(documents), edition)
    return files


def _doc(url: str, title: str, text: str, language: str = "de") -> SearchDocument:
    return SearchDocument(url, "page", title, text, language)


def _read(files: dict, tmp_path):
    for path, content in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(content)
    return search_index(tmp_path)


def test_word_forms_share_their_german_stem_and_the_plural_s(tmp_path):
    index = _read(_index(_doc("a/", "Eins", "Die Städte planen einen Workshop"),
                         _doc("b/", "Zwei", "Eine Stadt plant Workshops")), tmp_path)
    assert index.pages_of("städte") == index.pages_of("stadt") == {"a/", "b/"}
    assert index.pages_of("workshops") == index.pages_of("workshop") == {"a/", "b/"}


def test_each_text_is_stemmed_in_its_own_language(tmp_path):
    """In the English edition a German-only case keeps German stems, apart from English ones."""
    index = _read(_index(_doc("a/", "One", "cities meet", "en"), _doc("b/", "Zwei", "Städte treffen sich"),
                         edition="en"), tmp_path)
    assert index.pages_of("cities") == {"a/"} and index.pages_of("städte") == {"b/"}
    assert index.forms["cities"] == ["citi"] and index.forms["städte"] == ["de:stadt"]


def test_words_fold_case_and_sharp_s():
    assert words("Straße, KÖLN; e-Mail_x") == ["strasse", "köln", "e", "mail", "x"]


def test_a_title_word_weighs_more_than_the_same_word_in_the_body(tmp_path):
    files = _index(_doc("a/", "Verkehr", "Ein Text über etwas anderes mit vielen Wörtern"),
                   _doc("b/", "Etwas", "Ein Text über den Verkehr mit vielen Wörtern"))
    postings = next(content for path, content in files.items() if b'"verkehr"' in content and "/p/" in path)
    weights = re.search(rb'"verkehr":\[0,(\d+),1,(\d+)\]', postings).groups()
    assert int(weights[0]) > int(weights[1])


def test_navigation_lists_are_not_searched():
    text, lead = html_text('<h1>Titel<a class="headerlink" href="#x">¶</a></h1><p>Eigenes</p>'
                           '<ul data-search-exclude><li><a>Anderer Fall</a></li></ul><p>Ende</p>')
    assert text.split() == ["Titel", "Eigenes", "Ende"] and lead.split() == ["Eigenes", "Ende"]


def test_the_index_is_the_same_every_time():
    documents = [_doc(f"p{n}/", f"Seite {n}", f"Text {n} über Städte und Wege {n * 7}") for n in range(60)]
    index = SearchIndex()
    first = index.files(documents, "de")
    assert first == index.files(list(reversed(documents)), "de") == SearchIndex().files(documents, "de")
    assert len([p for p in first if "/m/" in p]) == 3  # 60 docs, 20 per fragment


# ---------------------------------------------------------------- the built project

def test_each_edition_has_its_index_and_the_theme_none(project_build):
    site = project_build.site
    for edition in (site, site / "en"):
        assert (edition / "search" / "t" / "index.js").is_file()
        assert (edition / "suche" / "index.html").is_file()
    assert not list(site.rglob("search_index.json")) and not list(site.rglob("search_index.js"))
    assert 'search/search_index' not in project_build.html("")
    english = {row[0] for row in search_index(site / "en").docs}
    german = {row[0] for row in search_index(site).docs}
    assert english == german and "suche/" not in german and "cases/" not in german  # lists are not searched


def test_a_page_view_downloads_nothing_of_search(project_build, serve, page):
    base = serve(project_build.site)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base)
    page.goto(base + "cases/")
    assert not [url for url in requested if "/search/" in url or "search.js" in url]
    assert page.outside_requests == [] and page.console_errors == []


def test_a_word_of_one_case_finds_it_with_kind_date_and_place(project_build, serve, page):
    base = serve(project_build.site)
    word, case = unique_case_word(project_build.site)
    row = next(row for row in search_index(project_build.site).docs if row[0] == case)
    page.goto(base + "suche/")
    page.locator("#hb-search-query").press_sequentially(word[:-2], delay=20)  # the last word is a prefix
    hit = page.locator("#hb-search-results li")
    hit.first.wait_for(timeout=20000)
    assert hit.count() == 1 and page.text_content("#hb-search-status") == "1 Treffer"
    meta = hit.locator(".hb-search__meta").inner_text()
    assert meta == f"Fall · {row[3]} · {row[4]}" and row[3] and row[4]
    assert page.url == base + "suche/?q=" + quote(word[:-2])
    with page.expect_navigation():
        hit.locator("a").click()
    assert page.url == base + case
    assert page.outside_requests == [] and page.console_errors == []


@pytest.fixture(scope="module")
def german_only(tmp_path_factory):
    """The fixture corpus, German only: the English edition shows every case untranslated."""
    return built_site(tmp_path_factory, "search", ALL)


def test_english_results_stay_in_the_english_edition_and_find_german_only_cases(german_only, serve, page):
    base = serve(german_only.site)
    # "Testworkshops" is no word of the corpus: it finds "Testworkshop" less its last letter.
    page.goto(base + "en/suche/?q=" + quote("Testworkshops radverk"))
    link = page.locator("#hb-search-results a")
    link.first.wait_for(timeout=20000)
    assert link.count() == 1 and link.get_attribute("lang") == "de"
    assert page.text_content("#hb-search-status") == "1 result"
    assert "(in German)" in page.locator("#hb-search-results li").inner_text()
    assert page.locator(".hb-search__meta").inner_text().startswith("Case · ")
    with page.expect_navigation():
        link.click()
    assert page.url == base + "en/cases/2018-03-01-testworkshop/"
    page.goto(base + "en/suche/?q=zzzzqqq")
    page.wait_for_selector("#hb-search-status:has-text('No results')")
    assert page.outside_requests == [] and page.console_errors == []


@pytest.mark.parametrize("width", [1280, 390])
def test_the_search_page_passes_axe(project_build, serve, page, width):
    base = serve(project_build.site)
    page.set_viewport_size({"width": width, "height": 900})
    found = {}
    for edition, word in (("", "stadt"), ("en/", "city")):
        page.goto(f"{base}{edition}suche/?q={word}")
        page.locator("#hb-search-results li").first.wait_for(timeout=20000)
        results = run_axe(page, preload=True, rules=None)
        if results["violations"]:
            found[edition or "de"] = describe(results["violations"])
    assert not found, "\n".join(f"{e}:\n{v}" for e, v in found.items())
    assert page.outside_requests == [] and page.console_errors == []
