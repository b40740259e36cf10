"""Issue 12: a first contribution without Git. The case form in the site, driven in headless
Chromium, checks answers the way `check` does and produces a file that passes `check` unchanged
and builds strictly, online and from the offline zip; the one place for the repository and the
contact (extra.handbook) feeds the form, the edit links and the Mitmachen page."""
from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import make_tree, run_build

from municipal_handbook.cli import main
from municipal_handbook.contribution import Contribution, contribution_settings

TITLE = "Testfall aus dem Formular: Skopje (Beispiel)"


@pytest.fixture
def page(page):
    """The conftest page, recording 404 responses: Material's language switcher asks for a sitemap.xml
    beside each page (not this form's doing), which the console reports without its address."""
    page.missing = []
    page.on("response", lambda response: response.status == 404 and page.missing.append(response.url))
    return page


def assert_clean(page):
    assert page.outside_requests == [], page.outside_requests
    assert all(url.endswith("/sitemap.xml") for url in page.missing), page.missing
    errors = [e for e in page.console_errors if not e.startswith("Failed to load resource: the server responded "
                                                                 "with a status of 404")]
    assert errors == [], errors


def fill_and_produce(page):
    """A contributor's answers, first with the slips new-case also forgives or catches."""
    page.wait_for_selector("input[name=instrument]")
    page.fill("#f-title", TITLE)
    page.fill("#f-date", "31.02.2019")
    page.fill("#f-city", "Skopje")
    page.fill("#f-country", "Nordmazedonein")
    page.fill("#f-participating_countries", "Deutschland, Serbein")
    page.fill("#f-source", "www.example.org")
    page.click("#case-form button[type=submit]")
    problems = page.inner_text("[data-form-problems]")
    assert "Erster Tag: '31.02.2019' ist kein existierendes Datum" in problems
    assert "Land: 'Nordmazedonein' ist kein Land (meinten Sie 'MK' (Nordmazedonien)?)" in problems
    assert "'Serbein' ist kein Land (meinten Sie 'RS' (Serbien)?)" in problems
    assert "Instrument: Pflichtangabe" in problems and "Sektoren: Pflichtangabe" in problems
    assert "Quelle im Web: 'www.example.org' ist keine absolute http(s)-Adresse" in problems
    assert page.is_hidden("#case-form-result")
    page.fill("#f-source", "http://example.org/bericht")
    page.click("#case-form button[type=submit]")
    assert "'http://example.org/bericht' ist keine absolute https://-Adresse" in page.inner_text("[data-form-problems]")
    page.fill("#f-date", "3.5.2021")  # as most contributors write it
    page.fill("#f-end_date", "05.05.2021")
    page.check("input[name=instrument][value=network-meeting]")
    page.check("input[name=sectors][value=mobility]")
    page.check("input[name=sectors][value=wastewater]")
    page.fill("#f-country", "Nordmazedonien")
    page.fill("#f-participating_countries", "Deutschland, RS")
    page.fill("#f-participants", "Kommunalverwaltung: 8\nKommunale Unternehmen: 4")
    page.fill("#f-summary", "Beispiel: ein Testfall, den es nur in diesem Test gibt.")
    page.fill("#f-recommendations-prerequisites", "Früh planen: das hilft.\nDolmetschen einplanen.")
    page.fill("#f-body", "## Anlass\n\nEin Testbericht mit \"Anführungszeichen\" und 'Apostroph'.")
    page.fill("#f-author", "Testperson, Beispielstadt")
    page.fill("#f-source", "https://example.org/bericht")
    page.click("#case-form button[type=submit]")
    assert page.is_hidden("[data-form-problems]"), page.inner_text("[data-form-problems]")
    return page.inner_text("[data-result=file-name]"), page.input_value("[data-result=text]")


def test_a_first_contribution_through_the_form_passes_check_and_builds(project_build, serve, page, tmp_path):
    page.goto(serve(project_build.site) + "fall-eintragen/")
    name, text = fill_and_produce(page)
    assert name == "2021-05-03-testfall-aus-dem-formular-skopje-beispiel.md"
    assert "date: 2021-05-03\nend_date: 2021-05-05\n" in text and "country: MK" in text
    assert "participating_countries: [DE, RS]" in text and "sectors: [mobility, wastewater]" in text
    # the repository is configured for this build: the Git host's new-file page, prefilled
    link = page.get_attribute("[data-action=open-host]", "href")
    assert page.is_visible("[data-action=open-host]")
    assert link.startswith("https://git.example.org/handbook/new/main/cases/?")
    query = parse_qs(urlsplit(link).query)
    assert query == {"filename": [name], "value": [text]}
    with page.expect_download() as download:
        page.click("[data-action=download]")
    assert download.value.suggested_filename == name
    root = make_tree(tmp_path, {}, keep_content=True)
    download.value.save_as(root / "cases" / name)
    assert (root / "cases" / name).read_text(encoding="utf-8") == text
    assert main(["--root", str(root), "check"]) == 0
    build = run_build(root, tmp_path / "site")
    assert build.returncode == 0, build.output
    slug = name.removesuffix(".md")
    for listing in ("instruments/network-meeting/", "sectors/mobility/", "sectors/wastewater/", "cases/"):
        assert re.search(rf'href="(?:\.\./)*(?:\./)?(?:cases/)?{slug}/"', build.html(listing)), listing
        assert "Testfall aus dem Formular: Skopje (Beispiel)" in html.unescape(build.html(listing)), listing
    case_page = html.unescape(build.html(f"cases/{slug}/"))
    assert "Früh planen: das hilft." in case_page and "Kommunale Unternehmen" in case_page
    assert_clean(page)


