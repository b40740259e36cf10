"""`new-case`: answers checked against the taxonomy at once, a safe file name, refusals that
write nothing, and a file that passes the check unchanged."""
import io
import re
import shutil

import pytest

from conftest import ROOT

from municipal_handbook.cli import main
from municipal_handbook.handbook import load_handbook
from municipal_handbook.slug import MAX_SLUG_LENGTH, slugify
from municipal_handbook.validation import SLUG

GOOD = ["--title", "Netzwerktreffen in Köln", "--date", "2018-04-10", "--instrument", "network-meeting",
        "--sectors", "mobility, wastewater", "--city", "Köln", "--country", "DE"]


@pytest.fixture
def root(tmp_path):
    """A small handbook: the real taxonomy (without guides), one docs page, no content yet."""
    project = tmp_path / "project"
    (project / "cases").mkdir(parents=True)
    (project / "methods").mkdir()
    (project / "docs").mkdir()
    (project / "docs" / "ansatz.md").write_text("# Ansatz\n", encoding="utf-8")
    taxonomy = (ROOT / "taxonomy.yml").read_text(encoding="utf-8")
    (project / "taxonomy.yml").write_text(re.sub(r"(?m)^\s+guide: .*\n", "", taxonomy), encoding="utf-8")
    return project


def run(root, *arguments, stdin=None, monkeypatch=None, capsys=None, language="en"):
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["--root", str(root), "--lang", language, *arguments])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def files(root):
    return sorted(p.name for p in (root / "cases").iterdir())


def assert_checks(root):
    result = load_handbook(root)
    assert not result.problems, [p.format() for p in result.problems]
    return result.handbook


@pytest.mark.parametrize("title, slug", [
    ("Netzwerktreffen in Köln", "netzwerktreffen-in-koeln"),
    ("Straßen, Plätze & Grünflächen – Süd", "strassen-plaetze-gruenflaechen-sued"),
    ("ÄÖÜ äöü ẞ ß", "aeoeue-aeoeue-ss-ss"),
    ("Çanakkale: Café São Paulo", "canakkale-cafe-sao-paulo"),
    ("../../etc/passwd", "etc-passwd"),
    ("..\\..\\windows\\system32", "windows-system32"),
    ("  .hidden. ", "hidden"),
    ("Kl\u0308n", "kln"),  # a stray combining mark is dropped
    ("Ko\u0308ln", "koeln"),  # decomposed ö is an ö
    ("عمّان", ""),
])
def test_slugify(title, slug):
    assert slugify(title) == slug


def test_slug_is_bounded_at_a_word():
    slug = slugify("Sehr " * 40 + "langer Titel")
    assert len(slug) <= MAX_SLUG_LENGTH and SLUG.match(slug) and not slug.endswith("-")
    assert len(slugify("x" * 200)) == MAX_SLUG_LENGTH


def test_new_case_from_flags_passes_the_check_unchanged(root, capsys):
    code, output = run(root, "new-case", *GOOD, "--end-date", "11.04.2018", "--source",
                       "https://www.connective-cities.net/", capsys=capsys)
    assert code == 0, output
    assert "Created cases/2018-04-10-netzwerktreffen-in-koeln.md." in output
    handbook = assert_checks(root)
    case = handbook.case_by_slug["2018-04-10-netzwerktreffen-in-koeln"]
    assert (case.title, case.instrument, case.sectors) == ("Netzwerktreffen in Köln", "network-meeting",
                                                           ("mobility", "wastewater"))
    assert (case.location.city, case.location.country, str(case.end_date)) == ("Köln", "DE", "2018-04-11")


def test_labels_and_country_names_are_accepted(root, capsys):
    code, output = run(root, "new-case", "--title", "Mobilität: Test", "--date", "2019-01-02", "--instrument",
                       "Dialogveranstaltung", "--sectors", "Mobilität;Climate adaptation", "--city", "Amman",
                       "--country", "Jordanien", capsys=capsys)
    assert code == 0, output
    case = assert_checks(root).case_by_slug["2019-01-02-mobilitaet-test"]
    assert (case.instrument, case.sectors, case.location.country) == (
        "dialogue-event", ("mobility", "climate-adaptation"), "JO")


def test_online_event(root, capsys):
    code, output = run(root, "new-case", "--title", "Virtueller Dialog", "--date", "2020-06-08", "--instrument",
                       "virtual-format", "--sectors", "mobility", "--online", capsys=capsys)
    assert code == 0, output
    assert assert_checks(root).case_by_slug["2020-06-08-virtueller-dialog"].location.online


