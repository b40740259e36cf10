"""Index pages by instrument and sector, the matrix, learning paths, related cases,
the recommendations page and the open data, on a fixture corpus built for real."""
import csv
import filecmp
import html as html_module
import io
import json
import re

import jsonschema
import pytest

from conftest import ROOT, built_site, make_tree, run_build
from corpus import ALL


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return built_site(tmp_path_factory, "indexes", ALL)


def text(html: str) -> str:
    article = html[html.index("<article"):html.index("</article>")] if "<article" in html else html
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", article)).split())


def case_links(html: str) -> list[str]:
    return re.findall(r'href="(?:\.\./)*(?:cases/)?(\d{4}-\d{2}-\d{2}-[a-z0-9-]+)/"', html)


def section(html: str, anchor: str) -> str:
    start = html.index(f'id="{anchor}"')
    following = html.find("<h2", start + 1)
    return html[start:following if following != -1 else None]


def test_instruments_overview_counts(site):
    page = text(site.html("instruments/"))
    assert "Dialogveranstaltung (Dialogue event) 1 Fall · 2 Methoden" in page
    assert "Expertenentsendung (Expert secondment) 1 Fall · 1 Methode" in page
    assert "Deep Dive 0 Fälle · 0 Methoden" in page  # the English name repeats nothing


def test_instrument_page_has_description_methods_cases_and_recommendations(site):
    html = site.html("instruments/dialogue-event/")
    assert "Mehrtägiger, stark beteiligungsorientierter Fachaustausch" in text(html)
    methods = section(html, "methoden")
    assert "Gruppenarbeit (Testmethode)" in methods and "Besichtigung (Testmethode)" in methods
    assert "Ungenutzte Methode" not in methods
    assert case_links(section(html, "faelle")) == ["2017-06-01-testdialog"]
    recommendations = text(section(html, "empfehlungen"))
    assert "Früh planen" in recommendations and "Gute Praktiken vorab einsammeln" in recommendations
    assert "Wirkungen" not in recommendations  # lessons about the subject, not about dialogue events


def test_sector_and_instrument_pages_show_only_recommendations_specific_to_them(site):
    """A general lesson of a two-sector dialogue is neither a mobility nor an urban-development
    lesson; one that names mobility is; a lesson about the format is a dialogue-event lesson only."""
    mobility = text(section(site.html("sectors/mobility/"), "empfehlungen"))
    urban = text(section(site.html("sectors/urban-development/"), "empfehlungen"))
    dialogue = text(section(site.html("instruments/dialogue-event/"), "empfehlungen"))
    assert "Radwege allein reichen nicht" in mobility and "Radwege allein reichen nicht" not in urban
    assert "Gute Praktiken vorab einsammeln" in dialogue and "Gute Praktiken vorab einsammeln" not in mobility
    assert "Noch keine Empfehlung bezieht sich eigens auf diesen Sektor" in urban
    # a one-sector workshop's lesson about its format is a workshop lesson, not a mobility lesson
    workshop = text(section(site.html("instruments/local-project-workshop/"), "empfehlungen"))
    assert "Vor Ort mit allen Ämtern arbeiten" in workshop and "Vor Ort mit allen Ämtern arbeiten" not in mobility
    everything = text(site.html("recommendations/"))
    assert "Gute Praktiken vorab einsammeln" in everything and "Radwege allein reichen nicht" in everything
    case = html_module.unescape(site.html("cases/2017-06-01-testdialog/"))
    assert 'Radwege allein reichen nicht. (<a href="https://example.org/testdialog-bericht">Quelle</a>)' in case


def test_sector_page_lists_cases_newest_first_with_instrument_filter_and_methods(site):
    html = site.html("sectors/mobility/")
    cases = section(html, "faelle")
    assert case_links(cases) == ["2019-05-01-testentsendung", "2018-03-01-testworkshop", "2017-06-01-testdialog"]
    assert '<select name="instrument">' in cases and '<select name="sector">' not in cases
    assert 'data-instrument="expert-secondment"' in cases
    methods = section(html, "methoden")
    assert "Gruppenarbeit" in methods and "Besichtigung" in methods and "Ungenutzte" not in methods


def test_empty_instrument_and_sector_pages_invite_contributions(site):
    for page in ("instruments/deep-dive/", "sectors/land-use/"):
        html = site.html(page)
        assert "noch kein Fall dokumentiert" in html
        assert 'href="../../mitmachen/"' in html


