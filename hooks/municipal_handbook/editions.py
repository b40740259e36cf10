"""The editions of the handbook: one per language, built from the same sources.

The main edition lives at the site's root, every other one in a folder of it (`en/`) with the
same paths, so a page's twin in another edition is found by its address alone. Each edition is
its own build (its own theme language, search language and navigation); the settings say where
each lives and which configuration builds it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Placeholder links in the theme's language switcher (`extra.alternate`), replaced on every page by
# the address of that page's twin; a fragment, so MkDocs leaves it alone until then.
TWIN_PLACEHOLDER = "#edition-{language}"


@dataclass(frozen=True)
class Edition:
    language: str
    path: str  # folder below the site's root: "" for the main edition, "en/" for English
    config: str  # the MkDocs configuration that builds it


@dataclass(frozen=True)
class Editions:
    language: str  # the edition being built
    all: tuple[Edition, ...]

    @classmethod
    def from_settings(cls, language: str, settings) -> "Editions":
        """From `extra.editions` ({language: {path, config}}); without it, one edition."""
        if not settings:
            return cls(language, (Edition(language, "", "mkdocs.yml"),))
        editions = []
        for code, entry in settings.items():
            path = (entry or {}).get("path", "")
            if path and not re.fullmatch(r"[a-z]{2,3}(?:-[a-z]{2})?/", path):
                raise ValueError(f"extra.editions.{code}.path: {path!r} must be empty (the main edition) "
                                 f"or a folder such as '{code}/'")
            editions.append(Edition(code, path, (entry or {}).get("config", "mkdocs.yml")))
        if [e.path for e in editions].count("") != 1 or language not in {e.language for e in editions}:
            raise ValueError(f"extra.editions: exactly one edition has path '' and {language!r} "
                             f"(theme.language) is one of {[e.language for e in editions]}")
        return cls(language, tuple(editions))

    @property
    def current(self) -> Edition:
        return next(e for e in self.all if e.language == self.language)

    @property
    def main(self) -> Edition:
        return next(e for e in self.all if e.path == "")

    @property
    def is_main(self) -> bool:
        return self.current.path == ""

    @property
    def languages(self) -> list[str]:
        return [e.language for e in self.all]

    def others_to_build(self, wanted: str | None = None) -> list[Edition]:
        """The other editions, all or those named in a comma list (e.g. HANDBOOK_EDITIONS=de)."""
        names = {n.strip() for n in wanted.split(",")} if wanted else None
        return [e for e in self.all if e.language != self.language and (names is None or e.language in names)]

    def is_translation(self, path: str) -> bool:
        """`ansatz.en.md`: a translation of an editorial page, published in place of its original."""
        parts = path.rsplit(".", 2)
        return len(parts) == 3 and parts[2] == "md" and parts[1] in self.languages

    def twin(self, page_url: str, language: str) -> str:
        """The address of a page's twin in another edition, relative to the page."""
        target = next(e for e in self.all if e.language == language)
        up = page_url.count("/") + self.current.path.count("/")
        return "../" * up + target.path + page_url or "./"

    def link_twins(self, html: str, page_url: str) -> str:
        """The language switcher's links and the `hreflang` alternates point at the page's twin.

        The alternates are written `rel="alternate "`: the same link type to browsers and search
        engines (a token list), but not matched by the theme's script, which takes every
        `link[rel=alternate]` for the root of a language site and asks it for a sitemap.xml
        (a failing request on every page, since these are the pages themselves)."""
        for edition in self.all:
            placeholder = TWIN_PLACEHOLDER.format(language=edition.language)
            if placeholder in html:
                twin = self.twin(page_url, edition.language)
                html = html.replace(f'<link rel="alternate" href="{placeholder}"', f'<link rel="alternate " href="{twin}"')
                html = html.replace(f'"{placeholder}"', f'"{twin}"')
        return html
