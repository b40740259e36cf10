"""`import-legacy`: old TYPO3 texts become case files without losing a word; every guess and
every unknown link target is reported with its line; nothing is ever overwritten."""
import re

import pytest

from conftest import ROOT
from test_scaffold import assert_checks, files, root, run  # noqa: F401  (root is a fixture)

from municipal_handbook.handbook import load_handbook
from municipal_handbook.legacy import convert, unclosed_link_text

SEED = ROOT / "tests" / "fixtures" / "seed-netzwerktreffen-koeln.txt"
MAPPING = "ueber-uns vorgehensweise: ansatz.md\nen about-us approach: ansatz.md\nkollegiale: methods/kb.md\n"


def plain(markdown: str) -> str:
    """What a reader sees of a converted paragraph: link texts, addresses, unescaped characters."""
    text = re.sub(r"\[((?:\\.|[^\]])*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"<((?:https?://|mailto:)?[^<>\s]+)>", r"\1", text)
    return re.sub(r"\\(.)", r"\1", text)


def body_of(path) -> str:
    text = path.read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1]


@pytest.fixture
def legacy_root(root):
    (root / "legacy-links.yml").write_text(MAPPING, encoding="utf-8")
    (root / "methods" / "kb.md").write_text("---\ntitle: KB\ninstruments: [dialogue-event]\nsummary: S.\n---\n",
                                            encoding="utf-8")
    return root


def test_seed_round_trips_line_by_line(legacy_root, capsys):
    code, output = run(legacy_root, "import-legacy", str(SEED), "--title", "Netzwerktreffen Köln (Import)",
                       capsys=capsys)
    assert code == 0, output
    created = legacy_root / "cases" / "2018-04-10-netzwerktreffen-koeln-import.md"
    assert created.is_file()
    body = body_of(created)
    paragraphs = [p for p in body.strip().split("\n\n") if not p.startswith("<!--")]
    seed_lines = [line for line in SEED.read_text(encoding="utf-8").split("\n") if line.strip()]
    assert len(paragraphs) == len(seed_lines) == 8
    for number, (line, paragraph) in enumerate(zip(seed_lines, paragraphs), start=1):
        expected = re.sub(r"</?link[^>]*>", "", line)
        assert plain(paragraph.strip()) == expected, f"seed line {number} lost text"
    assert "einen [methodischen Ansatz](../ansatz.md) zur Verfügung, der in über 70" in body
    assert "<link" not in body
    # the editor is told what was guessed, where
    assert (f"{SEED}:2: link: '<link ueber-uns vorgehensweise>' has no closing </link>; took "
            "'methodischen Ansatz' as the link text (rule: the words after the tag up to and including the "
            "first capitalised word") in output
    assert f"{SEED}:1: date: guessed '2018-04-10' from '10. April 2018' in the text; check it" in output
    assert "Still to fill in (replace TODO): instrument, sectors[0], location.city, location.country." in output


def test_seed_stubs_are_reported_by_the_check_until_filled(legacy_root, capsys):
    code, output = run(legacy_root, "import-legacy", str(SEED), capsys=capsys)
    assert code == 0, output
    (created,) = (legacy_root / "cases").iterdir()
    assert created.name == "2018-04-10-seed-netzwerktreffen-koeln.md"
    problems = load_handbook(legacy_root).problems
    assert [p.field for p in problems] == ["title", "instrument", "sectors[0]", "location.city", "location.country"]
    assert all(p.code == "placeholder" and p.line for p in problems)
    text = created.read_text(encoding="utf-8")
    for old, new in {"title: TODO": "title: Netzwerktreffen", "instrument: TODO": "instrument: network-meeting",
                     "sectors: [TODO]": "sectors: [mobility]", "city: TODO": "city: Köln",
                     "country: TODO": "country: DE"}.items():
        text = re.sub(re.escape(old) + r"[^\n]*", new, text)
    created.write_text(text, encoding="utf-8")
    assert_checks(legacy_root)


def test_answers_given_as_flags_make_a_complete_case(legacy_root, capsys):
    code, output = run(legacy_root, "import-legacy", str(SEED), "--title", "Netzwerktreffen", "--instrument",
                       "network-meeting", "--sectors", "mobility,wastewater", "--city", "Köln", "--country", "DE",
                       "--source", "https://www.connective-cities.net/veranstaltungen/x?no_cache=1", capsys=capsys)
    assert code == 0, output
    assert "Still to fill in" not in output
    case = assert_checks(legacy_root).cases[0]
    assert case.sectors == ("mobility", "wastewater")


def test_wrong_answers_are_refused_before_anything_is_written(legacy_root, capsys):
    code, output = run(legacy_root, "import-legacy", str(SEED), "--instrument", "netzwerk", "--date", "2018-02-30",
                       capsys=capsys)
    assert code == 1
    assert "--instrument: 'netzwerk' is not a known instrument" in output
    assert "--date: '2018-02-30' is not a real date" in output
    assert files(legacy_root) == []


def test_never_overwrites(legacy_root, capsys):
    target = legacy_root / "cases" / "2018-04-10-netzwerktreffen.md"
    target.write_text("mine\n", encoding="utf-8")
    code, output = run(legacy_root, "import-legacy", str(SEED), "--title", "Netzwerktreffen", capsys=capsys)
    assert code == 1
    assert "cases/2018-04-10-netzwerktreffen.md: file: the file already exists and is never overwritten" in output
    assert target.read_text(encoding="utf-8") == "mine\n"


def test_non_utf8_legacy_file_is_refused_with_its_line(legacy_root, tmp_path, capsys):
    old = tmp_path / "alt.txt"
    old.write_bytes("Erste Zeile\nTreffen in K".encode() + "öln".encode("latin-1") + b"\n")
    code, output = run(legacy_root, "import-legacy", str(old), capsys=capsys)
    assert code == 1
    assert f"{old}:2: file: the file is not UTF-8 text (undecodable byte 0xF6 at column 13); save it as UTF-8" in output
    assert "iconv -f windows-1252 -t utf-8" in output
    assert files(legacy_root) == []


def test_unknown_targets_are_reported_with_their_line_and_kept_as_text(legacy_root, tmp_path, capsys):
    old = tmp_path / "alt.txt"
    old.write_text("Erste Zeile ohne Link.\n\nMehr dazu <link internal-link external link in new>hier mehr lesen\n"
                   "Siehe <link record:tx_gg_connective_cities_vd:tx_ggconnectivecities_domain_model_event:81>"
                   "die Veranstaltung</link> und <link kollegiale>Kollegiale Beratung</link>.\n", encoding="utf-8")
    code, output = run(legacy_root, "import-legacy", str(old), "--date", "2019-01-01", "--title", "Alt",
                       capsys=capsys)
    assert code == 0, output
    assert (f"{old}:3: link: no handbook page is known for the old link target 'internal-link external link in "
            "new'; the link text 'hier mehr lesen' stays as plain text. Add a line such as 'internal-link external "
            "link in new': ansatz.md (or a full https:// URL) to legacy-links.yml") in output
    assert f"{old}:4: link: no handbook page is known for the old link target 'record:tx_gg_" in output
    body = body_of(legacy_root / "cases" / "2019-01-01-alt.md")
    assert "Mehr dazu hier mehr lesen" in body
    assert "Siehe die Veranstaltung und [Kollegiale Beratung](../methods/kb.md)." in body


def test_a_bad_mapping_is_refused_with_its_line(legacy_root, capsys):
    (legacy_root / "legacy-links.yml").write_text(MAPPING + "weg: gibt-es-nicht.md\nboese: ../../etc/passwd.md\n",
                                                  encoding="utf-8")
    code, output = run(legacy_root, "import-legacy", str(SEED), capsys=capsys)
    assert code == 1
    assert "legacy-links.yml:4: weg: 'gibt-es-nicht.md' is not a page of the handbook" in output
    assert "legacy-links.yml:5: boese: '../../etc/passwd.md' is not a page of the handbook" in output
    assert files(legacy_root) == []


def test_other_artefacts_of_the_old_site():
    text = ("Kontakt: max.mustermann(at)giz.de oder info [at] example.org.\n"
            "Quelle: https://www.connective-cities.net/aktuelles/x?tx_news_pi1%5Bnews%5D=870&cHash=dd89&no_cache=1"
            "&fbclid=IwAR0 und http://www.connective-cities.net/index.php?id=426.\n"
            "<p>Ein <b>fetter</b> und <em>schräger</em> Text&nbsp;mit <span class=\"x\">Spanne</span>"
            "<br />neue Zeile</p><p>* kein Aufzählungspunkt, a_b [c] 1. Rang &amp; &lt;script&gt;</p>\n"
            "# keine Überschrift\n"
            "<a href=\"https://example.org/?utm_source=x&id=3\" target=\"_blank\">extern</a> "
            "<a href=\"javascript:alert(1)\">böse</a> <link https://example.org/b _blank external-link>web</link>\n")
    result = convert(text, {"index.php?id=426": "../ansatz.md"}, "alt.txt")
    paragraphs = result.body.strip().split("\n\n")
    assert paragraphs[0] == "Kontakt: <max.mustermann@giz.de> oder <info@example.org>."
    assert paragraphs[1] == ("Quelle: <https://www.connective-cities.net/aktuelles/x?tx_news_pi1[news]=870> "
                             "und [http://www.connective-cities.net/index.php?id=426](../ansatz.md).")
    assert paragraphs[2] == "Ein **fetter** und *schräger* Text mit Spanne  \nneue Zeile"
    assert paragraphs[3] == r"\* kein Aufzählungspunkt, a\_b \[c\] 1. Rang &amp; &lt;script&gt;"
    assert paragraphs[4] == r"\# keine Überschrift"
    assert paragraphs[5] == "[extern](https://example.org/?id=3) böse [web](https://example.org/b)"
    codes = [(p.line, p.code) for p in result.notes]
    assert (1, "legacy-email") in codes and (2, "legacy-url-cleaned") in codes
    assert (3, "legacy-markup") in codes and (5, "legacy-url-cleaned") in codes
    assert (5, "legacy-unknown-target") in codes  # javascript: is never a link


@pytest.mark.parametrize("rest, text", [
    ("methodischen Ansatz zur Verfügung, der", "methodischen Ansatz"),
    ("hier mehr lesen", "hier mehr lesen"),
    (" Leitfaden zur Dialogveranstaltung.", "Leitfaden"),
    ("hier. Danach", "hier"),
    ("about our approach (PDF)", "about our approach"),
    (", danach", ""),
])
def test_rule_for_unclosed_links(rest, text):
    start, end = unclosed_link_text(rest)
    assert rest[start:end] == text


@pytest.mark.parametrize("written, first, last", [
    ("Vom 3. bis 5. Mai 2021 trafen sich", "2021-05-03", "2021-05-05"),
    ("Am 3.–5. Mai 2021 trafen sich", "2021-05-03", "2021-05-05"),
    ("Vom 30. April bis 2. Mai 2021 trafen sich", "2021-04-30", "2021-05-02"),
    ("Vom 30. Dezember 2020 bis 2. Januar 2021 trafen sich", "2020-12-30", "2021-01-02"),
    ("Vom 03.05.–05.05.2021 trafen sich", "2021-05-03", "2021-05-05"),
    ("Am 10. April 2018 trafen sich", "2018-04-10", None),
])
def test_a_date_range_in_the_text_gives_date_and_end_date(written, first, last):
    assert convert(f"Text.\n{written} zwölf Fachleute.\n", {}, "alt.txt").date_guess[:2] == (first, last)


OLD_REPORT = ("Vom 3. bis 5. Mai 2021 trafen sich in Amman Fachleute aus der kommunalen Verwaltung (8) und aus "
              "kommunalen Unternehmen (4).\n"
              "Sie arbeiteten mit der <link kollegiale>kollegialen Beratung, nach einem <link ueber-uns "
              "vorgehensweise>methodischen Ansatz aus Köln.\n")


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_guess_is_kept_in_the_file_and_summed_up_at_the_end(legacy_root, tmp_path, capsys, language):
    old = tmp_path / "alt-bericht.txt"
    old.write_text(OLD_REPORT, encoding="utf-8")
    code, output = run(legacy_root, "import-legacy", str(old), "--title", "Amman 2021 (Import-Beispiel)",
                       "--instrument", "dialogue-event", "--sectors", "urban-development", "--city", "Amman",
                       "--country", "JO", capsys=capsys, language=language)
    assert code == 0, output
    case_file = legacy_root / "cases" / "2021-05-03-amman-2021-import-beispiel.md"
    text = case_file.read_text(encoding="utf-8")
    assert "date: '2021-05-03'" in text and "end_date: '2021-05-05'" in text
    assert "participants:" in text and "  Kommunalen Verwaltung: 8\n  Kommunalen Unternehmen: 4\n" in text
    case = assert_checks(legacy_root).cases[0]  # the guesses make a valid case: nothing lost, nothing broken
    assert (case.date.isoformat(), case.end_date.isoformat()) == ("2021-05-03", "2021-05-05")
    assert case.participants == {"Kommunalen Verwaltung": 8, "Kommunalen Unternehmen": 4}
    summary = output.split("Guesses to check" if language == "en" else "Zu prüfende Annahmen")[1]
    assert output.rstrip().endswith(summary.rstrip())  # the summary comes last
    guesses = [line.strip() for line in summary.strip().split("\n")[1:]]
    assert len(guesses) == 4, guesses  # the date range, the participants, two unclosed links' texts
    if language == "en":
        assert guesses[0] == (f"{old}:1: date: guessed date '2021-05-03' and end_date '2021-05-05' from "
                              "'3. bis 5. Mai 2021' in the text; check them")
        assert guesses[1].startswith(f"{old}:1: participants: guessed participants '{{Kommunalen Unternehmen: 4, "
                                     "Kommunalen Verwaltung: 8}' from the numbers in brackets in the text")
        assert "# guessed from '3. bis 5. Mai 2021' (line 1 of alt-bericht.txt): check it" in text
    else:
        assert guesses[0].startswith(f"{old}:1: date: date '2021-05-03' und end_date '2021-05-05' aus "
                                     "'3. bis 5. Mai 2021' im Text abgeleitet")
        assert "# abgeleitet aus '3. bis 5. Mai 2021' (Zeile 1 von alt-bericht.txt): bitte prüfen" in text
    assert guesses[2].startswith(f"{old}:2: link:") and guesses[3].startswith(f"{old}:2: link:")
    assert "methods: [kb]" in text  # the method page the report links is declared
    comment = text.split("<!--", 1)[1].split("-->", 1)[0]
    for guess in guesses:  # each guess also stands in the file
        assert guess.split(": ", 2)[2].replace("<", "‹").replace(">", "›") in comment
