"""The language of parts (WCAG 3.1.2) where the theme repeats a page's headings.

A case shown in the original language in another edition marks its text `lang="de"` on the page
itself; the theme then repeats the page's headings where that mark does not reach: the table of
contents and the title in the header. These functions find the headings in another language
than the page's and carry their mark over to the copies, so a screen reader switches voice there
too. Plain HTML in and out (no theme or builder import): any builder's adapter can call them.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

_HEADING = re.compile(r"h[1-6]")
_HEADER_TITLE = re.compile(r'(<div class="md-header__topic" data-md-component="header-topic">\s*<span class="md-ellipsis")>')
_PERMALINK = re.compile(r'(<a class="headerlink" href="#[^"]*" title="[^"]*")>')


class _Headings(HTMLParser):
    """Every heading with an id and the language it is in (the nearest `lang` around it)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.languages = [language]  # the language of every open element, innermost last
        self.tags: list[str] = []
        self.found: list[tuple[str, str, str]] = []  # (tag, id, language)

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attrs = dict(attrs)
        language = attrs.get("lang") or self.languages[-1]
        if _HEADING.fullmatch(tag) and attrs.get("id"):
            self.found.append((tag, attrs["id"], language))
        self.tags.append(tag)
        self.languages.append(language)

    def handle_endtag(self, tag):
        if tag not in self.tags:
            return
        while self.tags:
            self.languages.pop()
            if self.tags.pop() == tag:
                break


def foreign_headings(content: str, language: str) -> list[tuple[str, str, bool]]:
    """(id, language, whether it is the page's title: its first `h1`) of the headings of a page's content that are in another language than
    the page's; pages without any `lang` mark (nearly all) are not parsed."""
    if ' lang="' not in content:
        return []
    parser = _Headings(language)
    parser.feed(content)
    parser.close()
    first_h1 = next((anchor for tag, anchor, _ in parser.found if tag == "h1"), None)
    return [(anchor, found, anchor == first_h1) for _tag, anchor, found in parser.found if found != language]


def mark_permalinks(content: str, language: str) -> str:
    """The theme's permalink title ("Link to this section") is in the page's language, also where
    it follows a heading in another one."""
    return _PERMALINK.sub(rf'\1 lang="{language}">', content)


def mark_repeated_headings(page: str, headings: list[tuple[str, str, bool]]) -> str:
    """The table of contents' links to foreign headings get the heading's `lang`, and so does the
    header's page title when the page's title is foreign."""
    for anchor, language, is_title in headings:
        page = page.replace(f'<a href="#{anchor}" class="md-nav__link">',
                            f'<a href="#{anchor}" class="md-nav__link" lang="{language}">')
        if is_title:
            page = _HEADER_TITLE.sub(rf'\1 lang="{language}">', page, count=1)
    return page
