"""Issue 15: method cards as A5 PDFs, front and back, and the deck of all cards, read back with
pypdf as a reader's PDF viewer would (pages, text, metadata, fonts)."""
from __future__ import annotations

import dataclasses
import io
import re
import zipfile

import pytest
from pypdf import PdfReader

from conftest import ROOT
from municipal_handbook import load_handbook
from municipal_handbook.cards import CardPrinter, deck_order
from municipal_handbook.render import Renderer

A5 = (419.5, 595.3)  # points


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(ROOT).handbook


def read(path) -> PdfReader:
    return PdfReader(io.BytesIO(path.read_bytes()))


def words(text: str) -> str:
    return " ".join(text.split())


def test_every_method_has_a_two_page_a5_card_with_real_text_and_metadata(project_build, handbook):
    for method in handbook.methods:
        pdf = read(project_build.site / method.card_path)
        assert len(pdf.pages) == 2, f"{method.card_path} has {len(pdf.pages)} pages"
        for page in pdf.pages:
            assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == A5
        front, back = (words(page.extract_text()) for page in pdf.pages)
        assert words(method.title) in front and words(method.summary)[:60] in front  # searchable text
        assert "Ablauf" in back
        assert pdf.metadata.title == f"Methodenkarte: {method.title}"
        assert pdf.trailer["/Root"]["/Lang"] == "de"
        fonts = {str(font["/BaseFont"]) for page in pdf.pages for font in page["/Resources"]["/Font"].values()}
        assert fonts and all("DejaVu-Sans" in font for font in fonts), fonts  # the shipped font, embedded


def test_a_card_names_cases_that_used_the_method(project_build, handbook):
    method = max(handbook.methods, key=lambda m: len(handbook.cases_by_method[m.slug]))
    back = words(read(project_build.site / method.card_path).pages[1].extract_text())
    for case in handbook.cases_by_method[method.slug][:3]:
        assert words(case.title)[:40] in back


def test_deck_has_cover_contents_and_every_card_in_taxonomy_order(project_build, handbook):
    deck = read(project_build.site / "cards/methodenkarten.pdf")
    methods = deck_order(handbook)
    text = [words(page.extract_text()) for page in deck.pages]
    contents_pages = len(deck.pages) - 2 * len(methods)
    assert contents_pages >= 2 and "Methodenkarten" in text[0] and "Inhalt" in text[1]
    listed = re.findall(r"(.+?) · Seite (\d+) ?", " ".join(text[1:contents_pages]).removeprefix("Inhalt "))
    assert [title for title, _ in listed] == [words(m.title) for m in methods]
    for title, page in listed:
        assert title in text[int(page) - 1], f"contents: {title} on page {page}"
    order = list(handbook.taxonomy.instruments)
    firsts = [min(order.index(k) for k in m.instruments) for m in methods]  # by instrument, taxonomy order
    assert firsts == sorted(firsts)
    assert deck.metadata.title.startswith("Methodenkarten")


def test_method_pages_and_overview_link_their_cards(project_build, handbook):
    method = handbook.methods[0]
    page = project_build.html(f"methods/{method.slug}/")
    link = re.search(r'<a href="([^"]+)">Als Karte drucken</a>', page).group(1)
    assert (project_build.site / "methods" / method.slug / link).resolve() == \
        (project_build.site / method.card_path).resolve()
    overview = project_build.html("methods/")
    link = re.search(r'<a href="([^"]+)">Als Karten drucken</a>', overview).group(1)
    assert (project_build.site / "methods" / link).resolve() == (project_build.site / "cards/methodenkarten.pdf").resolve()


def test_offline_zip_holds_the_cards(offline_bundle, handbook):
    with zipfile.ZipFile(offline_bundle.zip_path) as bundle:
        names = {name.split("/", 1)[1] for name in bundle.namelist()}
    assert {m.card_path for m in handbook.methods} | {"cards/methodenkarten.pdf"} <= names


def test_a_method_too_long_for_a_card_still_fits_on_two_pages(handbook):
    method = next(m for m in handbook.methods if "## Ablauf" in m.body)
    steps = "\n".join(f"{i}. **Schritt {i}:** " + "Ein langer Arbeitsschritt mit vielen Worten. " * 6
                      for i in range(1, 40))
    long = dataclasses.replace(method, body=re.sub(r"## Ablauf\n", "## Ablauf\n\n" + steps + "\n\n", method.body))
    printer = CardPrinter(handbook, Renderer(handbook, "de"), lambda path: "../" + path, "Test")
    card = printer.card(long)
    pdf = PdfReader(io.BytesIO(card.pdf))
    assert card.pages == len(pdf.pages) == 2 and card.steps_cut
    assert "Alle Schritte: siehe die Seite der Methode." in words(pdf.pages[1].extract_text())
