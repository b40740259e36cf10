"""The real handbook: it builds strictly, the seed case is faithful, the content is complete."""
import html as html_module
import re

import pytest

from conftest import ROOT

SEED = ROOT / "tests" / "fixtures" / "seed-netzwerktreffen-koeln.txt"
SEED_PAGE = "cases/2018-04-10-netzwerktreffen-koeln/"


def text_of(html: str) -> str:
    article = html[html.index("<article"):html.index("</article>")]
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", article)).split())


@pytest.fixture(scope="module")
def handbook():
    from municipal_handbook import load_handbook

    result = load_handbook(ROOT)
    assert not result.problems, [p.format() for p in result.problems]
    return result.handbook


def test_seed_case_facts_on_its_page(project_build):
    html = project_build.html(SEED_PAGE)
    facts = html[html.index('class="hb-facts"'):html.index("</dl>")]
    assert "10. April 2018" in facts
    assert "Köln, Deutschland" in facts
    assert ">Netzwerktreffen</a>" in facts
    for sector in ("Abfallwirtschaft", "Mobilität", "Abwasser", "Stadtentwicklung", "Klimaschutz"):
        assert f">{sector}</a>" in facts
    assert "15 insgesamt: Kommunalverwaltung 7, Kommunale Unternehmen 7, Privatwirtschaft 1" in facts
    assert 'href="../../methods/arbeitsgruppen/"' in facts
    assert "Deutschen Städtetags" in html


def test_seed_recommendations_under_their_themes(handbook):
    case = handbook.case_by_slug["2018-04-10-netzwerktreffen-koeln"]
    themes = {r.theme for r in case.recommendations}
    assert themes == {"prerequisites", "instruments-and-methods", "impacts"}
    texts = " ".join(r.text for r in case.recommendations if r.theme == "prerequisites")
    assert "frühzeitig" in texts.lower() and "Mehrwert" in texts and "politisch" in texts.lower()


def test_seed_text_is_imported_faithfully_with_its_link_restored(project_build):
    """Every sentence of the seed stands on the page; the TYPO3 tag became a real link."""
    page = text_of(project_build.html(SEED_PAGE))
    seed = SEED.read_text(encoding="utf-8").replace("<link ueber-uns vorgehensweise>", "")
    for sentence in re.split(r"(?<=[.?!“])\s+", " ".join(seed.split())):
        assert sentence in page, sentence
    html = project_build.html(SEED_PAGE)
    assert '<a href="../../ansatz/">methodischen Ansatz</a> zur Verfügung' in html
    assert "&lt;link" not in html and "<link ueber-uns" not in html


def test_every_case_cites_an_absolute_source(handbook):
    missing = [c.slug for c in handbook.cases if not (c.source or "").startswith(("https://", "http://"))]
    assert not missing


def test_every_vocabulary_term_has_a_description(handbook):
    for vocabulary in (handbook.taxonomy.instruments, handbook.taxonomy.sectors, handbook.taxonomy.themes):
        for term in vocabulary.values():
            assert len(term.description) > 40, term.key


def test_every_method_is_reachable_from_an_instrument_page(project_build, handbook):
    linked = set()
    for key in handbook.taxonomy.instruments:
        linked |= set(re.findall(r'href="\.\./\.\./methods/([a-z0-9-]+)/"', project_build.html(f"instruments/{key}/")))
    assert {m.slug for m in handbook.methods} <= linked


def test_every_instrument_has_a_method_page_and_every_case_is_listed(project_build, handbook):
    overview = project_build.html("cases/")
    for case in handbook.cases:
        assert f'href="../cases/{case.slug}/"' in overview or f'href="{case.slug}/"' in overview
    for key in handbook.taxonomy.instruments:
        assert handbook.methods_by_instrument[key], f"no method page explains {key}"


