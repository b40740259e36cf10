"""Method cards to print: every method as an A5 card, front and back, and one deck of all.

Rendered from `templates/cards.html.j2` by the one renderer and laid out by WeasyPrint (no
browser, no network: fonts come from the system's fontconfig, `DejaVu Sans`, installed by
.ci/run). All cards are laid out in ONE document, the deck (fonts, styles and fontconfig set
up once: a layout per card cost five times more), and pypdf cuts each card's two pages out of
it. A card is exactly two pages: a card that would overflow is fitted on its own with smaller
type, and as a last resort with fewer steps and a pointer to the method's page.
"""
from __future__ import annotations

import hashlib
import io
import re
import shutil
from dataclasses import dataclass, replace
from functools import cached_property
from importlib.metadata import version
from pathlib import Path
from typing import Callable

from markupsafe import Markup

from .handbook import Handbook
from .i18n import language
from .model import CARD_DECK, Method
from .render import Renderer
from .sanitiser import render_body, sanitise

STYLE = Path(__file__).parent / "cards.css"
BASE_SIZE = 9.5  # points
SCALES = (1.0, 0.92, 0.85, 0.78)  # type sizes tried, largest first
# One class per type size: a card's size is set on the card, so one deck holds cards of all sizes.
SCALE_STYLE = "".join(f".scale-{index} {{ font-size: {BASE_SIZE * scale:.2f}pt; }}" for index, scale in enumerate(SCALES))
CASES_ON_CARD = 3


def N_(message: str) -> str:
    """Marks a message for the catalogue (pybabel's keyword); it is translated where it is used."""
    return message


# The sections of a method page (see methods/_template.md) each side of the card shows, found by
# their headings in the language the method's text is in: the catalogue words them ("Ziel" in
# German, "Aim" in English), so a translated method's card has them too.
FRONT_SECTIONS = (N_("Aim"), N_("When to use"))
BACK_SECTION = N_("Procedure")
_SECTION = re.compile(r"^## +(.+?)\s*(?:\{[^}]*\})?\s*$", re.M)
_RELATIVE_LINK = re.compile(r'<a href="(?![a-z]+:)[^"]*">(.*?)</a>', re.S)


def sections(method: Method) -> dict[str, str]:
    """The method's body split at its `##` headings: heading -> Markdown."""
    parts = _SECTION.split(method.body)
    return {parts[i].strip(): parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}


def _html(markdown: str) -> Markup:
    """A section as sanitised HTML; links to other pages of the site become plain text (a card
    has no site around it), web addresses stay links."""
    return Markup(_RELATIVE_LINK.sub(r"\1", sanitise(render_body(markdown))))


def deck_order(handbook: Handbook) -> list[Method]:
    """Methods in taxonomy order: by their first instrument in taxonomy.yml, then by title."""
    order = {key: index for index, key in enumerate(handbook.taxonomy.instruments)}
    return sorted(handbook.methods, key=lambda m: (min(order[k] for k in m.instruments), m.title.casefold()))


@dataclass(frozen=True)
class Card:
    method: Method
    pdf: bytes
    pages: int
    scale: float  # the type size it was laid out at, of SCALES
    steps_cut: bool  # whether the steps were shortened to fit (never so far)


@dataclass(frozen=True)
class _Layout:
    """What decides how one card is laid out: its content, its type size, its steps kept."""
    method: Method
    context: dict
    scale: int = 0  # index into SCALES
    keep: int | None = None  # steps kept when shortened; None: all

    @property
    def anchor(self) -> str:
        return f"card-{self.method.slug}"


