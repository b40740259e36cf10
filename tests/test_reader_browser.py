"""Issue 11 in headless Chromium: the home page by keyboard, and the matrix on a phone."""
from __future__ import annotations

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
