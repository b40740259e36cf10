"""The client-side filters driven in headless Chromium: selection, URL state, keyboard, no network."""
import pytest

from conftest import built_site, wait_for
from corpus import ALL


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return built_site(tmp_path_factory, "filter", ALL)


def visible_rows(page, scope=".hb-cases"):
    """The titles of the rows shown, once the filter has drawn them (it loads the cases on first use)."""
    wait_for(page, f"!document.querySelector('{scope}[aria-busy]')")
    return page.eval_on_selector_all(f"{scope} tbody tr",
                                     "rows => rows.filter(r => !r.hidden).map(r => r.querySelector('a').textContent)")


def test_cases_filter_by_instrument_sector_country_year_and_url(site, serve, page):
    base = serve(site.site)
    page.goto(base + "cases/")
    assert len(visible_rows(page)) == 4
    page.select_option("select[name=sector]", "mobility")
    assert len(visible_rows(page)) == 3
    page.select_option("select[name=country]", "MK")
    assert visible_rows(page) == ["Testentsendung (Beispiel)", "Testworkshop Radverkehr (Beispiel)"]
    page.select_option("select[name=year]", "2018")
    assert visible_rows(page) == ["Testworkshop Radverkehr (Beispiel)"]
    assert page.evaluate("location.hash") == "#sector=mobility&country=MK&year=2018"
    assert page.text_content("[data-hb-status]") == "1 von 4 angezeigt"
    page.click(".hb-filter button[type=reset]")
    wait_for(page, "location.hash === ''")
    assert len(visible_rows(page)) == 4
    assert page.outside_requests == [] and page.console_errors == []


def test_country_filter_finds_a_case_by_a_participating_country(site, serve, page):
    base = serve(site.site)
    page.goto(base + "cases/")
    label = page.locator("label:has(select[name=country])").inner_text()
    assert "Ort oder beteiligt" in label
    assert page.locator("select[name=country] option[value=UA]").inner_text() == "Ukraine"
    options = page.eval_on_selector_all("select[name=country] option", "os => os.map(o => o.textContent)")
    assert options == ["alle", "Ägypten", "Deutschland", "Nordmazedonien", "Ukraine", "online"]  # by name, not code
    page.select_option("select[name=country]", "UA")
    assert visible_rows(page) == ["Testtreffen Abfall (Beispiel)", "Testentsendung (Beispiel)"]
    page.select_option("select[name=country]", "DE")  # host of one case, participant in another
    assert visible_rows(page) == ["Testentsendung (Beispiel)", "Testdialog Mobilität (Beispiel)"]
    page.select_option("select[name=country]", "online")
    assert visible_rows(page) == ["Testtreffen Abfall (Beispiel)"]
    assert page.console_errors == []


def test_shared_filtered_url_opens_filtered_and_matrix_links_work(site, serve, page):
    base = serve(site.site)
    page.goto(base + "cases/#instrument=dialogue-event")
    assert visible_rows(page) == ["Testdialog Mobilität (Beispiel)"]
    assert page.input_value("select[name=instrument]") == "dialogue-event"
    page.click(".hb-matrix a[href*='instrument=local-project-workshop']")
    wait_for(page, "location.hash.includes('local-project-workshop')")
    assert visible_rows(page) == ["Testworkshop Radverkehr (Beispiel)"]
    page.goto(base)
    page.click(".hb-matrix a[href*='instrument=network-meeting']")
    page.wait_for_url("**/cases/#instrument=network-meeting&sector=waste-management")
    assert visible_rows(page) == ["Testtreffen Abfall (Beispiel)"]


def test_filter_is_usable_by_keyboard_and_labelled(site, serve, page):
    base = serve(site.site)
    page.goto(base + "cases/")
    select = page.locator("select[name=instrument]")
    assert page.get_by_label("Instrument").count() >= 1
    select.focus()
    page.keyboard.press("ArrowDown")  # first instrument after "alle"
    wait_for(page, "location.hash !== ''")
    assert visible_rows(page) == ["Testdialog Mobilität (Beispiel)"]
    assert page.get_attribute("[data-hb-status]", "aria-live") == "polite"


def test_recommendations_filter_hides_empty_themes(site, serve, page):
    base = serve(site.site)
    page.goto(base + "recommendations/")
    page.select_option("select[name=instrument]", "network-meeting")
    assert page.eval_on_selector_all("[data-hb-item]", "items => items.filter(i => !i.hidden).length") == 0
    assert page.eval_on_selector_all("[data-hb-group]", "groups => groups.every(g => g.hidden)")
    page.select_option("select[name=instrument]", "expert-secondment")
    assert page.eval_on_selector_all("[data-hb-item]", "items => items.filter(i => !i.hidden).length") == 1
    page.select_option("select[name=instrument]", "dialogue-event")
    assert page.eval_on_selector_all("[data-hb-item]", "items => items.filter(i => !i.hidden).length") == 2


def test_sector_page_filter_by_instrument(site, serve, page):
    base = serve(site.site)
    page.goto(base + "sectors/mobility/")
    page.select_option("select[name=instrument]", "expert-secondment")
    assert visible_rows(page) == ["Testentsendung (Beispiel)"]