def test_cases_overview_table_filter_and_matrix(site):
    html = site.html("cases/")
    assert case_links(html.split('id="matrix"')[0]) == [
        "2020-02-01-testabfall", "2019-05-01-testentsendung", "2018-03-01-testworkshop", "2017-06-01-testdialog"]
    for name in ("instrument", "sector", "country", "year"):
        assert f'<select name="{name}">' in html
    assert '<option value="MK">Nordmazedonien</option>' in html
    assert '<option value="online">online</option>' in html
    matrix = html[html.index('class="hb-matrix"'):]
    cell = re.search(r'href="(?:\./)?#instrument=local-project-workshop&amp;sector=mobility"[^>]*>(\d+)</a>', matrix)
    assert cell and cell.group(1) == "1"
    filled = re.findall(r'href="(?:\./)?#instrument=([a-z-]+)&amp;sector=([a-z-]+)"[^>]*>(\d+)<', matrix)
    assert sorted(filled) == sorted([
        ("dialogue-event", "mobility", "1"), ("dialogue-event", "urban-development", "1"),
        ("local-project-workshop", "mobility", "1"), ("expert-secondment", "mobility", "1"),
        ("network-meeting", "waste-management", "1")])


def test_home_page_summarises_the_matrix_and_counts(site):
    html = site.html("")
    assert "Es enthält derzeit 4 Fälle mit Beteiligten aus 4 Ländern, 3 Methoden" in text(html)
    assert 'href="cases/#instrument=local-project-workshop&amp;sector=mobility"' in html
    assert "Deep Dive" not in html[html.index('class="hb-matrix"'):]  # rows without cases left out


def test_learning_path_shows_the_whole_chain_both_ways_in_date_order(site):
    chain = ["2017-06-01-testdialog", "2018-03-01-testworkshop", "2019-05-01-testentsendung"]
    for slug in chain:
        path = section(site.html(f"cases/{slug}/"), "lernpfad")
        shown = re.findall(r"(Testdialog Mobilität|Testworkshop Radverkehr|Testentsendung)", path)
        assert shown == ["Testdialog Mobilität", "Testworkshop Radverkehr", "Testentsendung"]
        assert 'aria-current="step"' in path
    assert 'id="lernpfad"' not in site.html("cases/2020-02-01-testabfall/")


def test_related_cases_do_not_repeat_the_learning_path(site):
    html = site.html("cases/2018-03-01-testworkshop/")
    # Both cases sharing its sector are steps of its learning path: listed there, not again as related.
    assert set(case_links(section(html, "lernpfad"))) == {"2019-05-01-testentsendung", "2017-06-01-testdialog"}
    assert 'id="verwandte-faelle"' not in html
    assert 'id="verwandte-faelle"' not in site.html("cases/2020-02-01-testabfall/")  # shares no sector


def test_recommendations_page_merges_and_counts(site):
    html = site.html("recommendations/")
    prerequisites = html[html.index('id="theme-prerequisites"'):html.index('id="theme-instruments-and-methods"')]
    entries = re.findall(r"<li data-hb-item.*?</li>", prerequisites, re.S)
    assert len(entries) == 1
    assert "3 Fälle" in text(f"<article>{entries[0]}</article>")
    assert case_links(entries[0]) == ["2019-05-01-testentsendung", "2018-03-01-testworkshop",
                                      "2017-06-01-testdialog"]
    impacts = html[html.index('id="theme-impacts"'):]
    entries = re.findall(r"<li data-hb-item.*?</li>", impacts, re.S)
    assert len(entries) == 2 and "Anders formuliert, gleiche ID." in html_module.unescape(entries[0])
    assert "2 Fälle" in html_module.unescape(entries[0])
    assert html.index('id="theme-prerequisites"') < html.index('id="theme-impacts"')
    assert '<select name="sector">' in html and '<select name="instrument">' in html


