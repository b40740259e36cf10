"""Issue 15: the map of the exchange, country pages and the timeline, checked against the
open data (recounted here from data/cases.json), in the built site and in Chromium."""
from __future__ import annotations

import html
import json
import math
import re
from collections import Counter, defaultdict

import jsonschema
import pytest

from conftest import ROOT
from municipal_handbook import geography
from test_accessibility import AXE, TAGS, describe


# ---------------------------------------------------------------- projection and shapes

def test_equal_earth_keeps_areas_equal():
    """Two cells of the globe with the same true area get the same area on the map."""
    def cell_area(lat0, lat1, width):
        corners = [geography.equal_earth(lon, lat) for lon, lat in
                   ((0, lat0), (width, lat0), (width, lat1), (0, lat1))]
        return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(corners, corners[1:] + corners[:1]))) / 2

    # True area ∝ width × (sin lat1 − sin lat0): a 10°-wide cell at the equator against a wider one further north.
    north_width = 10 * math.sin(math.radians(10)) / (math.sin(math.radians(60)) - math.sin(math.radians(50)))
    assert cell_area(0, 10, 10) == pytest.approx(cell_area(50, 60, north_width), rel=0.01)
    assert geography.equal_earth(0, 90)[1] == pytest.approx(1.3173627, rel=1e-5)  # published pole height


def _bounds(path: str):
    """Bounding box of an SVG path written by geography._path (absolute M, relative l)."""
    xs, ys = [], []
    for ring in re.findall(r"M([^z]+)z", path):
        start, _, steps = ring.partition("l")
        x, y = map(int, re.findall(r"-?\d+", start))
        xs.append(x), ys.append(y)
        numbers = list(map(int, re.findall(r"-?\d+", steps)))
        for dx, dy in zip(numbers[::2], numbers[1::2]):
            x, y = x + dx, y + dy
            xs.append(x), ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


def test_every_gazetteer_city_lies_in_its_country():
    shapes = geography.country_shapes()
    for (country, city), (x, y) in geography.city_positions().items():
        left, top, right, bottom = _bounds(shapes[country].path)
        assert left - 1 <= x <= right + 1 and top - 1 <= y <= bottom + 1, f"{city} is not in {country}"
    # Russia crosses the antimeridian: drawn at both ends of the map, no ring stretched across it.
    rings = [_bounds(ring + "z") for ring in shapes["RU"].path.split("z") if ring]
    assert all(right - left < geography.WIDTH / 2 for left, _, right, _ in rings)
    assert min(left for left, *_ in rings) < geography.WIDTH / 4 < geography.WIDTH * 3 / 4 < max(r[2] for r in rings)


# ---------------------------------------------------------------- the built site

@pytest.fixture(scope="module")
def recount(project_build):
    """Countries and years counted here from data/cases.json, independently of pictures.py."""
    cases = json.loads((project_build.site / "data" / "cases.json").read_text(encoding="utf-8"))["cases"]
    countries = Counter()
    for case in cases:
        for code in ([case["location"]["country"]] if case["location"]["country"] else []) + case["participating_countries"]:
            countries[code] += 1
    years = defaultdict(Counter)
    for case in cases:
        years[int(case["date"][:4])][case["instrument"]] += 1
    return cases, countries, years


def svg_of(page_html: str, css_class: str) -> str:
    start = page_html.index(f'<svg class="{css_class}"')
    return page_html[start:page_html.index("</svg>", start)]


@pytest.mark.parametrize("page", ["", "countries/"])
def test_map_shades_every_country_by_its_cases(project_build, recount, page):
    _, countries, _ = recount
    svg = svg_of(project_build.html(page), "hb-map__svg")
    shown = {}
    for code, label in re.findall(r'<a href="[^"]*cases/(?:index\.html)?#country=([A-Z]{2})" aria-label="([^"]+)"', svg):
        shown[code] = int(re.search(r": (\d+) F", html.unescape(label)).group(1))
    too_small = set(re.findall(r'countries/([a-z]{2})/"', project_build.html(page).split("Auf der Karte zu klein")[-1]
                               .split("</figcaption>")[0])) if "Auf der Karte zu klein" in project_build.html(page) else set()
    assert {**shown, **{c.upper(): countries[c.upper()] for c in too_small}} == dict(countries)
    assert 'fill=' not in svg and 'style=' not in svg and "<script" not in svg  # classes only (CSP)


def figure_of(page_html: str) -> str:
    start = page_html.index('<figure class="hb-map"')
    return page_html[start:page_html.index("</figure>", start)]