def test_every_wrong_answer_is_reported_at_once_and_nothing_is_written(root, capsys):
    code, output = run(root, "new-case", "--title", " ", "--date", "2018-02-30", "--instrument", "networking",
                       "--sectors", "mobilty, wastewater", "--city", "Köln", "--country", "Germny", capsys=capsys)
    assert code == 1
    assert "--title: must not be empty" in output
    assert "--date: '2018-02-30' is not a real date (day is out of range for month); check the day and the month" in output
    assert ("--instrument: 'networking' is not a known instrument (did you mean 'network-meeting'?); "
            "allowed: dialogue-event, local-project-workshop,") in output
    assert "--sectors: 'mobilty' is not a known sector (did you mean 'mobility'?)" in output
    assert "--country: 'Germny' is not a country (did you mean 'DE' (Germany)?)" in output
    assert "No file was written." in output
    assert files(root) == []


def test_missing_answers_name_their_flags(root, capsys):
    code, output = run(root, "new-case", "--title", "Nur ein Titel", capsys=capsys)
    assert code == 1
    for flag in ("--date", "--instrument", "--sectors", "--city", "--country"):
        assert f"{flag}: required; give it with {flag}" in output
    assert files(root) == []


@pytest.mark.parametrize("date", ["2018-13-01", "2019-02-29", "31.04.2018", "10/04/2018", "gestern"])
def test_dates_that_do_not_exist_are_refused(root, capsys, date):
    code, output = run(root, "new-case", *GOOD[:2], "--date", date, *GOOD[4:], capsys=capsys)
    assert code == 1 and f"--date: '{date}' is not" in output
    assert files(root) == []


def test_existing_file_is_never_overwritten(root, capsys):
    existing = root / "cases" / "2018-04-10-netzwerktreffen-in-koeln.md"
    existing.write_text("my own work, not even valid\n", encoding="utf-8")
    code, output = run(root, "new-case", *GOOD, capsys=capsys)
    assert code == 1
    assert ("cases/2018-04-10-netzwerktreffen-in-koeln.md: file: the file already exists and is never "
            "overwritten") in output
    assert existing.read_text(encoding="utf-8") == "my own work, not even valid\n"


def test_duplicate_title_is_refused(root, capsys):
    assert run(root, "new-case", *GOOD, capsys=capsys)[0] == 0
    again = [v if v != "2018-04-10" else "2019-05-05" for v in GOOD]
    code, output = run(root, "new-case", *again, capsys=capsys)
    assert code == 1
    assert "--title: the title 'Netzwerktreffen in Köln' is already used by cases/2018-04-10-netzwerktreffen-in-koeln.md" in output


def test_a_title_with_path_separators_stays_inside_cases(root, capsys):
    title = ["--title", "../../etc/passwd ..\\x /tmp/y"]
    code, output = run(root, "new-case", *title, *GOOD[2:], capsys=capsys)
    assert code == 0, output
    assert files(root) == ["2018-04-10-etc-passwd-x-tmp-y.md"]
    assert sorted(p.name for p in root.iterdir()) == ["cases", "docs", "methods", "taxonomy.yml"]
    assert assert_checks(root).cases[0].title == "../../etc/passwd ..\\x /tmp/y"


@pytest.mark.parametrize("slug", ["../x", "a/b", "x.md", "Gross", "a--b", "-a", "", "a" * 61])
def test_an_unsafe_slug_is_refused(root, capsys, slug):
    code, output = run(root, "new-case", *GOOD, f"--slug={slug}", capsys=capsys)
    if slug == "":  # an empty --slug means: derive it from the title
        assert code == 0
        return
    assert code == 1 and f"--slug: '{slug}' is not a valid file name part" in output
    assert files(root) == []


def test_a_title_without_latin_letters_needs_a_slug(root, capsys):
    code, output = run(root, "new-case", "--title", "عمّان", *GOOD[2:], capsys=capsys)
    assert code == 1 and "--title: the title 'عمّان' leaves no letters a-z or digits for the file name" in output
    code, output = run(root, "new-case", "--title", "عمّان", *GOOD[2:], "--slug", "amman", capsys=capsys)
    assert code == 0 and files(root) == ["2018-04-10-amman.md"]
    assert_checks(root)