def load_schema(name):
    return json.loads((ROOT / "docs" / "data" / f"{name}.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["cases", "methods", "recommendations"])
def test_json_data_validates_against_shipped_schema(site, name):
    data = json.loads((site.site / "data" / f"{name}.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, load_schema(name))
    assert (site.site / "data" / f"{name}.schema.json").exists()


def test_json_and_csv_content(site):
    cases = json.loads((site.site / "data" / "cases.json").read_text(encoding="utf-8"))["cases"]
    assert [c["slug"] for c in cases][0] == "2020-02-01-testabfall"
    dialog = next(c for c in cases if c["slug"] == "2017-06-01-testdialog")
    assert dialog["participants"] == {"Verwaltung": 10, "Unternehmen": 5}
    assert dialog["location"] == {"city": "Teststadt", "country": "DE", "online": False}
    methods = json.loads((site.site / "data" / "methods.json").read_text(encoding="utf-8"))["methods"]
    besichtigung = next(m for m in methods if m["slug"] == "besichtigung")
    assert besichtigung["related"] == ["gruppenarbeit"] and besichtigung["cases"] == ["2017-06-01-testdialog"]
    recommendations = json.loads((site.site / "data" / "recommendations.json").read_text(encoding="utf-8"))
    assert [r["count"] for r in recommendations["recommendations"]] == [3, 1, 1, 2, 1]
    by_text = {r["text"]: r for r in recommendations["recommendations"]}
    assert by_text["Radwege allein reichen nicht."]["sectors"] == ["mobility"]
    assert by_text["Gute Praktiken vorab einsammeln."] | {"instruments": ["dialogue-event"], "sectors": []} \
        == by_text["Gute Praktiken vorab einsammeln."]
    assert dialog["recommendations"][3] == {"theme": "impacts", "text": "Radwege allein reichen nicht.", "id": None,
                                            "sectors": ["mobility"], "instruments": [],
                                            "source": "https://example.org/testdialog-bericht"}
    rows = list(csv.DictReader(io.StringIO((site.site / "data" / "cases.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 4
    row = next(r for r in rows if r["slug"] == "2017-06-01-testdialog")
    assert row["sectors"] == "mobility;urban-development" and row["participants_total"] == "15"
    assert next(r for r in rows if r["slug"] == "2020-02-01-testabfall")["online"] == "true"
    secondment = next(c for c in cases if c["slug"] == "2019-05-01-testentsendung")
    assert secondment["participating_countries"] == ["UA", "DE"] and dialog["participating_countries"] == []
    assert next(r for r in rows if r["slug"] == "2019-05-01-testentsendung")["participating_countries"] == "UA;DE"
    assert "data/cases.schema.json" in site.html("daten/")


def test_case_page_fact_box_names_participating_countries(site):
    facts = text(site.html("cases/2019-05-01-testentsendung/"))
    assert "Ort Beispielstadt, Nordmazedonien Beteiligte Länder Ukraine, Deutschland" in facts
    assert "Beteiligte Länder" not in text(site.html("cases/2017-06-01-testdialog/"))


def test_two_builds_are_byte_identical(site, tmp_path):
    again = run_build(site.root, tmp_path / "again")
    assert again.returncode == 0, again.output
    comparison = filecmp.dircmp(site.site, tmp_path / "again", ignore=["sitemap.xml", "sitemap.xml.gz"])

    def differences(c):
        found = c.diff_files + c.left_only + c.right_only
        for sub in c.subdirs.values():
            found += differences(sub)
        return found

    assert differences(comparison) == []


def test_editorial_macros(tmp_path):
    page = """
        ---
        render_macros: true
        ---
        # Makros (Testseite)

        Zahl: {{ case_count(instrument="expert-secondment") }} / {{ case_count(sector="mobility") }}
        / {{ counts().recommendations }}

        {{ case_table(sector="mobility", limit=2) }}

        {{ latest_cases(1) }}

        {{ recommendations("impacts") }}
        """
    build = run_build(make_tree(tmp_path, {**ALL, "docs/makros.md": page}), tmp_path / "site")
    assert build.returncode == 0, build.output
    html = build.html("makros/")
    assert "Zahl: 1 / 3 / 5" in text(html)
    table = html[html.index('class="hb-cases"'):html.index("</table>")]
    assert case_links(table) == ["2019-05-01-testentsendung", "2018-03-01-testworkshop"]
    assert case_links(html[html.index('class="hb-related"'):])[0] == "2020-02-01-testabfall"
    assert "Anders formuliert, gleiche ID." in html_module.unescape(html)

    broken = run_build(make_tree(tmp_path / "b" if (tmp_path / "b").mkdir() is None else tmp_path,
                                 {**ALL, "docs/makros.md": page.replace('"impacts"', '"impact"')}),
                       tmp_path / "site-b")
    assert broken.returncode != 0
    assert "makros.md: macro recommendations: theme='impact' is unknown; allowed: prerequisites" in broken.output


def test_index_pages_list_five_sources_and_link_to_the_rest(build_tree):
    files = {f"cases/2019-01-{n:02d}-quelle-{n}.md": f"""
        ---
        title: Quelle {n} (Beispiel)
        date: 2019-01-{n:02d}
        instrument: dialogue-event
        sectors: [mobility]
        location: {{city: Teststadt, country: DE}}
        recommendations:
          - {{theme: impacts, text: Gemeinsam lernen.}}
        ---
        Testbericht.
        """ for n in range(1, 9)}
    build = build_tree(files)
    assert build.returncode == 0, build.output
    sector = build.html("sectors/mobility/")
    entry = sector[sector.index('class="hb-recommendation__meta"'):]
    entry = entry[:entry.index("</p>")]
    assert "8 Fälle" in entry
    assert case_links(entry) == [f"2019-01-{n:02d}-quelle-{n}" for n in range(8, 3, -1)]
    assert '<a href="../../recommendations/#theme-impacts">3 weitere</a>' in entry
    full = build.html("recommendations/")
    assert len(case_links(full[full.index('id="theme-impacts"'):])) == 8
