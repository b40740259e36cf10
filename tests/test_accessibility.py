"""Issue 5: axe-core (vendored from the npm registry in tests/vendor/axe-core/) on the main
kinds of page, in the offline bundle from file:// and in the online build over loopback HTTP.
No violation of impact serious or critical; the others are listed in the failure message."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from offline_helpers import page_url, pages_in

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
FAILING = ("serious", "critical")


def pick(folder: Path, kind: str, which: str) -> str:
    """The page to check, as a path without suffix, found in whatever corpus exists."""
    offline = kind == "offline"
    if which in ("cases", "methods", "instruments"):
        pages = pages_in(folder, which, offline)
        assert pages, f"no page under {which}/"
        return pages[0]
    return {"home": "index", "cases overview": "cases/index", "recommendations": "recommendations"}[which]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]][:5]
        lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']} "
                     f"({len(violation['nodes'])}x, e.g. {targets})")
    return "\n".join(lines)


@pytest.mark.parametrize("which", ["home", "cases", "methods", "instruments", "cases overview", "recommendations"])
@pytest.mark.parametrize("kind", ["offline", "online"])
def test_no_serious_accessibility_violations(kind, which, offline_bundle, project_build, serve, page):
    if kind == "offline":
        folder, base = offline_bundle.folder, offline_bundle.folder.as_uri() + "/"
    else:
        folder = project_build.site
        base = serve(folder)
    path = pick(folder, kind, which)
    page.goto(page_url(folder, base, path, kind == "offline"))
    page.wait_for_load_state("load")
    assert page.outside_requests == [] and page.console_errors == []  # the page's own, before axe
    # Evaluated from outside the page: the site's Content-Security-Policy refuses an inline <script>.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    # From file://, axe cannot fetch stylesheets for its CSSOM rule (origin null): no preload.
    result = page.evaluate(
        "([tags, preload]) => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations'], preload}).then(r => JSON.stringify(r.violations))",
        [TAGS, kind == "online"])
    violations = json.loads(result)
    failing = [v for v in violations if v["impact"] in FAILING]
    others = [v for v in violations if v["impact"] not in FAILING]
    assert failing == [], (f"{path} ({kind}): serious or critical violations:\n{describe(failing)}\n"
                           f"others:\n{describe(others)}")
    assert page.outside_requests == []
    if others:
        print(f"{path} ({kind}): minor violations:\n{describe(others)}")
