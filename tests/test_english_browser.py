"""The English edition in headless Chromium: axe-core finds nothing at either width (language of
parts included), the language switcher keeps the page, and the filter speaks English."""
from __future__ import annotations

import json
import re

import pytest

from conftest import wait_for
from test_accessibility import AXE, describe

TRANSLATED = "cases/2017-12-13-skopje-velo-city/"  # has cases/….en.md


def _untranslated(site) -> list[str]:
    """A case or method page shown in German under a notice, if any is still untranslated."""
    from municipal_handbook.translation import is_translation_path

    for folder in ("cases", "methods"):
        root = site.root / folder
        translated = {p.name.split(".")[0] for p in root.glob("*.md") if is_translation_path(p.name)}
        for path in sorted(root.glob("*.md")):
            if not is_translation_path(path.name) and not path.name.startswith("_") and path.stem not in translated:
                return [f"{folder}/{path.stem}/"]
    return []


@pytest.mark.parametrize("width", [1280, 390])
def test_english_pages_have_no_accessibility_violations(width, project_build, serve, page):
    base = serve(project_build.site)
    page.set_viewport_size({"width": width, "height": 900})
    assert (project_build.root / "cases" / "2017-12-13-skopje-velo-city.en.md").is_file()
    found = {}
    for path in ["", TRANSLATED, *_untranslated(project_build), "instruments/dialogue-event/", "cases/",
                 "recommendations/", "translations/", "ansatz/"]:
        page.goto(f"{base}en/{path}")
        page.wait_for_load_state("load")
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
        violations = json.loads(page.evaluate(
            "() => axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(r.violations))"))
        if violations:
            found[path] = describe(violations)
        assert page.evaluate("document.documentElement.lang") == "en"
    assert page.outside_requests == [] and page.console_errors == []
    assert not found, "\n".join(f"en/{p}:\n{v}" for p, v in found.items())


def test_switcher_keeps_the_page_and_the_filter_speaks_english(project_build, serve, page):
    base = serve(project_build.site)
    page.goto(f"{base}en/{TRANSLATED}")
    page.click(".md-header__option .md-select button")  # the language menu
    page.click('a.md-select__link[hreflang="de"]')
    page.wait_for_load_state("load")
    assert page.url == f"{base}{TRANSLATED}" and page.evaluate("document.documentElement.lang") == "de"
    page.goto(f"{base}en/cases/#instrument=dialogue-event")
    wait_for(page, "document.querySelector('[data-hb-status]').textContent !== ''")
    assert re.fullmatch(r"\d+ of \d+ shown", page.text_content("[data-hb-status]"))
    assert page.get_attribute("header form[role=search]", "aria-label") == "Search the handbook"