def test_the_form_works_from_the_offline_zip_without_a_git_host(offline_bundle, page):
    page.goto((offline_bundle.folder / "fall-eintragen.html").as_uri())
    name, text = fill_and_produce(page)
    assert text.startswith("---\ntitle: \"Testfall aus dem Formular: Skopje (Beispiel)\"\n")
    assert page.is_hidden("[data-action=open-host]")  # no repository configured in this build
    mitmachen = (offline_bundle.folder / "mitmachen.html").read_text(encoding="utf-8")
    assert 'href="fall-eintragen.html"' in mitmachen and "Beim Git-Anbieter:" not in mitmachen
    assert_clean(page)


def test_the_form_refuses_a_title_already_used_and_markup(project_build, serve, page):
    page.goto(serve(project_build.site) + "fall-eintragen/")
    page.wait_for_selector("input[name=instrument]")
    existing = re.search(r'"cases":\[\["[^"]+","([^"]+)"',
                         (project_build.site / "assets/javascripts/case-form-data.js").read_text(encoding="utf-8"))
    page.fill("#f-title", existing.group(1).upper())
    page.fill("#f-body", "Text <script>alert(1)</script>")
    page.click("#case-form button[type=submit]")
    problems = page.inner_text("[data-form-problems]")
    assert f"'{existing.group(1).upper()}' wird schon von cases/" in problems
    assert "'<script' ist in Beiträgen nicht erlaubt (raw <script> element)" in problems


def test_mitmachen_names_the_contact_and_links_contributing_and_the_form(tmp_path):
    root = make_tree(tmp_path, {})
    build = run_build(root, tmp_path / "site", env={"HANDBOOK_REPOSITORY": "https://codeberg.org/stadt/handbuch/",
                                                      "HANDBOOK_GIT_HOST": "gitea",
                                                      "HANDBOOK_CONTACT": "redaktion@example.org"})
    assert build.returncode == 0, build.output
    mitmachen = build.html("mitmachen/")
    assert 'href="mailto:redaktion@example.org"' in mitmachen
    assert 'href="https://codeberg.org/stadt/handbuch/src/branch/main/CONTRIBUTING.md"' in mitmachen
    assert 'href="../fall-eintragen/"' in mitmachen
    data = (build.site / "assets/javascripts/case-form-data.js").read_text(encoding="utf-8")
    assert '"newCaseUrl":"https://codeberg.org/stadt/handbuch/_new/main/cases/"' in data
    assert 'href="https://codeberg.org/stadt/handbuch/_edit/main/docs/mitmachen.md"' in mitmachen


@pytest.mark.parametrize("name, value, message", [
    ("repository", "github.com/stadt/handbuch", "extra.handbook.repository: 'github.com/stadt/handbuch' is not a "
                                               "repository address; write the https:// address"),
    ("host", "gitlab", "extra.handbook.host: 'gitlab' is not a supported Git host; allowed: github, gitea"),
    ("contact", "Redaktion", "extra.handbook.contact: 'Redaktion' is neither an e-mail address nor"),
])
def test_a_wrong_setting_is_named_with_the_fix(name, value, message):
    settings, problems = contribution_settings({name: value})
    assert len(problems) == 1 and message in problems[0].format("en")
    assert settings == Contribution()


def test_a_wrong_setting_stops_the_build(tmp_path):
    build = run_build(make_tree(tmp_path, {}), tmp_path / "site", env={"HANDBOOK_REPOSITORY": "github.com/x/y"})
    assert build.returncode != 0
    assert "extra.handbook.repository: 'github.com/x/y' is not a repository address" in build.output
    assert "Traceback" not in build.output


def test_the_english_edition_has_the_form_in_english(project_build, serve, page):
    page.goto(serve(project_build.site) + "en/fall-eintragen/")
    page.wait_for_selector("input[name=instrument]")
    assert page.locator("label.hb-form__choice", has_text="Network meeting").count() == 1  # English labels
    page.fill("#f-date", "31.02.2019")
    page.fill("#f-country", "Nordmazedonein")
    page.click("#case-form button[type=submit]")
    problems = page.inner_text("[data-form-problems]")
    assert "First day: '31.02.2019' is not a real date (day is out of range for month)" in problems
    assert "Country: 'Nordmazedonein' is not a country (did you mean 'MK' (North Macedonia)?)" in problems
    assert "Title: required; please fill in this field" in problems
    assert_clean(page)