def test_every_method_page_lists_the_cases_whose_texts_link_it(project_build, handbook):
    """No method page denies a case: a case whose report links a method page, or whose instrument
    that page explains, is listed under "In diesen Fällen eingesetzt"."""
    from municipal_handbook.handbook import linked_methods
    from municipal_handbook.source import read_document

    expected = {m.slug: set() for m in handbook.methods}
    for case in handbook.cases:
        document, _ = read_document(ROOT, case.source_path)
        for _, slug in linked_methods(document, expected):
            expected[slug].add(case.slug)
        guide = handbook.taxonomy.instruments[case.instrument].guide
        expected[guide].add(case.slug)
    for slug, cases in expected.items():
        html = project_build.html(f"methods/{slug}/")
        listed = set(re.findall(r'href="\.\./\.\./cases/([a-z0-9-]+)/"', html[html.index('id="faelle"'):]))
        assert cases <= listed == {c.slug for c in handbook.cases_by_method[slug]}, slug
    assert "2018-04-10-netzwerktreffen-koeln" in expected["netzwerktreffen"]
    assert "2017-07-04-from-waste-to-resource-kocaeli" in expected["dialogveranstaltung"]
    unused = sorted(slug for slug in expected if not handbook.cases_by_method[slug])
    assert unused == ["galerierundgang", "projektarbeitsgruppe", "themenaufruf", "willkommensabend"]


def test_seed_summary_and_recommendations_keep_the_seeds_meaning(handbook):
    """The summary keeps who came (one of the 15 from private industry) and "nicht primär";
    a participant's opinion stays reported speech, attributed, never a flat statement of fact."""
    seed = " ".join(SEED.read_text(encoding="utf-8").split())
    case = handbook.case_by_slug["2018-04-10-netzwerktreffen-koeln"]
    assert "Privatwirtschaft (1)" in seed and "nicht primär" in seed
    assert "Privatwirtschaft" in case.summary and "nicht primär" in case.summary
    assert "15 kommunalen" not in case.summary
    assert "Süd-Süd-Austausch sei nicht zu unterschätzen" in seed
    south = [r.text for r in case.recommendations if "Süd-Süd" in r.text]
    assert south and all("sei nicht zu unterschätzen" in t and "Teilnehmer" in t for t in south)
    assert "Eine der zentralen Herausforderungen" in seed
    assert not any(r.text.startswith("Zentrale Hürde") for r in case.recommendations)


def test_recommendations_come_from_many_cases_and_appear_only_where_specific(project_build, handbook):
    """Recommendations come from the outcomes of many cases, not one meeting; a sector or
    instrument page shows only those specific to it (the seed's general lessons of a
    five-sector meeting are on no sector page, its mobility lesson on the mobility page)."""
    sources = {case.slug for entry in handbook.recommendations for case in entry.sources}
    assert len(sources) >= 10
    general = "Internationale Veranstaltungen frühzeitig planen"
    mobility_lesson = "können deutsche Städte viel von Großstädten aus dem globalen Süden lernen"
    for key in handbook.taxonomy.sectors:
        page = text_of(project_build.html(f"sectors/{key}/"))
        assert general not in page, key
        assert (mobility_lesson in page) == (key == "mobility"), key
    dialogue = text_of(project_build.html("instruments/dialogue-event/"))
    assert "Noch keine Empfehlung bezieht sich eigens auf dieses Instrument" not in dialogue
    assert "Ein erster gemeinsamer Austausch schafft Verständnis" in dialogue  # Kocaeli, about the format
    assert "Plastikabfall zuerst vermeiden" not in dialogue  # a waste lesson from a dialogue event
    assert "Plastikabfall zuerst vermeiden" in text_of(project_build.html("sectors/waste-management/"))
    assert general in text_of(project_build.html("recommendations/"))
    for case in handbook.cases:  # a recommendation tied to a source names one its case cites
        cited = (case.source or "") + case.body
        assert all(r.source in cited for r in case.recommendations if r.source), case.slug


def test_texts_carry_no_editors_working_notes(handbook):
    """Readers meet the events, not notes about how the texts were written (fact sheets,
    profiles, excerpts at hand, country codes)."""
    notes = re.compile(r"Faktenblatt|Steckbrief|vorliegenden? (Auszüg|Quelle)|Auszug der Dokumentation|"
                       r"Ländercode|zitierten Quellen|Quellenlage|eingetragen", re.I)
    found = [f"{case.slug}: {m.group(0)}" for case in handbook.cases for m in [notes.search(case.body)] if m]
    found += [f"{case.slug} (summary): {m.group(0)}" for case in handbook.cases
              for m in [notes.search(case.summary or "")] if m]
    notes_in_methods = re.compile(r"Faktenblatt|vorliegenden? (Auszüg|Quelle)|Ländercode|zitierten Quellen", re.I)
    found += [f"{method.slug}: {m.group(0)}" for method in handbook.methods for m in [notes_in_methods.search(method.body)] if m]
    assert not found, found
