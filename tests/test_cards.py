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
from municipal_handbook.cards import CardPrinter, card_address, deck_order
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
    # Each card's own PDF is cut out of the deck: exactly the two pages the contents point to.
    for method, (_, page) in zip(methods, listed):
        card = [words(p.extract_text()) for p in read(project_build.site / method.card_path).pages]
        assert card == text[int(page) - 1:int(page) + 1], method.slug


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
    printer = CardPrinter(handbook, Renderer(handbook, "de"), None, "Test")
    card = printer.card(long)
    pdf = PdfReader(io.BytesIO(card.pdf))
    assert card.pages == len(pdf.pages) == 2 and card.steps_cut
    assert "Alle Schritte: siehe die Seite der Methode." in words(pdf.pages[1].extract_text())


def uris(pdf: PdfReader) -> list[str]:
    return [str(annotation.get_object()["/A"]["/URI"]) for page in pdf.pages for annotation in page.get("/Annots", [])
            if "/URI" in annotation.get_object().get("/A", {})]


def test_without_the_sites_address_a_card_names_its_page_instead_of_a_broken_address(project_build, handbook):
    """The project is built without HANDBOOK_SITE_URL: a card printed or saved elsewhere must not
    show or link an address relative to the site it came from."""
    method = max(handbook.methods, key=lambda m: len(handbook.cases_by_method[m.slug]))
    pdf = read(project_build.site / method.card_path)
    back = words(pdf.pages[1].extract_text())
    assert f"Online: im Handbuch „Methodenhandbuch Kommunaler Fachaustausch“, unter „Methoden“, Seite „{words(method.title)}“." in back
    assert "../" not in back and "methods/" not in back
    assert all(uri.startswith("https://") for uri in uris(pdf))  # web addresses from the method's text only


def test_with_the_sites_address_a_card_prints_and_links_the_full_address(handbook):
    method = max(handbook.methods, key=lambda m: len(handbook.cases_by_method[m.slug]))
    site = "https://handbuch.example.org/"
    printer = CardPrinter(handbook, Renderer(handbook, "de"), lambda path: card_address(path, site, True), "Test")
    pdf = PdfReader(io.BytesIO(printer.card(method).pdf))
    address = f"{site}methods/{method.slug}/"
    assert f"Online: {address}" in words(pdf.pages[1].extract_text()).replace(" ", " ")
    links = uris(pdf)
    assert address in links
    assert {f"{site}cases/{case.slug}/" for case in handbook.cases_by_method[method.slug][:3]} <= set(links)


def test_cards_come_from_the_cache_until_a_method_changes(handbook, tmp_path):
    """The deck and its cards are cached under their inputs: a second build reads them, a changed
    method lays them out again."""
    methods = deck_order(handbook)[:3]
    printer = CardPrinter(handbook, Renderer(handbook, "de"), None, "Test", cache=tmp_path)
    cards, deck = printer.print(methods)
    assert [entry.name for entry in tmp_path.iterdir()] == [next(tmp_path.iterdir()).name]  # one deck per edition
    again, deck_again = printer.print(methods)
    assert deck_again == deck and [c.pdf for c in again] == [c.pdf for c in cards]
    changed = dataclasses.replace(methods[0], summary="Eine geänderte Zusammenfassung für den Test.")
    fresh, _ = printer.print([changed, *methods[1:]])
    assert "Eine geänderte Zusammenfassung" in words(PdfReader(io.BytesIO(fresh[0].pdf)).pages[0].extract_text())
    assert len(list(tmp_path.iterdir())) == 1  # the stale deck is gone


@pytest.mark.parametrize("edition", ["", "en/"])
def test_every_card_carries_its_aim_and_steps_in_the_editions_language(project_build, handbook, edition):
    """A card is its method's aim on the front and its steps on the back, in both editions: the
    sections are found by their headings in the language of the text shown (Ziel/Aim …)."""
    from municipal_handbook.cards import sections

    shown = handbook.edition("en") if edition else handbook
    headings = {"de": ("Ziel", "Ablauf"), "en": ("Aim", "Procedure")}
    for method in shown.methods:
        aim, procedure = headings[method.language]
        parts = sections(method)
        tokens = lambda text: " ".join(re.findall(r"\w+", re.sub(r"\]\([^)]*\)", "", text)))  # noqa: E731
        front, back = (tokens(page.extract_text()) for page in read(project_build.site / edition / method.card_path).pages)
        first = lambda markdown: " ".join(tokens(re.sub(r"(?m)^\s*\d+\.\s", "", markdown)).split()[:4])  # noqa: E731
        assert first(parts[aim]) in front, (edition, method.slug, first(parts[aim]))
        assert first(parts[procedure]) in back, (edition, method.slug, first(parts[procedure]))
