"""Issue 11, item 2: every source is a link with a readable label, on every page that lists
sources (cases, methods, 'Unser Ansatz'), that fits a phone and keeps its address in print."""
from __future__ import annotations

import html
import re

import pytest

from municipal_handbook.weblinks import link_addresses


@pytest.mark.parametrize("written, linked", [
    ("- Connective Cities: Skopje Velo-City: https://example.org/skopje/",
     "- [Connective Cities: Skopje Velo-City](https://example.org/skopje/)"),
    ("* VKU: Themenaufruf 2019, https://www.example.org/a?b=1.",
     "* [VKU: Themenaufruf 2019](https://www.example.org/a?b=1)."),
    ("Mehr unter https://www.example.org/termine/rad_verkehr/.",
     r"Mehr unter [example.org/termine/rad\_verkehr](https://www.example.org/termine/rad_verkehr/)."),
    ("- Leitfaden, https://example.org/de/ (englisch: https://example.org/en)",
     "- [Leitfaden](https://example.org/de/) (englisch: [example.org/en](https://example.org/en))"),
    ("- https://example.org/nur-adresse", "- [example.org/nur-adresse](https://example.org/nur-adresse)"),
    ("Schon verlinkt: [Titel](https://example.org/x) und <https://example.org/y>",
     "Schon verlinkt: [Titel](https://example.org/x) und <https://example.org/y>"),
    ("- [Titel](https://example.org/x), https://example.org/x",
     "- [Titel](https://example.org/x), [example.org/x](https://example.org/x)"),
    ("Code: `curl https://example.org/api` bleibt Code", "Code: `curl https://example.org/api` bleibt Code"),
])
def test_written_out_addresses_become_links(written, linked):
    assert link_addresses(written) == linked


def test_addresses_in_fenced_code_stay_code():
    text = "```\nhttps://example.org/a\n```\nhttps://example.org/b"
    assert link_addresses(text) == "```\nhttps://example.org/a\n```\n[example.org/b](https://example.org/b)"


def visible_text(page_html: str) -> str:
    """The text of the article outside links, code and the permalink markup."""
    article = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', page_html, re.S)
    body = re.sub(r"<(a|code|pre|script|style)\b.*?</\1>", " ", article.group(1), flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def test_no_page_shows_an_address_that_is_not_a_link(project_build):
    pages = sorted(project_build.site.rglob("index.html"))
    with_sources = 0
    for page in pages:
        page_html = page.read_text(encoding="utf-8")
        assert not re.search(r"https?://[\w-]+\.", visible_text(page_html)), page  # not "https://…"
        sources = re.search(r'<h2 id="quellen">.*?</h2>\s*<ul>(.*?)</ul>', page_html, re.S)
        if sources:
            with_sources += 1
            for item in re.findall(r"<li>(.*?)</li>", sources.group(1), re.S):
                link = re.search(r'<a href="https?://[^"]+">([^<]+)</a>', item)
                assert link and "://" not in link.group(1), (page, item)
    assert with_sources >= 30  # cases, methods and the approach page list their sources


def test_sources_fit_a_phone_and_print_their_address(project_build, serve, page):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(serve(project_build.site) + "ansatz/")
    links = page.locator("#quellen + ul a")
    assert links.count() >= 5
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    for index in range(links.count()):
        box = links.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    page.emulate_media(media="print")
    first = links.first
    printed = first.evaluate("a => getComputedStyle(a, '::after').content")
    assert first.get_attribute("href") in printed
