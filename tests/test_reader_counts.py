"""Issue 11, items 3, 7 and 12: no page contradicts another. Every figure a page shows about an
instrument, a sector, a method or the whole handbook is read from the built pages and compared
with every other page that shows it; the matrix has totals, an axis label and valid zero cells."""
from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

NUMBER = r"(\d[\d.]*)"
CASES = r"(?:Fall|Fälle)"
METHODS = r"(?:Methode|Methoden)"


def read(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def number(text: str) -> int:
    return int(text.replace(".", ""))


def keys_under(site: Path, folder: str) -> list[str]:
    return sorted(p.parent.name for p in (site / folder).glob("*/index.html"))


def table_rows(page_html: str) -> list[str]:
    """The case rows of the page's case tables (each row one case)."""
    return re.findall(r"<tr data-hb-item ([^>]*)>", page_html)


def lead(page_html: str) -> str:
    return re.search(r'<p class="hb-lead">(.*?)</p>', page_html, re.S).group(1)


def overview_cards(site: Path, folder: str, figures: str) -> dict[str, tuple[int, ...]]:
    """The figures each card of an overview page shows, by key; one card per page of the folder."""
    cards = {key: tuple(map(number, found)) for key, *found in re.findall(
        rf'<li><a href="([^"/]+)/"><strong>.*?<br>\s*{figures}<br>', read(site, folder), re.S)}
    assert sorted(cards) == keys_under(site, folder)
    return cards


def listed_by(rows: list[str], attribute: str) -> Counter:
    """How many case rows carry each key in a data attribute (instrument, sector)."""
    return Counter(key for row in rows for key in re.search(rf'data-{attribute}="([^"]*)"', row).group(1).split())


def matrix_totals(page_html: str) -> tuple[dict[str, int], dict[str, int], int]:
    """Row totals per instrument, column totals per sector, and the grand total of a matrix."""
    table = re.search(r'<table class="hb-matrix">(.*?)</table>', page_html, re.S).group(1)
    rows = {}
    for key, total in re.findall(r'<tr><th scope="row"><a href="[^"]*instruments/([^/"]+)/">.*?'
                                 r'<td class="hb-matrix__total"[^>]*><a [^>]*>(\d+)</a></td></tr>', table):
        rows[key] = int(total)
    sectors = re.findall(r'<th scope="col" class="hb-matrix__sector"><a href="[^"]*sectors/([^/"]+)/">', table)
    foot = re.search(r"<tfoot>(.*?)</tfoot>", table, re.S).group(1)
    cells = [int(re.sub(r"<[^>]+>", "", c) or 0) for c in re.findall(r"<td[^>]*>(.*?)</td>", foot)]
    assert len(cells) == len(sectors) + 1
    return rows, dict(zip(sectors, cells[:-1])), cells[-1]


@pytest.fixture(scope="module")
def figures(project_build):
    site = project_build.site
    home, overview = read(site, ""), read(site, "cases")
    return site, home, overview


def test_instrument_figures_agree_on_every_page(figures):
    site, home, overview = figures
    cards = overview_cards(site, "instruments", f"{NUMBER} {CASES} · {NUMBER} {METHODS}")
    listed = listed_by(table_rows(overview), "instrument")
    rows, _, _ = matrix_totals(overview)
    home_rows, _, _ = matrix_totals(home)
    for key in cards:
        page = read(site, f"instruments/{key}")
        cases, methods = map(number, re.search(rf"{NUMBER} {CASES} · {NUMBER} {METHODS}", lead(page)).groups())
        assert (cases, methods) == cards[key], key
        assert len(table_rows(page)) == cases == listed[key] == rows[key], key
        assert home_rows.get(key, 0) == cases, key  # the home page shows rows with cases only
        method_list = re.search(r'<ul class="hb-methods"[^>]*>(.*?)</ul>', page, re.S)
        assert (method_list.group(1).count("<li>") if method_list else 0) == methods, key


def test_sector_figures_agree_on_every_page(figures):
    site, home, overview = figures
    cards = overview_cards(site, "sectors", f"{NUMBER} {CASES}")
    listed = listed_by(table_rows(overview), "sector")
    _, columns, _ = matrix_totals(overview)
    _, home_columns, _ = matrix_totals(home)
    for key in cards:
        page = read(site, f"sectors/{key}")
        cases = number(re.search(rf"{NUMBER} {CASES}", lead(page)).group(1))
        assert (cases,) == cards[key] and cases == listed[key] == columns[key] == home_columns[key], key
        assert len(table_rows(page)) == cases, key


def test_handbook_totals_agree_on_every_page(figures):
    site, home, overview = figures
    cases = len(keys_under(site, "cases"))
    methods = len(keys_under(site, "methods"))
    assert number(re.search(rf"<strong>{NUMBER} {CASES}</strong>", home).group(1)) == cases
    assert number(re.search(rf"<strong>{NUMBER} {METHODS}</strong>", home).group(1)) == methods
    assert number(re.search(NUMBER, lead(overview)).group(1)) == cases == len(table_rows(overview))
    assert matrix_totals(overview)[2] == matrix_totals(home)[2] == cases
    # The methods overview lists every method once (it listed 49 entries for 26 methods).
    methods_page = read(site, "methods")
    assert number(re.search(NUMBER, lead(methods_page)).group(1)) == methods
    entries = re.findall(r'<li><a href="([^"]+)/"><strong>', methods_page)
    assert sorted(entries) == keys_under(site, "methods")


def test_method_pages_and_case_pages_name_the_same_cases(figures):
    """A method page lists exactly the cases whose fact box names the method, and the reverse."""
    site, _, _ = figures
    named = defaultdict(set)
    for case in keys_under(site, "cases"):
        facts = re.search(r'<dl class="hb-facts".*?</dl>', read(site, f"cases/{case}"), re.S).group(0)
        box = re.search(r"<dt>Methoden</dt><dd>(.*?)</dd>", facts, re.S)
        for method in re.findall(r'href="\.\./\.\./methods/([^/"]+)/"', box.group(1) if box else ""):
            named[method].add(case)
    assert named
    for method in keys_under(site, "methods"):
        page = read(site, f"methods/{method}")
        used = page[page.index('id="faelle"'):]
        listed = set(re.findall(r'<a href="\.\./\.\./cases/([^/"]+)/">', used))
        assert listed == named[method], method


def test_matrix_explains_its_sums_and_labels_every_cell(figures):
    site, home, overview = figures
    for page in (home, overview):
        table = re.search(r'<table class="hb-matrix">.*?</table>', page, re.S).group(0)
        assert '<th scope="colgroup" colspan="12" class="hb-matrix__axis">Sektor</th>' in table
        assert "zählt in jedem seiner Sektoren einmal" in page
        # Zero cells: no aria-label on a plain span (invalid ARIA); the number is text.
        assert "aria-label" not in table
        assert re.search(r'<td data-label="[^"]+" class="hb-matrix__zero"><span aria-hidden="true">·</span>'
                         r'<span class="hb-visually-hidden">0</span></td>', table)
        rows, columns, total = matrix_totals(page)
        # Cells add up to the column totals (a case has one instrument) ...
        cells = defaultdict(int)
        for row in re.findall(r"<tbody>(.*?)</tbody>", table, re.S)[0].split("</tr>"):
            for label, count in re.findall(r'<td data-label="([^"]+)"[^>]*><a [^>]*>(\d+)</a></td>', row):
                if label != "insgesamt":
                    cells[html.unescape(label)] += int(count)
        assert sum(cells.values()) >= total == sum(rows.values())
        assert sum(columns.values()) == sum(cells.values())


def test_case_pages_do_not_repeat_their_learning_path_under_related_cases(figures):
    site, _, _ = figures
    with_path = 0
    for case in keys_under(site, "cases"):
        page = read(site, f"cases/{case}")
        path = re.search(r'<ol class="hb-path"[^>]*>(.*?)</ol>', page, re.S)
        related = re.search(r'<ul class="hb-related"[^>]*>(.*?)</ul>', page, re.S)
        if not path:
            continue
        with_path += 1
        on_path = set(re.findall(r'href="\.\./([^/"]+)/"', path.group(1)))
        listed = set(re.findall(r'href="\.\./([^/"]+)/"', related.group(1))) if related else set()
        assert not on_path & listed, case
    assert with_path >= 10


def test_one_group_of_participants_is_not_a_total(figures):
    site, _, _ = figures
    boxes = [re.search(r"<dt>Teilnehmende</dt><dd>(.*?)</dd>", read(site, f"cases/{case}"))
             for case in keys_under(site, "cases")]
    boxes = [box.group(1) for box in boxes if box]
    assert boxes
    for box in boxes:
        groups = box.split(":", 1)[-1].count(",") + 1
        assert ("insgesamt" in box) == (groups > 1), box