def test_cities_are_points_linking_to_their_filtered_cases(project_build, recount):
    """Every city links its cases once: as its own point, or, where points would overlap, from
    the list beside the map that a numbered point leads to. No two points overlap."""
    cases, _, _ = recount
    page = project_build.html("countries/")
    svg, figure = svg_of(page, "hb-map__svg"), figure_of(page)
    cities = Counter((c["location"]["country"], c["location"]["city"]) for c in cases if c["location"]["city"])
    links = re.findall(r'#city=([a-z0-9-]+)" aria-label="([^"]+)"', figure)
    assert len(links) == len({key for key, _ in links}) == len(cities)
    assert f"Köln: {cities[('DE', 'Köln')]} Fälle" in {html.unescape(label) for _, label in links}
    points = [tuple(map(float, found)) for found in re.findall(r'<circle [^>]*cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"', svg)]
    for i, (x, y, r) in enumerate(points):
        for x2, y2, r2 in points[:i]:
            assert math.hypot(x - x2, y - y2) >= r + r2, f"points at {x},{y} and {x2},{y2} overlap"
    clusters = re.findall(r'<a href="#(hb-map-cities-\d+)"[^>]*>.*?<text [^>]*>(\d+)</text></a>', svg)
    assert clusters  # the German cities of the real cases lie too close together at world scale
    for target, number in clusters:
        listed = figure.split(f'id="{target}"')[1].split("</ul>")[0]
        assert len(re.findall(r"#city=", listed)) == int(number) > 1
    assert "#city=de-koeln" not in svg and "#city=de-koeln" in figure  # Köln is in the list, not a point


def test_online_events_are_listed_beside_the_map(project_build, recount):
    cases, _, _ = recount
    online = [c for c in cases if c["location"]["online"]]
    page = project_build.html("countries/")
    beside = page[page.index('class="hb-map__online"'):page.index("</figure>", page.index('class="hb-map__online"'))]
    assert f"({len(online)} Fälle)" in beside
    assert f'cases/{online[0]["slug"]}/' in beside  # the newest first
    if len(online) > 5:
        assert "#country=online" in beside


def test_home_page_map_stays_light(project_build):
    """The whole world at 1:110m, simplified: the inline map costs the home page little."""
    assert len(svg_of(project_build.html(""), "hb-map__svg").encode()) < 40_000