def test_html_and_yaml_syntax_in_answers(root, capsys):
    code, output = run(root, "new-case", "--title", "Test <b>fett</b>", *GOOD[2:], capsys=capsys)
    assert code == 1 and "--title: 'Test <b>fett</b>' contains HTML" in output
    title = "Köln: 'Zitat' # kein Kommentar, [Liste] {x: 1} *"
    code, output = run(root, "new-case", "--title", title, *GOOD[2:], capsys=capsys)
    assert code == 0, output
    assert assert_checks(root).cases[0].title == title


def test_interactive_prompts_ask_again_until_each_answer_is_valid(root, capsys, monkeypatch):
    answers = "\n".join(["", "Werkstatt Süd", "2020-02-30", "2020-03-01", "werkstatt", "project-workshop",
                         "mobility, abwasser", "mobility, Abwasser", "Bonn", "Deutschlnd", "de"]) + "\n"
    code, output = run(root, "new-case", stdin=answers, monkeypatch=monkeypatch, capsys=capsys)
    assert code == 0, output
    assert "title: must not be empty" in output
    assert "date: '2020-02-30' is not a real date" in output
    assert "instrument: 'werkstatt' is not a known instrument" in output
    assert "sectors: 'abwasser' is not a known sector" not in output  # labels are case-insensitive
    assert "country: 'Deutschlnd' is not a country (did you mean 'DE' (Germany)?)" in output
    case = assert_checks(root).case_by_slug["2020-03-01-werkstatt-sued"]
    assert (case.instrument, case.sectors, case.location.country) == ("project-workshop",
                                                                      ("mobility", "wastewater"), "DE")


def test_interactive_online_and_abort(root, capsys, monkeypatch):
    code, output = run(root, "new-case", stdin="Online-Dialog\n2021-01-19\nvirtual-format\nmobility\nonline\n",
                       monkeypatch=monkeypatch, capsys=capsys)
    assert code == 0, output
    assert assert_checks(root).case_by_slug["2021-01-19-online-dialog"].location.online
    code, output = run(root, "new-case", stdin="Abgebrochen\n2021-01-19\n", monkeypatch=monkeypatch, capsys=capsys)
    assert code == 1 and "Stopped; no file was written." in output
    assert files(root) == ["2021-01-19-online-dialog.md"]


def test_messages_in_german(root, capsys, monkeypatch):
    code, output = run(root, "new-case", *GOOD[:4], "--instrument", "netzwerk", *GOOD[6:], capsys=capsys,
                       language="de")
    assert code == 1
    assert "--instrument: 'netzwerk' ist kein bekannter Schlüssel für Instrument" in output
    assert "Keine Datei geschrieben." in output
    assert main(["--root", str(root), "new-case", "--lang", "de", "--title", "", *GOOD[2:]]) == 1
    assert "--title: darf nicht leer sein" in capsys.readouterr().err
    monkeypatch.setenv("HANDBOOK_LANG", "de")
    assert main(["--root", str(root), "new-case", "--title", "", *GOOD[2:]]) == 1
    assert "--title: darf nicht leer sein" in capsys.readouterr().err


@pytest.mark.parametrize("folder, values", [
    ("cases", {"title: TODO": "title: Aus der Vorlage", "date: TODO": "date: 2018-04-10",
               "instrument: TODO": "instrument: dialogue-event", "sectors: [TODO]": "sectors: [mobility]",
               "city: TODO": "city: Köln", "country: TODO": "country: DE"}),
    ("methods", {"title: TODO": "title: Aus der Vorlage", "instruments: [TODO]": "instruments: [dialogue-event]",
                 "summary: TODO": "summary: Ein Satz."}),
])
def test_templates_report_each_todo_and_pass_once_filled(root, folder, values):
    text = (ROOT / folder / "_template.md").read_text(encoding="utf-8")
    (root / folder / "aus-der-vorlage.md").write_text(text, encoding="utf-8")
    problems = load_handbook(root).problems
    assert {p.code for p in problems} == {"placeholder"}
    assert len(problems) == len(values)
    assert all(f"still the placeholder 'TODO'; replace it" in p.format() for p in problems)
    for old, new in values.items():
        assert old in text
        text = re.sub(re.escape(old) + r"[^\n]*", new, text)
    (root / folder / "aus-der-vorlage.md").write_text(text, encoding="utf-8")
    assert_checks(root)
