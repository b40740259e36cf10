"""Method cards to print: every method as an A5 card, front and back, and one deck of all.

Rendered from `templates/card.html.j2` by the one renderer and laid out by WeasyPrint (no
browser, no network: fonts come from the system's fontconfig, `DejaVu Sans`, installed by
.ci/run). A card is exactly two pages: when a side would overflow, the card is laid out again
with smaller type, and as a last resort with fewer steps and a pointer to the method's page.
"""
from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from markupsafe import Markup

from .handbook import Handbook
from .model import CARD_DECK, Method
from .render import Renderer
from .sanitiser import render_body, sanitise

STYLE = Path(__file__).parent / "cards.css"
BASE_SIZE = 9.5  # points
SCALES = (1.0, 0.92, 0.85, 0.78)  # type sizes tried, largest first
CASES_ON_CARD = 3
# The sections of a method page (see methods/_template.md) each side of the card shows.
FRONT_SECTIONS = ("Ziel", "Wann einsetzen")
BACK_SECTION = "Ablauf"
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


class CardPrinter:
    """Lays out cards with WeasyPrint; `url` maps a page path to the link printed on a card.
    With a `cache` folder, a card whose inputs are unchanged is read from there."""

    def __init__(self, handbook: Handbook, renderer: Renderer, url: Callable[[str], str], publisher: str,
                 cache: Path | None = None):
        import weasyprint  # only builds that print cards need it loaded
        from weasyprint.text.fonts import FontConfiguration

        self.weasyprint = weasyprint
        self.fonts = FontConfiguration()  # made once: setting up fontconfig per card costs more than a layout
        self.style = weasyprint.CSS(filename=str(STYLE), font_config=self.fonts)
        self.handbook = handbook
        self.renderer = renderer
        self.url = url
        self.publisher = publisher  # the site's name, the PDFs' author
        self.cache = cache
        # What else decides a card's layout: this code, the templates, the catalogues, WeasyPrint.
        here = Path(__file__).parent
        inputs = [here / "cards.py", STYLE, *sorted((here / "templates").glob("*.html.j2")),
                  *sorted((here / "locale").glob("*/LC_MESSAGES/messages.po"))]
        self._salt = weasyprint.__version__ + "".join(p.read_text(encoding="utf-8") for p in inputs)

    def _layout(self, template: str, scale: float = 1.0, **context):
        html = self.renderer.render(template, url=self.url, **context)
        size = self.weasyprint.CSS(string=f"html {{ font-size: {BASE_SIZE * scale:.2f}pt; }}", font_config=self.fonts)
        return self.weasyprint.HTML(string=html).render(stylesheets=[self.style, size], font_config=self.fonts)

    def card(self, method: Method) -> Card:
        parts = sections(method)
        steps = _html(parts.get(BACK_SECTION, ""))
        context = {
            "method": method,
            "front": [(heading, _html(parts[heading])) for heading in FRONT_SECTIONS if heading in parts],
            "steps": steps,
            "cases": self.handbook.cases_by_method[method.slug][:CASES_ON_CARD],
            "page": self.url(method.page_path),
            "publisher": self.publisher,
        }
        cached = None
        if self.cache:
            key = hashlib.sha256((self._salt + self.renderer.render(
                "card.html.j2", url=self.url, cut=False, **context)).encode()).hexdigest()
            cached = self.cache / f"{method.slug}-{key[:32]}.pdf"
            if cached.is_file():
                return Card(method, cached.read_bytes(), 2, 0.0, False)
        card = self._fit(method, context)
        if cached:
            cached.parent.mkdir(parents=True, exist_ok=True)
            for old in cached.parent.glob(f"{method.slug}-*.pdf"):
                old.unlink()
            cached.write_bytes(card.pdf)
        return card

    def _fit(self, method: Method, context: dict) -> Card:
        steps = context["steps"]
        items = steps.count("<li>")
        for scale in SCALES:
            document = self._layout("card.html.j2", scale=scale, cut=False, **context)
            if len(document.pages) == 2:
                return Card(method, document.write_pdf(), 2, scale, False)
        keep = items
        while len(document.pages) > 2 and keep > 1:  # last resort: fewer steps, "the rest online"
            keep -= 1
            context = {**context, "steps": _first_items(steps, keep)}
            document = self._layout("card.html.j2", scale=SCALES[-1], cut=True, **context)
        return Card(method, document.write_pdf(), len(document.pages), SCALES[-1], keep < items)

    def deck(self, cards: list[Card]) -> bytes:
        """Cover and contents (each card's first page number), then every card's two pages."""
        from pypdf import PdfReader, PdfWriter

        draft = [(card.method, 999) for card in cards]  # numbers as wide as the real ones
        first = len(self._layout("deck.html.j2", entries=draft, publisher=self.publisher).pages) + 1
        entries = [(card.method, first + 2 * index) for index, card in enumerate(cards)]
        front = self._layout("deck.html.j2", entries=entries, publisher=self.publisher)
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(front.write_pdf())))
        for card in cards:
            writer.append(PdfReader(io.BytesIO(card.pdf)))
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()


def _first_items(steps: Markup, keep: int) -> Markup:
    """The first `keep` list items of a steps section, closing the list."""
    starts = [m.start() for m in re.finditer(r"<li>", steps)]
    if len(starts) <= keep:
        return steps
    cut = steps[:starts[keep]]
    return Markup(cut + ("</ol>" if cut.rfind("<ol") > cut.rfind("<ul") else "</ul>"))


def card_link(path: str, site_url: str | None, directory_urls: bool) -> str:
    """The address a card prints for a page: absolute when the site's address is known, else
    relative to the card's folder (PDF viewers resolve it next to the file)."""
    page = path.removesuffix(".md")
    if directory_urls:
        page = page.removesuffix("index") if page.endswith("/index") else page + "/"
    else:
        page += ".html"
    return (site_url.rstrip("/") + "/" if site_url else "../") + page


def print_cards(handbook: Handbook, language: str, site_url: str | None, directory_urls: bool, publisher: str,
                cache: str | None) -> dict[str, bytes]:
    """Every file of cards/: one PDF per method and the deck. Runs in a worker process beside
    the site's build (hence picklable arguments): layout costs about half a second per card."""
    printer = CardPrinter(handbook, Renderer(handbook, language), lambda path: card_link(path, site_url, directory_urls),
                          publisher, Path(cache) if cache else None)
    cards = [printer.card(method) for method in deck_order(handbook)]
    files = {card.method.card_path: card.pdf for card in cards}
    files[CARD_DECK] = printer.deck(cards)
    return files