def test_country_table_and_pages_match_open_data(project_build, recount):
    _, countries, _ = recount
    data = json.loads((project_build.site / "data" / "countries.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads((ROOT / "docs/data/countries.schema.json").read_text(encoding="utf-8")))
    assert {row["code"]: row["total"] for row in data["countries"]} == dict(countries)
    table = project_build.html("countries/").split('<table class="hb-countries">')[1].split("</table>")[0]
    assert len(re.findall(r"<tr><th scope=\"row\">", table)) == len(countries)
    for row in data["countries"]:
        page = project_build.html(row["url"])
        hosted, _, partner = page.partition('id="beteiligt"')
        assert all(f'cases/{slug}/"' in hosted for slug in row["hosted"])
        assert all(f'cases/{slug}/"' in partner for slug in row["participating"])
        assert row["name"]["de"] in html.unescape(page.split("</h1>")[0])
        english = project_build.html(f"en/{row['url']}")
        assert row["name"]["en"] in html.unescape(english.split("</h1>")[0])


def test_timeline_bars_are_the_cases_per_year_and_instrument(project_build, recount):
    _, _, years = recount
    data = json.loads((project_build.site / "data" / "years.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads((ROOT / "docs/data/years.schema.json").read_text(encoding="utf-8")))
    assert {row["year"]: row["instruments"] for row in data["years"] if row["total"]} == \
        {year: dict(counts) for year, counts in years.items()}
    assert [row["year"] for row in data["years"]] == list(range(min(years), max(years) + 1))
    svg = svg_of(project_build.html(""), "hb-timeline__svg")
    bars = re.findall(r'#year=(\d{4})&amp;instrument=([a-z-]+)" aria-label="[^"]*: (\d+) F', svg)
    assert {(int(y), i): int(n) for y, i, n in bars} == \
        {(year, key): n for year, counts in years.items() for key, n in counts.items()}


def test_sector_and_instrument_pages_have_their_own_timeline(project_build, recount):
    cases, _, _ = recount
    sector = Counter(s for c in cases for s in c["sectors"]).most_common(1)[0][0]
    svg = svg_of(project_build.html(f"sectors/{sector}/"), "hb-timeline__svg")
    counts = [int(n) for n in re.findall(rf'&amp;sector={sector}" aria-label="[^"]*: (\d+) F', svg)]
    assert sum(counts) == sum(sector in c["sectors"] for c in cases)
    instrument = cases[0]["instrument"]
    svg = svg_of(project_build.html(f"instruments/{instrument}/"), "hb-timeline__svg")
    assert set(re.findall(r"instrument=([a-z-]+)", svg)) == {instrument}


# ---------------------------------------------------------------- in the browser

def test_a_city_point_and_a_bar_open_the_filtered_list(project_build, recount, serve, page):
    cases, _, years = recount
    base = serve(project_build.site)
    page.goto(base + "countries/")
    page.locator('svg.hb-map__svg a[href^="#hb-map-cities-"]').first.click()  # the German cities' point
    target = page.evaluate("location.hash")
    assert page.locator(f"{target} a", has_text="Köln").is_visible()
    with page.expect_navigation():
        page.locator(f'{target} a[href$="#city=de-koeln"]').click()
    rows = page.locator("table.hb-cases tr[data-hb-item]:visible")
    expected = sum(c["location"]["city"] == "Köln" for c in cases)
    assert rows.count() == expected and page.locator("[data-hb-status]").inner_text() == f"{expected} von {len(cases)} angezeigt"
    assert page.locator('select[name="city"]').input_value() == "de-koeln"

    year, counts = max(years.items(), key=lambda item: sum(item[1].values()))
    instrument, count = counts.most_common(1)[0]
    page.goto(base)
    with page.expect_navigation():
        page.locator(f'svg.hb-timeline__svg a[href$="#year={year}&instrument={instrument}"]').click()
    assert page.locator("table.hb-cases tr[data-hb-item]:visible").count() == count
    assert page.outside_requests == []


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", ["countries/", "countries/de/", "sectors/waste-management/", "daten/"])
def test_pictures_pages_have_no_accessibility_violations(project_build, serve, browser, path, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(serve(project_build.site) + path)
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")  # as a page script, the CSP forbids it
        violations = json.loads(page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
            ".then(r => JSON.stringify(r.violations))", TAGS))
        assert violations == [], f"{path} at {width}px:\n{describe(violations)}"
    finally:
        context.close()


def test_a_case_page_prints_its_facts_report_and_sources_without_site_chrome(project_build, serve, page):
    """Chromium's print of the seed case: the facts, report and recommendations with every web
    address written out; no navigation, search, breadcrumb or list of related cases."""
    from pypdf import PdfReader
    import io

    slug = "2018-04-10-netzwerktreffen-koeln"
    page.goto(serve(project_build.site) + f"cases/{slug}/")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    source = json.loads((project_build.site / "data" / "cases.json").read_text(encoding="utf-8"))["cases"]
    case = next(c for c in source if c["slug"] == slug)
    assert len(pdf.pages) <= 3
    assert "Empfehlungen" in text and case["recommendations"][0]["text"][:40] in text
    assert case["source"].split("//")[1][:30] in text.replace(" ", "")  # the full address, not only a link
    for chrome in ("Verwandte Fälle", "Suche", "Unser Ansatz", "Made with"):
        assert chrome not in text


# ---------------------------------------------------------------- the learning path on a case page

def _chains(cases) -> dict[str, list[str]]:
    """Every case's learning path recounted from data/cases.json: the cases linked to it through
    `follows` either way, in date order."""
    linked = defaultdict(set)
    for case in cases:
        for earlier in case["follows"]:
            linked[case["slug"]].add(earlier), linked[earlier].add(case["slug"])
    dates = {case["slug"]: case["date"] for case in cases}
    chains = {}
    for slug in linked:
        seen, queue = {slug}, [slug]
        while queue:
            for other in linked[queue.pop()] - seen:
                seen.add(other), queue.append(other)
        chains[slug] = sorted(seen, key=lambda s: (dates[s], s))
    return chains


@pytest.fixture(scope="module")
def path_case(recount):
    """A case in the middle of the longest learning path: with earlier and later steps."""
    cases, _, _ = recount
    chains = _chains(cases)
    slug = max((s for s, chain in chains.items() if chain[0] != s != chain[-1]), key=lambda s: (len(chains[s]), s))
    return slug, chains[slug], {case["slug"]: case for case in cases}


@pytest.mark.parametrize("edition, here", [("", "dieser Fall"), ("en/", "this case")])
def test_a_case_shows_its_learning_path_as_a_chain_of_dated_steps(project_build, path_case, edition, here):
    slug, chain, by_slug = path_case
    page = project_build.html(f"{edition}cases/{slug}/")
    opening = re.search(r'<ol class="hb-path"[^>]*>', page).group(0)
    assert "data-search-exclude" in opening and 'aria-labelledby="lernpfad"' in opening and 'id="lernpfad"' in page
    block = page[page.index(opening):page.index("</ol>", page.index(opening))]
    steps = re.findall(r'<li class="hb-path__step([^"]*)"([^>]*)><span class="hb-path__date"><time datetime="([\d-]+)">'
                       r'([^<]+)</time>(.*?)</li>', block, re.S)
    assert len(steps) == len(chain)
    folder = project_build.site / edition / "cases" / slug
    for (modifier, attributes, iso, shown, rest), expected in zip(steps, chain):
        assert by_slug[expected]["date"].startswith(iso) and shown.strip()  # in date order, each dated
        if expected == slug:  # the current case: marked, named, not a link to itself
            assert modifier == " hb-path__step--current" and 'aria-current="step"' in attributes
            assert here in rest and "<a " not in rest
        else:
            href = re.search(r'<a href="([^"]+)"', rest).group(1)
            assert (folder / href / "index.html").resolve() == (project_build.site / edition / "cases" / expected / "index.html")
            assert (folder / href / "index.html").is_file() and "aria-current" not in attributes


@pytest.mark.parametrize("width", [1280, 390])
def test_the_learning_path_is_readable_and_reachable_by_keyboard(project_build, serve, browser, path_case, width):
    """Every other step is a link reached with Tab in date order; nothing runs off a phone's
    screen; axe-core finds nothing on the case page (English edition too)."""
    slug, chain, _ = path_case
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        base = serve(project_build.site)
        for edition in ("", "en/"):
            page.goto(f"{base}{edition}cases/{slug}/")
            page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
            violations = json.loads(page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
                ".then(r => JSON.stringify(r.violations))", TAGS))
            assert violations == [], f"{edition}cases/{slug}/ at {width}px:\n{describe(violations)}"
            loaded = page.evaluate("performance.getEntriesByType('resource').map(r => r.name)")
            assert loaded and all(url.startswith(base) for url in loaded), loaded  # nothing from another host
            path = page.locator("ol.hb-path")
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            box = path.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width
            page.locator("#lernpfad a.headerlink").focus()
            reached = []
            for _ in chain[:-1]:
                page.keyboard.press("Tab")
                reached.append(page.evaluate("document.activeElement.closest('ol.hb-path') ? "
                                             "document.activeElement.getAttribute('href') : null"))
            assert [href and href.removeprefix("../").removesuffix("/") for href in reached] == \
                [other for other in chain if other != slug]
            for link in path.locator("a").all():
                link_box = link.bounding_box()
                assert link_box["x"] + link_box["width"] <= width and link_box["height"] >= 20
    finally:
        context.close()


def test_country_table_and_data_files_table_fit_a_phone(project_build, serve, browser):
    """At 390 px neither the countries table nor the data page's table of files scrolls sideways
    (each country becomes a block); at 1280 px no heading of the countries table wraps."""
    base = serve(project_build.site)
    for width in (390, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        try:
            page.goto(base + "countries/")
            wrap = page.locator("div.hb-table-wrap", has=page.locator("table.hb-countries"))
            assert wrap.evaluate("e => e.scrollWidth <= e.clientWidth"), f"countries table scrolls at {width} px"
            if width == 390:
                labels = page.locator("table.hb-countries tbody tr").first.locator("td[data-label]").evaluate_all(
                    "cells => cells.map(c => getComputedStyle(c, '::before').content + ' ' + c.innerText)")
                words = [re.sub(r"[^\w ]", " ", label).split() for label in labels]  # label, then the number
                assert [w[:-1] for w in words] == [["Fälle"], ["vor", "Ort"], ["beteiligt"]] and \
                    all(w[-1].isdigit() for w in words), labels
            else:
                heights = page.locator("table.hb-countries thead th").evaluate_all("cells => cells.map(c => c.clientHeight)")
                assert max(heights) == min(heights), f"a heading wraps: {heights}"
            page.goto(base + "daten/")
            table = page.locator("article table").first
            assert table.evaluate("t => t.closest('.md-typeset__scrollwrap, article').scrollWidth <= "
                                  "t.closest('.md-typeset__scrollwrap, article').clientWidth"), f"data table scrolls at {width} px"
        finally:
            context.close()