class CardPrinter:
    """Lays out cards with WeasyPrint; `address` maps a page path to its full web address, or
    is None when the site's address is unknown (then a card says where to look instead of
    printing an address that leads nowhere). With a `cache` folder, cards whose inputs are
    unchanged are read from there."""

    def __init__(self, handbook: Handbook, renderer: Renderer, address: Callable[[str], str] | None, publisher: str,
                 cache: Path | None = None):
        self.handbook = handbook
        self.renderer = renderer
        self.address = address
        self.publisher = publisher  # the site's name, the PDFs' author
        self.cache = cache
        # What else decides a card's layout: this code, the templates, the catalogues, WeasyPrint.
        here = Path(__file__).parent
        inputs = [here / "cards.py", STYLE, *sorted((here / "templates").glob("*.html.j2")),
                  *sorted((here / "locale").glob("*/LC_MESSAGES/messages.po"))]
        self._salt = version("weasyprint") + "".join(p.read_text(encoding="utf-8") for p in inputs)

    @cached_property
    def _weasyprint(self):
        """WeasyPrint with its fonts and styles, set up once and only when a card is laid out
        (importing it and setting up fontconfig take longer than reading every card from the cache)."""
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration

        fonts = FontConfiguration()
        return weasyprint, fonts, [weasyprint.CSS(filename=str(STYLE), font_config=fonts),
                                   weasyprint.CSS(string=SCALE_STYLE, font_config=fonts)]

    def _context(self, method: Method) -> dict:
        parts = sections(method)
        front = map(language(method.language).gettext, FRONT_SECTIONS)
        return {
            "method": method,
            "front": [(heading, _html(parts[heading])) for heading in front if heading in parts],
            "steps": _html(parts.get(language(method.language).gettext(BACK_SECTION), "")),
            "cases": self.handbook.cases_by_method[method.slug][:CASES_ON_CARD],
            "page": self.address(method.page_path) if self.address else None,
        }

    def _html(self, layouts: list[_Layout], cover: bool) -> str:
        cards = [{**layout.context, "anchor": layout.anchor, "page_of": _page_of(layout.anchor), "scale": layout.scale, "cut": layout.keep is not None,
                  "steps": layout.context["steps"] if layout.keep is None else _first_items(layout.context["steps"], layout.keep)}
                 for layout in layouts]
        return self.renderer.render("cards.html.j2", url=self.address or str, cards=cards, cover=cover,
                                    publisher=self.publisher)

    def _render(self, layouts: list[_Layout], cover: bool):
        weasyprint, fonts, styles = self._weasyprint
        return weasyprint.HTML(string=self._html(layouts, cover)).render(stylesheets=styles, font_config=fonts)

    @staticmethod
    def _first_pages(document, layouts: list[_Layout]) -> list[int]:
        """Where each card starts in the document (0-based), and its end: the cards' page ranges."""
        starts = {}
        for number, page in enumerate(document.pages):  # an element is an anchor of every page it spans
            for name in page.anchors:
                starts.setdefault(name, number)
        return [starts[layout.anchor] for layout in layouts] + [len(document.pages)]

    def _fit(self, layout: _Layout) -> _Layout:
        """A card that overflowed its two pages, laid out alone with smaller type, then fewer steps."""
        for scale in range(layout.scale + 1, len(SCALES)):
            layout = replace(layout, scale=scale)
            if len(self._render([layout], cover=False).pages) == 2:
                return layout
        items = layout.context["steps"].count("<li>")
        for keep in range(items - 1, 0, -1):
            layout = replace(layout, keep=keep)
            if len(self._render([layout], cover=False).pages) <= 2:
                return layout
        return layout

    def print(self, methods: list[Method]) -> tuple[list[Card], bytes]:
        """Every method's card, in the given order, and the deck: cover, contents (each card's
        first page, counted by WeasyPrint), then every card's two pages."""
        layouts = [_Layout(method, self._context(method)) for method in methods]
        key = hashlib.sha256((self._salt + self._html(layouts, cover=True)).encode()).hexdigest()[:32]
        cached = self.cache / f"{self.renderer.language.code}-{key}" if self.cache else None
        if cached and (cached / "deck.pdf").is_file():
            return [Card(m, (cached / f"{m.slug}.pdf").read_bytes(), 2, 0.0, False) for m in methods], \
                (cached / "deck.pdf").read_bytes()
        document = self._render(layouts, cover=True)
        bounds = self._first_pages(document, layouts)
        misfits = [i for i, layout in enumerate(layouts) if bounds[i + 1] - bounds[i] != 2]
        if misfits:  # rare: fit those alone, then lay out the deck once more
            for index in misfits:
                layouts[index] = self._fit(layouts[index])
            document = self._render(layouts, cover=True)
            bounds = self._first_pages(document, layouts)
        deck = document.write_pdf()
        cards = [Card(layout.method, pdf, bounds[i + 1] - bounds[i], SCALES[layout.scale], layout.keep is not None)
                 for i, (layout, pdf) in enumerate(zip(layouts, self._split(deck, layouts, bounds)))]
        if cached:
            for old in cached.parent.glob(f"{self.renderer.language.code}-*"):
                shutil.rmtree(old, ignore_errors=True)  # the previous deck of this edition
            partial = cached.with_name(cached.name + ".partial")
            partial.mkdir(parents=True, exist_ok=True)
            for card in cards:
                (partial / f"{card.method.slug}.pdf").write_bytes(card.pdf)
            (partial / "deck.pdf").write_bytes(deck)
            partial.rename(cached)  # complete or absent: a build stopped halfway leaves no half a cache
        return cards, deck

    def card(self, method: Method) -> Card:
        """One card on its own (what a deck of one method holds)."""
        return self.print([method])[0][0]

    def _split(self, deck: bytes, layouts: list[_Layout], bounds: list[int]) -> list[bytes]:
        """Each card's pages of the deck as a PDF of its own, with its own title and language."""
        from pypdf import PdfReader, PdfWriter
        from pypdf.generic import NameObject, TextStringObject

        reader = PdfReader(io.BytesIO(deck))
        title = self.renderer.language.gettext("Method card: %(title)s")
        files = []
        for index, layout in enumerate(layouts):
            writer = PdfWriter()
            for number in range(bounds[index], bounds[index + 1]):
                writer.add_page(reader.pages[number])
            writer.add_metadata({"/Title": title % {"title": layout.method.title}, "/Author": self.publisher,
                                 "/Creator": str(reader.metadata.get("/Creator", ""))})
            writer._root_object[NameObject("/Lang")] = TextStringObject(self.renderer.language.code)
            out = io.BytesIO()
            writer.write(out)
            files.append(out.getvalue())
        return files


