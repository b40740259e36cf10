"""Issue 11 in headless Chromium: the home page by keyboard, and the matrix on a phone."""
from __future__ import annotations

import re

import pytest

MAX_TABS = 25


@pytest.mark.parametrize("width", [1280, 390])
def test_latest_cases_within_25_tab_presses_of_the_top(project_build, serve, page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(serve(project_build.site))
    reached = """() => {
        const heading = [...document.querySelectorAll('h2')].find(h => h.textContent.startsWith('Neueste Fälle'));
        const here = document.activeElement;
        return heading.contains(here) || !!(heading.compareDocumentPosition(here) & Node.DOCUMENT_POSITION_FOLLOWING);
    }"""
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if page.evaluate(reached):
            break
    else:
        pytest.fail(f"'Neueste Fälle' not reached in {MAX_TABS} Tab presses at {width} px")
    assert page.evaluate("() => document.activeElement.closest('h2, ul').textContent").strip()


def test_matrix_on_a_phone_shows_every_sector_with_cases(project_build, serve, page):
    """At 390 px nothing of the matrix is cut off: every instrument's non-zero sectors and its total
    are visible inside the viewport width, and the explanation of the sums is there."""
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(serve(project_build.site) + "cases/")
    found = page.evaluate("""() => {
        const cells = [...document.querySelectorAll('table.hb-matrix td:not(.hb-matrix__zero)')];
        return cells.map(c => { const r = c.getBoundingClientRect();
            return [c.dataset.label, r.width > 0 && r.left >= 0 && r.right <= window.innerWidth]; });
    }""")
    assert found and all(visible for _, visible in found), [label for label, visible in found if not visible]
    wrap = page.locator(".hb-matrix-wrap")
    assert wrap.evaluate("w => w.scrollWidth <= w.clientWidth")
    assert page.locator("#hb-matrix-note").is_visible()


def test_phone_menu_opens_by_keyboard_and_hides_its_links_while_closed(project_build, serve, page):
    """At 390 px the navigation drawer's links took ~15 Tab presses while off-screen, and its menu
    button (a <label>) could not be focused at all."""
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(serve(project_build.site) + "cases/")
    where = "() => { const r = document.activeElement.getBoundingClientRect(); return [r.left, r.right]; }"
    for _ in range(12):
        page.keyboard.press("Tab")
        left, right = page.evaluate(where)
        assert right > 0 and left < 390, page.evaluate("() => document.activeElement.outerHTML")  # on screen
    button = page.get_by_role("button", name="Navigation")
    assert button.get_attribute("aria-expanded") == "false"
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    marked = page.locator(".md-sidebar--primary .md-nav__link--active, .md-sidebar--primary .md-nav__item--active > a")
    assert marked.first.is_visible() and "Fälle" in marked.first.inner_text()  # where the reader is
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary .md-nav__list')"):
            break
    else:
        pytest.fail("no link of the open menu reached by Tab")
    left, right = page.evaluate(where)
    assert right > 0 and left < 390


def test_empty_filter_result_says_what_to_do(project_build, serve, page):
    """'0 von 32 angezeigt' over an empty table header was all a reader got; the caption kept
    saying 'Alle Fälle' while filtered."""
    page.goto(serve(project_build.site) + "cases/")
    caption = page.locator("table.hb-cases caption")
    assert caption.inner_text().startswith("Alle Fälle")
    instrument, sector = page.evaluate("""() => {
        const cell = document.querySelector('table.hb-matrix tbody td.hb-matrix__zero');
        const row = cell.closest('tr').querySelector('th a').getAttribute('href');
        const column = [...cell.parentNode.children].indexOf(cell);
        const head = document.querySelectorAll('table.hb-matrix thead th.hb-matrix__sector a')[column - 1];
        return [row.split('/').filter(Boolean).pop(), head.getAttribute('href').split('/').filter(Boolean).pop()];
    }""")
    from playwright.sync_api import expect

    page.select_option("select[name=instrument]", instrument)
    expect(caption).to_have_text(re.compile("^Fälle, die zum Filter passen"))  # the full list loads first
    page.select_option("select[name=sector]", sector)
    expect(page.locator("[data-hb-status]")).to_have_text(re.compile(r"^0 von \d+ angezeigt\. ?Nichts passt"))
    assert page.locator(".hb-filterable .hb-table-wrap").is_hidden()
    page.get_by_role("button", name="Filter zurücksetzen").click()
    page.wait_for_function("() => !document.querySelector('.hb-filterable .hb-table-wrap').hidden")
    assert caption.inner_text().startswith("Alle Fälle")
