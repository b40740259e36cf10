"""axe-core (vendored from the npm registry in tests/vendor/axe-core/) on every kind of page:
no violation of any impact, at desktop (1280 px) and phone (390 px) width, in the light and the
dark palette, in the online build over loopback HTTP; and in the offline bundle from file://.
The matrix leaves axe nothing to doubt about its ARIA ("incomplete" results).

One browser page per run visits every kind of page. The dark palette changes colours only (the
same markup, other custom properties), so in it axe runs the rules about colour; every rule runs
in the light palette at both widths. That keeps the whole check within a few minutes."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from offline_helpers import page_url, pages_in

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# Editorial and overview pages, as paths without suffix; one generated page of each kind is added.
FIXED = ["index", "ansatz", "fall-eintragen", "daten", "cases/index", "methods/index", "instruments/index",
         "sectors/index", "countries/index", "recommendations", "suche", "en/index"]
KINDS = ("cases", "methods", "instruments", "sectors", "countries")


def every_kind_of_page(folder: Path, offline: bool) -> list[str]:
    """One page of every kind, found in whatever corpus exists; the biggest case page (most to check)."""
    pages = list(FIXED)
    for kind in KINDS:
        found = pages_in(folder, kind, offline)
        assert found, f"no page under {kind}/"
        size = (lambda p: (folder / f"{p}.html").stat().st_size) if offline else \
            (lambda p: (folder / p / "index.html").stat().st_size)
        pages.append(max(found, key=size))
    return pages


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]][:5]
        lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']} "
                     f"({len(violation['nodes'])}x, e.g. {targets})")
    return "\n".join(lines)


def run_axe(page, preload: bool, rules: list[str] | None) -> dict:
    # Evaluated from outside the page: the site's Content-Security-Policy refuses an inline <script>.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    # From file://, axe cannot fetch stylesheets for its CSSOM rule (origin null): no preload.
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": TAGS}
    return json.loads(page.evaluate(
        "([only, preload]) => axe.run(document, {runOnly: only,"
        " resultTypes: ['violations', 'incomplete'], preload})"
        ".then(r => JSON.stringify({violations: r.violations, incomplete: r.incomplete}))",
        [only, preload]))


def check_pages(page, folder: Path, base: str, offline: bool, rules: list[str] | None = None,
                pages: list[str] | None = None) -> list[str]:
    problems = []
    for path in pages or every_kind_of_page(folder, offline):
        page.goto(page_url(folder, base, path, offline))
        page.wait_for_load_state("load")
        result = run_axe(page, preload=not offline, rules=rules)
        if result["violations"]:
            problems.append(f"{path}:\n{describe(result['violations'])}")
        matrix = [item for item in result["incomplete"]
                  if item["id"].startswith("aria") and any(".hb-matrix" in " ".join(map(str, node["target"]))
                                                           for node in item["nodes"])]
        if matrix:
            problems.append(f"{path}: ARIA axe cannot decide in the matrix:\n{describe(matrix)}")
    return problems


@pytest.mark.parametrize("width, scheme", [(1280, "light"), (390, "light"), (1280, "dark"), (390, "dark")])
def test_no_accessibility_violations_online(project_build, serve, browser, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    try:
        base = serve(project_build.site)
        page.goto(base)
        shown = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
        assert shown == {"light": "default", "dark": "slate"}[scheme]  # the palette follows the system
        problems = check_pages(page, project_build.site, base, offline=False,
                               rules=COLOUR_RULES if scheme == "dark" else None)
    finally:
        context.close()
    assert problems == [], f"{width} px, {scheme}:\n" + "\n".join(problems)


def test_no_accessibility_violations_offline(offline_bundle, page):
    """From file:// (links to .html files): the home page, a case, the case list."""
    folder = offline_bundle.folder
    pages = ["index", pages_in(folder, "cases", True)[0], "cases/index"]
    problems = check_pages(page, folder, folder.as_uri() + "/", offline=True, pages=pages)
    assert page.outside_requests == []
    assert problems == [], "offline bundle:\n" + "\n".join(problems)


def test_palette_toggle_switches_and_is_remembered(project_build, serve, page):
    """A reader on a light system can choose dark; the choice holds on the next page."""
    page.goto(serve(project_build.site))
    assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "default"
    page.get_by_title("Dunkles Farbschema einschalten").click()
    assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.get_by_role("link", name="Fälle", exact=True).first.click()
    page.wait_for_load_state("load")
    assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate"
