"""Long lists stay short pages: the fixture corpus built with tiny page sizes behaves as the
handbook does at thousands of cases (paged case overview, cut-short index pages, recommendations
split by theme), without JavaScript and with the filters in headless Chromium."""
import re

import pytest

from conftest import make_tree, run_build, wait_for
from corpus import ALL, CASES
from test_indexes import case_links, text

SIZES = "  page_sizes: {cases: 2, recommendations: 1, highlights: 1}\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("paging")
    root = make_tree(base, ALL)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("\nextra:\n", "\nextra:\n" + SIZES, 1),
                      encoding="utf-8")
    build = run_build(root, base / "site")
    assert build.returncode == 0, build.output
    return build


def slugs_newest_first():
    return sorted((path.removeprefix("cases/").removesuffix(".md") for path in CASES), reverse=True)


def test_case_overview_is_paged_and_every_case_is_on_exactly_one_page(site):
    first, second = site.html("cases/"), site.html("cases/page/2/")
    table = lambda html: html[html.index("<tbody>"):html.index("</tbody>")]  # noqa: E731
    assert case_links(table(first)) + case_links(table(second)) == slugs_newest_first()
    assert len(case_links(table(first))) == 2
    assert 'href="page/2/"' in first and 'aria-current="page">1<' in first
    assert 'aria-current="page">2<' in second and "Fälle, Seite 2" in text(second)
    assert not (site.site / "cases/page/3").exists()


def test_index_pages_show_the_newest_cases_and_link_the_filtered_overview(site):
    mobility = text(site.html("sectors/mobility/"))
    assert "Hier die neuesten von 3 Fällen. Alle in der Fallliste" in mobility
    assert 'href="../../cases/#sector=mobility"' in site.html("sectors/mobility/")
    assert 'href="../../cases/#method=gruppenarbeit"' not in site.html("methods/gruppenarbeit/")  # 2 cases: all shown
    assert "cases/#instrument=" not in site.html("instruments/dialogue-event/")  # one case: nothing cut


def test_recommendations_split_by_theme_and_paged(site):
    overview = text(site.html("recommendations/"))
    assert "Früh planen" in overview and "Hier die am häufigsten gestützten von 2 Empfehlungen. Alle" in overview
    impacts = [text(site.html("recommendations/impacts/")), text(site.html("recommendations/impacts/page/2/"))]
    assert "Wissen fließt in beide Richtungen" in impacts[0] or "Anders formuliert" in impacts[0]
    assert "Radwege allein reichen nicht" in impacts[1]  # supported by one case: after the two-case entry
    assert "2 bis 2 von 2 Empfehlungen" in impacts[1]
    # An instrument or sector page shows its most supported one and links every one of them.
    mobility = site.html("sectors/mobility/")
    assert "Früh planen" in text(mobility) and "Radwege allein reichen nicht" not in text(mobility)
    assert 'href="recommendations/"' in mobility
    all_of_mobility = text(site.html("sectors/mobility/recommendations/")) + \
        text(site.html("sectors/mobility/recommendations/page/2/"))
    assert "Früh planen" in all_of_mobility and "Radwege allein reichen nicht" in all_of_mobility


def rows(page):
    wait_for(page, "!document.querySelector('.hb-cases[aria-busy]')")
    return page.eval_on_selector_all(".hb-cases tbody tr", "rows => rows.map(r => r.querySelector('a').textContent)")


def test_filter_loads_the_cases_only_when_used_and_shows_more_on_request(site, serve, page):
    base = serve(site.site)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base + "cases/")
    assert rows(page) == ["Testtreffen Abfall (Beispiel)", "Testentsendung (Beispiel)"]
    assert not [url for url in requested if "cases-data" in url]  # nothing downloaded for the filter yet
    page.select_option("select[name=sector]", "mobility")
    assert rows(page) == ["Testentsendung (Beispiel)", "Testworkshop Radverkehr (Beispiel)"]
    assert page.text_content("[data-hb-status]") == "3 von 4 angezeigt"
    assert page.is_hidden(".hb-pager")  # the pages list the unfiltered cases
    page.click("text=Weitere Fälle anzeigen")
    assert rows(page)[-1] == "Testdialog Mobilität (Beispiel)"
    assert page.is_hidden("[data-hb-more]")
    # A drawn row is a server row: same cells, same links.
    cells = page.eval_on_selector_all(".hb-cases tbody tr:last-child td", "cells => cells.map(c => c.textContent)")
    assert cells == ["1.–3. Juni 2017", "Testdialog Mobilität (Beispiel)", "Dialogveranstaltung", "Teststadt, Deutschland",
                     "Mobilität, Stadtentwicklung"]
    page.click(".hb-cases tbody tr:last-child a")
    page.wait_for_url("**/cases/2017-06-01-testdialog/")
    page.go_back()
    page.goto(base + "methods/gruppenarbeit/")
    page.goto(base + "cases/#method=gruppenarbeit")
    assert rows(page) == ["Testworkshop Radverkehr (Beispiel)", "Testdialog Mobilität (Beispiel)"]
    page.click(".hb-filter button[type=reset]")
    wait_for(page, "location.hash === ''")
    assert len(rows(page)) == 2 and page.is_visible(".hb-pager")
    assert page.outside_requests == [] and page.console_errors == []


def test_sector_page_filter_searches_all_its_cases(site, serve, page):
    base = serve(site.site)
    page.goto(base + "sectors/mobility/")
    assert len(rows(page)) == 2
    page.select_option("select[name=instrument]", "dialogue-event")  # the one case not listed at first
    assert rows(page) == ["Testdialog Mobilität (Beispiel)"]
    assert page.is_hidden(".hb-more")
    assert page.console_errors == []


def test_no_page_grows_with_the_list(site):
    """Every generated page holds at most a page of rows or entries, whatever the corpus."""
    for html_file in site.site.rglob("index.html"):
        html = html_file.read_text(encoding="utf-8")
        assert len(re.findall(r"<tr data-hb-item", html)) <= 2, html_file
        assert len(re.findall(r'<li data-hb-item', html)) <= 3, html_file  # one per theme on the overview


def test_translation_status_is_paged_and_lists_every_page_once(site):
    """The status of every case and method, 2 rows a page here (100 in the handbook): at 5,000
    cases one page listing all would be megabytes; each page still says the totals."""
    pages = [site.html("translations/")] + [site.html(f"translations/page/{n}/") for n in range(2, 5)]
    assert not (site.site / "translations/page/5").exists()
    rows = [re.findall(r'<tr><td><a href="\.\./(?:\.\./\.\./)?((?:cases|methods)/[^/"]+)/"', page) for page in pages]
    assert all(len(chunk) == 2 for chunk in rows[:-1]) and 1 <= len(rows[-1]) <= 2
    listed = [path for chunk in rows for path in chunk]
    assert len(listed) == len(set(listed)) == len(CASES) + sum(1 for name in ALL if name.startswith("methods/"))
    for page in pages:
        assert "7 von 7 Seiten liegen auf Deutsch vor." in text(page)
    assert "Stand der Übersetzungen, Seite 2" in text(pages[1]) and 'aria-current="page">2<' in pages[1]
