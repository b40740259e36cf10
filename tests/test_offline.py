"""Issue 5: the handbook from a zip, read from disk with no network, and no request to any
other host in the online build either. Browser tests in Debian's headless Chromium; every
request that is not file: or loopback is aborted and recorded by the `page` fixture."""
from __future__ import annotations

import datetime
import re
import time
import zipfile
from pathlib import Path

import pytest

from conftest import wait_for
from offline_helpers import load_tool, page_url, pages_in, unique_case_word


@pytest.fixture(params=["offline", "online"])
def site(request, offline_bundle, project_build, serve):
    """(kind, folder, base URL): the unpacked bundle from file://, or the online build over
    HTTP on loopback."""
    if request.param == "offline":
        return "offline", offline_bundle.folder, offline_bundle.folder.as_uri() + "/"
    return "online", project_build.site, serve(project_build.site)


def assert_no_outside_requests_or_errors(page):
    assert page.outside_requests == [], f"requests to other hosts: {page.outside_requests}"
    assert page.console_errors == [], f"console errors: {page.console_errors}"


def assert_reached(page, kind: str, site: Path, pattern: str):
    """The page loaded is a real file of the site, at a URL matching pattern."""
    url = page.url.split("#")[0].split("?")[0]
    assert re.search(pattern, url), f"{url} does not match {pattern}"
    if kind == "offline":
        assert url.endswith(".html"), f"offline link to {url}, not to an .html file"
        assert Path(url.removeprefix("file://")).is_file(), f"{url} is no file"
    assert page.locator("article h1").count() == 1, f"{url} has no page heading"


def follow(page, pattern: str, scope: str = "article"):
    """Click the first link in scope whose resolved address matches pattern."""
    hrefs = page.eval_on_selector_all(
        f"{scope} a[href]", "links => links.map(a => [a.getAttribute('href'), a.href])")
    for raw, absolute in hrefs:
        if re.search(pattern, absolute.split("#")[0].split("?")[0]):
            with page.expect_navigation():
                page.locator(f'{scope} a[href="{raw}"]').first.click()
            return absolute
    raise AssertionError(f"no link matching {pattern} on {page.url}: {[h for _, h in hrefs][:20]}")