def _page_of(anchor: str) -> Markup:
    """The page a card starts on in the deck, counted by WeasyPrint when it lays the deck out."""
    return Markup('<a class="page-of" href="#{}"></a>').format(anchor)


def _first_items(steps: Markup, keep: int) -> Markup:
    """The first `keep` list items of a steps section, closing the list."""
    starts = [m.start() for m in re.finditer(r"<li>", steps)]
    if len(starts) <= keep:
        return steps
    cut = steps[:starts[keep]]
    return Markup(cut + ("</ol>" if cut.rfind("<ol") > cut.rfind("<ul") else "</ul>"))


def card_address(path: str, site_url: str | None, directory_urls: bool) -> str | None:
    """The full web address a card prints for a page, or None when the site's address is not
    configured (a relative address on paper, or in a PDF saved elsewhere, leads nowhere)."""
    if not site_url:
        return None
    page = path.removesuffix(".md")
    if directory_urls:
        page = page.removesuffix("index") if page.endswith("/index") else page + "/"
    else:
        page += ".html"
    return site_url.rstrip("/") + "/" + page


def print_cards(handbook: Handbook, language: str, site_url: str | None, directory_urls: bool, publisher: str,
                cache: str | None) -> dict[str, bytes]:
    """Every file of cards/: one PDF per method and the deck. Runs in a worker process beside
    the site's build (hence picklable arguments)."""
    address = (lambda path: card_address(path, site_url, directory_urls)) if site_url else None
    printer = CardPrinter(handbook, Renderer(handbook, language), address, publisher, Path(cache) if cache else None)
    cards, deck = printer.print(deck_order(handbook))
    files = {card.method.card_path: card.pdf for card in cards}
    files[CARD_DECK] = deck
    return files