def nav(page, label: str):
    with page.expect_navigation():
        page.locator(".md-nav--primary a.md-nav__link:visible",
                     has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")).first.click()


PAGE = r"(\.html|/)$"


# ---------------------------------------------------------------- the bundle itself

def test_bundle_is_one_dated_folder_with_a_readme(offline_bundle):
    today = datetime.date.today().isoformat()
    assert offline_bundle.zip_path.name == f"methodenhandbuch-kommunaler-fachaustausch-offline-{today}.zip"
    with zipfile.ZipFile(offline_bundle.zip_path) as bundle:
        names = bundle.namelist()
    assert {name.split("/")[0] for name in names} == {offline_bundle.zip_path.stem}
    folder = offline_bundle.folder
    readme = (folder / "LIESMICH.txt").read_text(encoding="utf-8")
    assert "index.html" in readme
    for needed in ("index.html", "search/t/index.js", "en/search/t/index.js", "assets/javascripts/search.js"):
        assert (folder / needed).is_file(), needed
    assert not list(folder.rglob("*.map")) and not (folder / "404.html").exists()


def test_command_prints_size_and_page_count(offline_bundle):
    pages = len(list(offline_bundle.folder.rglob("*.html")))
    assert f"Pages: {pages}\n" in offline_bundle.output
    size = offline_bundle.zip_path.stat().st_size
    assert f"({size} bytes;" in offline_bundle.output


def test_offline_pages_load_nothing_from_elsewhere_and_every_link_resolves(offline_bundle):
    """Static check of every page and stylesheet, including pages the browser tests skip."""
    assert load_tool().check_site(offline_bundle.folder) == []
    assert "iframe-worker" not in (offline_bundle.folder / "index.html").read_text(encoding="utf-8")


def test_online_pages_load_nothing_from_elsewhere(project_build):
    tool = load_tool()
    problems = []
    for page in sorted(project_build.site.rglob("*.html")):
        parser = tool._Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        problems += [f"{page.relative_to(project_build.site)}: {url}" for url in parser.loads if tool._outside(url)]
    assert problems == []


def test_check_finds_outside_loads_and_broken_links(tmp_path):
    tool = load_tool()
    (tmp_path / "search" / "t").mkdir(parents=True)
    (tmp_path / "search" / "t" / "index.js").write_text("window.__handbookSearch.shards([],0);")
    (tmp_path / "index.html").write_text(
        '<link rel="stylesheet" href="https://fonts.example.net/css">'
        '<script src="//cdn.example.net/shim"></script><a href="https://example.org/">ok</a>'
        '<a href="cases/">dir</a><img src="missing.png">')
    (tmp_path / "a.css").write_text("body { background: url(https://img.example.net/x.png) }")
    problems = "\n".join(tool.check_site(tmp_path))
    assert "fonts.example.net" in problems and "cdn.example.net" in problems
    assert "img.example.net" in problems and "example.org" not in problems
    assert "cases/ does not resolve" in problems and "missing.png does not resolve" in problems


def test_site_name_is_slugified():
    tool = load_tool()
    assert tool.slugify("Methodenhandbuch Kommunaler Fachaustausch") == "methodenhandbuch-kommunaler-fachaustausch"
    assert tool.slugify("Städte & Straßen") == "staedte-strassen"


# ---------------------------------------------------------------- in the browser, both builds

def test_navigation_reaches_every_kind_of_page(site, page):
    kind, folder, base = site
    page.goto(base + ("index.html" if kind == "offline" else ""))
    assert page.locator("header form[role=search] input[name=q]").is_visible()

    nav(page, "Fälle")
    assert_reached(page, kind, folder, r"/cases/(index\.html)?$")
    follow(page, r"/cases/(?!index\.html)[^/]+" + PAGE)
    assert_reached(page, kind, folder, r"/cases/[^/]+" + PAGE)

    nav(page, "Methoden")
    follow(page, r"/methods/(?!index\.html)[^/]+" + PAGE)
    assert_reached(page, kind, folder, r"/methods/[^/]+" + PAGE)

    nav(page, "Instrumente")
    follow(page, r"/instruments/(?!index\.html)[^/]+" + PAGE)
    assert_reached(page, kind, folder, r"/instruments/[^/]+" + PAGE)
    assert page.locator("[data-hb-item], table").count() > 0

    nav(page, "Sektoren")
    follow(page, r"/sectors/(?!index\.html)[^/]+" + PAGE)
    assert_reached(page, kind, folder, r"/sectors/[^/]+" + PAGE)

    nav(page, "Länder")  # the map, then a country page from its table
    assert_reached(page, kind, folder, r"/countries/(index\.html)?$")
    assert page.locator("svg.hb-map__svg a").count() > 0
    follow(page, r"/countries/(?!index\.html)[a-z]{2}" + PAGE, "table.hb-countries")
    assert_reached(page, kind, folder, r"/countries/[a-z]{2}" + PAGE)

    nav(page, "Empfehlungen")
    assert_reached(page, kind, folder, r"/recommendations" + PAGE)

    nav(page, "Start")
    assert page.locator("svg.hb-map__svg").count() == 1 and page.locator("svg.hb-timeline__svg").count() == 1
    assert_reached(page, kind, folder, r"/(index\.html)?$")
    assert_no_outside_requests_or_errors(page)


def test_search_finds_a_word_of_one_case_and_opens_it(site, page):
    """From the header's form to the search page, its first result, and the case (from file://
    too: the index is scripts, which a page on disk may load)."""
    kind, folder, base = site
    word, case = unique_case_word(folder)
    page.goto(page_url(folder, base, "index", kind == "offline"))
    page.fill("header form[role=search] input[name=q]", word)
    with page.expect_navigation():
        page.press("header form[role=search] input[name=q]", "Enter")
    first = page.locator("#hb-search-results a").first
    try:
        first.wait_for(timeout=30000)
    except Exception as error:
        raise AssertionError(f"no search result for {word!r} (from {case}): "
                             f"{page.text_content('#hb-search-status')!r}") from error
    assert page.locator("#hb-search-results li").count() == 1
    href = first.get_attribute("href")
    assert href.split("?")[0].split("#")[0].endswith(case), f"first hit for {word!r} is {href}, not {case}"
    with page.expect_navigation():
        first.click()
    assert_reached(page, kind, folder, re.escape(case) + "$")
    assert word in page.locator("article").inner_text().lower()
    assert_no_outside_requests_or_errors(page)


def test_search_from_disk_answers_within_three_seconds(offline_bundle, page):
    """Issue 14: offline, a first query is answered within 3 s of opening the search page."""
    word, case = unique_case_word(offline_bundle.folder)
    started = time.monotonic()
    page.goto(offline_bundle.folder.as_uri() + f"/suche.html?q={word}")
    page.locator("#hb-search-results a").first.wait_for(timeout=30000)
    assert time.monotonic() - started < 3, f"{time.monotonic() - started:.1f} s"
    assert_no_outside_requests_or_errors(page)


def test_cases_filter_narrows_the_list_and_keeps_it_in_the_address(site, page):
    kind, folder, base = site
    page.goto(page_url(folder, base, "cases/index", kind == "offline"))
    form = page.locator("form[data-hb-filter]")
    assert form.is_visible()
    items = page.locator("[data-hb-item]")
    total = items.count()
    assert total > 0
    # The instrument with the fewest cases (at least one): a real narrowing, whatever the corpus.
    counts = page.eval_on_selector_all(
        "form[data-hb-filter] select[name=instrument] option",
        """options => options.filter(o => o.value).map(o => [o.value,
            document.querySelectorAll('[data-hb-item]').length === 0 ? 0 :
            [...document.querySelectorAll('[data-hb-item]')]
              .filter(i => (i.dataset.instrument || '').split(' ').includes(o.value)).length])""")
    key, expected = min(((k, n) for k, n in counts if n), key=lambda pair: pair[1])
    page.select_option("form[data-hb-filter] select[name=instrument]", key)
    wait_for(page, "!document.querySelector('[aria-busy]')")  # the filter loads the cases on first use
    assert page.locator("[data-hb-item]:visible").count() == expected
    assert form.locator("[data-hb-status]").inner_text() == f"{expected} von {total} angezeigt"
    assert page.url.endswith(f"#instrument={key}")

    # The filtered address opens the filtered view; reset shows everything again.
    page.goto(page.url.split("#")[0] + f"#instrument={key}")
    page.reload()
    wait_for(page, "!document.querySelector('[aria-busy]')")
    assert page.locator("[data-hb-item]:visible").count() == expected
    page.click("form[data-hb-filter] button[type=reset]")
    wait_for(page, f"document.querySelectorAll('[data-hb-item]:not([hidden])').length === {total}")
    assert_no_outside_requests_or_errors(page)


def test_recommendations_filter_comes_up(site, page):
    kind, folder, base = site
    page.goto(page_url(folder, base, "recommendations", kind == "offline"))
    forms = page.locator("form[data-hb-filter]")
    if forms.count():
        assert forms.first.is_visible()
        assert re.fullmatch(r"\d+ von \d+ angezeigt", forms.first.locator("[data-hb-status]").inner_text())
    assert_no_outside_requests_or_errors(page)
