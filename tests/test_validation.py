"""Every contract violation gives a precise `path:line: field: message` error, from the
command-line check and from `mkdocs build` alike, all files in one run, never a traceback."""
import subprocess
import sys
import textwrap

import pytest

from conftest import ROOT, make_tree

GOOD_METHOD = """
    ---
    title: Gruppenarbeit (Testmethode)
    instruments: [dialogue-event]
    summary: Testdaten.
    ---
    Text.
    """


def case(front: str, body: str = "Testbericht.") -> str:
    return "---\n" + textwrap.dedent(front).strip() + "\n---\n" + body + "\n"


VALID = textwrap.dedent("""
    title: Testfall (Beispiel)
    date: 2018-04-10
    instrument: network-meeting
    sectors: [mobility]
    location: {city: Köln, country: DE}
    """).lstrip()


def check(tmp_path, files: dict, language: str = "en"):
    root = make_tree(tmp_path, {"methods/gruppenarbeit.md": GOOD_METHOD, **files})
    done = subprocess.run([sys.executable, "-m", "hooks.municipal_handbook", "--root", str(root), "--lang",
                           language, "check"], cwd=ROOT, capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr


# (file content, expected line of output). Lines count from the file's first line ('---').
CASES = {
    "missing field": (case("""
        title: Testfall (Beispiel)
        date: 2018-04-10
        sectors: [mobility]
        location: {city: Köln, country: DE}
        """), "cases/x.md:1: instrument: required field is missing; add the line 'instrument: dialogue-event'"),
    "wrong type": (case(VALID.replace("sectors: [mobility]", "sectors: {a: 1}")),
                   "cases/x.md:5: sectors: '{a: 1}' is a mapping, expected a list of sector keys"),
    "impossible date": (case(VALID.replace("2018-04-10", "2018-02-30")),
                        "cases/x.md:3: date: '2018-02-30' is not a real date (day is out of range for month)"),
    "date format": (case(VALID.replace("2018-04-10", "April 2018")),
                    "cases/x.md:3: date: 'April 2018' is not a date in the form YYYY-MM-DD (for example 2018-04-10)"),
    "unknown instrument": (case(VALID.replace("network-meeting", "networking")),
                           "cases/x.md:4: instrument: 'networking' is not a known instrument "
                           "(did you mean 'network-meeting'?); allowed: dialogue-event,"),
    "unknown sector": (case(VALID.replace("[mobility]", "[mobility, wastewatr]")),
                       "cases/x.md:5: sectors[1]: 'wastewatr' is not a known sector (did you mean 'wastewater'?)"),
    "unknown method": (case(VALID + "methods: [grupenarbeit]"),
                       "cases/x.md:7: methods[0]: no method named 'grupenarbeit' exists "
                       "(did you mean 'gruppenarbeit'?); use the file name without .md of a file in methods/"),
    "unknown case": (case(VALID + "follows: [2017-nirgends]"),
                     "cases/x.md:7: follows[0]: no case named '2017-nirgends' exists"),
    "country code": (case(VALID.replace("country: DE", "country: Germany")),
                     "cases/x.md:6: location.country: 'Germany' is not an ISO 3166-1 alpha-2 country code"),
    "participating country name": (
        case(VALID + "participating_countries: [UA, Ägypten]"),
        "cases/x.md:7: participating_countries[1]: 'Ägypten' is not an ISO 3166-1 alpha-2 country code "
        "(two capital letters such as DE, MK, JO) (did you mean 'EG' (Egypt)?)"),
    "participating country lowercase": (
        case(VALID + "participating_countries:\n  - ua\n  - XY"),
        "cases/x.md:8: participating_countries[0]: 'ua' is not an ISO 3166-1 alpha-2 country code "
        "(two capital letters such as DE, MK, JO) (did you mean 'UA' (Ukraine)?)"),
    "participating host country": (
        case(VALID + "participating_countries: [DE]"),
        "cases/x.md:7: participating_countries[0]: 'DE' is already the host country (location.country); "
        "remove it here"),
    "participating countries not a list": (
        case(VALID + "participating_countries: {UA: 3}"),
        "cases/x.md:7: participating_countries: '{UA: 3}' is a mapping, expected a list of ISO 3166-1 alpha-2"),
    "body links an undeclared method": (
        case(VALID, "Bericht.\n\nWir arbeiteten in [Gruppen](../methods/gruppenarbeit.md#ablauf)."),
        "cases/x.md:10: body: the text links the method page 'gruppenarbeit', which the front matter does not "
        "declare; if the case used the method, write: methods: [gruppenarbeit] (otherwise do not link"),
    "recommendation sector not of its case": (
        case(VALID + "recommendations:\n  - theme: impacts\n    text: Radwege allein reichen nicht.\n"
                     "    sectors: [mobility, wastewater]"),
        "cases/x.md:10: recommendations[0].sectors[1]: 'wastewater' is not one of this case's own; a recommendation "
        "can narrow itself only to its case's sector keys: mobility"),
    "recommendation instrument typo": (
        case(VALID + "recommendations:\n  - {theme: impacts, text: X., instruments: [network-meting]}"),
        "cases/x.md:8: recommendations[0].instruments[0]: 'network-meting' is not a known instrument "
        "(did you mean 'network-meeting'?)"),
    "recommendation source not cited": (
        case(VALID + "source: https://example.org/a\nrecommendations:\n"
                     "  - {theme: impacts, text: X., source: 'https://example.org/b'}",
             "Quellen: https://example.org/c"),
        "cases/x.md:9: recommendations[0].source: 'https://example.org/b' is not cited by this case; use its "
        "'source' or an address from its list of sources"),
    "malformed yaml": (case(VALID.replace("sectors: [mobility]", "sectors: [mobility")),
                       "cases/x.md:5: front matter: the front matter is not valid YAML: expected ',' or ']', but got ':' (noticed on line 6)"),
    "unknown field": (case(VALID + "sector: mobility"),
                      "cases/x.md:7: sector: unknown field 'sector' (did you mean 'sectors'?); allowed fields:"),
    "theme": (case(VALID + "recommendations:\n  - {theme: impact, text: Früh planen.}"),
              "cases/x.md:8: recommendations[0].theme: 'impact' is not a known theme (did you mean 'impacts'?)"),
    "script": (case(VALID, "Text.\n\n<script>alert(1)</script>"),
               "cases/x.md:10: body: '<script' is not allowed in contributed content (raw <script> element)"),
    "iframe": (case(VALID, "<iframe src='https://example.org'></iframe>"),
               "cases/x.md:8: body: '<iframe' is not allowed in contributed content (raw <iframe> element)"),
    "event attribute": (case(VALID, 'Bild: <img src="a.png" onerror="alert(1)">'),
                        "cases/x.md:8: body: '<img src=\"a.png\" onerror=' is not allowed in contributed content "
                        "(event attribute onerror=)"),
    "javascript url": (case(VALID, "[Klick](javascript:alert(1))"),
                       "cases/x.md:8: body: '](javascript:' is not allowed in contributed content (javascript: URL)"),
    "encoded javascript url": (case(VALID, "[Klick](&#106;avascript:alert(1))"),
                               "cases/x.md:8: body: '](javascript:' is not allowed"),
    "html title": (case(VALID.replace("Testfall (Beispiel)", "Testfall <b>fett</b>")),
                   "cases/x.md:2: title: 'Testfall <b>fett</b>' contains HTML; write plain text"),
    "end before start": (case(VALID + "end_date: 2018-04-01"),
                         "cases/x.md:7: end_date: '2018-04-01' is before the start date 2018-04-10"),
    "participants": (case(VALID + "participants: {Verwaltung: viele}"),
                     "cases/x.md:7: participants.Verwaltung: 'viele' is not a whole number of people"),
    "source": (case(VALID + "source: www.example.org"),
               "cases/x.md:7: source: 'www.example.org' is not an absolute http(s) URL"),
    "duplicate key": (case(VALID + "title: Nochmal"),
                      "cases/x.md:7: title: the field appears twice (first on line 2); keep one"),
    "no front matter": ("Nur Text.\n", "cases/x.md:1: front matter: the file has no front matter"),
}


@pytest.mark.parametrize("name", CASES)
def test_check_reports_error_with_file_line_field_value_and_allowed(tmp_path, name):
    content, expected = CASES[name]
    code, output = check(tmp_path, {"cases/x.md": content})
    assert code == 1
    assert expected in output, output
    assert "Traceback" not in output


def test_method_links_in_method_bodies_need_related_and_code_blocks_do_not_count(tmp_path):
    front = "---\ntitle: {}\ninstruments: [dialogue-event]\nsummary: Testdaten.\n{}---\n"
    files = {
        # declares the method it links: no problem
        "methods/besichtigung.md": front.format("Besichtigung", "related: [gruppenarbeit]\n")
        + "Siehe [Gruppenarbeit](gruppenarbeit.md).\n",
        # links two methods it does not relate to, one inline and one by reference; a code block is no link
        "methods/exkursion.md": front.format("Exkursion", "")
        + "```\n[Code](besichtigung.md)\n```\n\nSiehe [Besichtigung](besichtigung.md/) und [G][g].\n\n"
        "[g]: gruppenarbeit.md\n",
    }
    code, output = check(tmp_path, files)
    lines = [line for line in output.splitlines() if "body:" in line]
    fix = "write: related: [besichtigung, gruppenarbeit]"
    assert lines == [f"methods/exkursion.md:10: body: the text links the method page 'besichtigung', which "
                     f"'related' does not name; {fix}",
                     f"methods/exkursion.md:12: body: the text links the method page 'gruppenarbeit', which "
                     f"'related' does not name; {fix}"], output


def test_method_links_in_html_comments_are_not_links(tmp_path):
    """The case template explains links in a comment; a new case keeps it and still passes."""
    body = ("<!--\nLinks: [Gruppenarbeit](../methods/gruppenarbeit.md)\n-->\n\n"
            "Text <!-- [G](../methods/gruppenarbeit.md) --> und mehr.")
    code, output = check(tmp_path / "a", {"cases/x.md": case(VALID, body)})
    assert code == 0, output
    code, output = check(tmp_path / "b", {"cases/x.md": case(VALID, body + "\n\n<!-- x --> [G](../methods/gruppenarbeit.md)")})
    assert "cases/x.md:14: body: the text links the method page 'gruppenarbeit'" in output, output


def test_non_utf8_file(tmp_path):
    content = case(VALID).encode("utf-8").replace("Köln".encode(), "Köln".encode("latin-1"))
    code, output = check(tmp_path, {"cases/x.md": content})
    assert code == 1
    assert "cases/x.md:6: file: the file is not UTF-8 text (undecodable byte 0xF6 at column 19)" in output


def test_duplicate_titles_and_follows_cycle(tmp_path):
    a = case(VALID + "follows: [b]")
    b = case(VALID.replace("Testfall (Beispiel)", "testfall  (beispiel)") + "follows: [a]")
    code, output = check(tmp_path, {"cases/a.md": a, "cases/b.md": b})
    assert "cases/b.md:2: title: the title 'testfall  (beispiel)' is already used by cases/a.md" in output
    assert "cases/a.md:7: follows: 'follows' forms a cycle: a → b → a" in output


def test_bad_file_name_and_reserved_name(tmp_path):
    code, output = check(tmp_path, {"cases/Köln Treffen.md": case(VALID), "cases/index.md": case(VALID)})
    assert "cases/Köln Treffen.md: file name: the file name 'Köln Treffen.md' is not a valid slug" in output
    assert "cases/index.md: file name: the file name 'index.md' is reserved" in output


def test_every_error_of_every_file_in_one_run(tmp_path):
    files = {"cases/a.md": CASES["impossible date"][0], "cases/b.md": CASES["script"][0].replace("Testfall", "Zweiter"),
             "methods/m.md": "---\ntitle: M\ninstruments: []\n---\n"}
    code, output = check(tmp_path, files)
    assert code == 1
    assert "cases/a.md:3: date:" in output and "cases/b.md:10: body:" in output
    assert "methods/m.md:3: instruments: must not be empty" in output
    assert "methods/m.md:1: summary: required field is missing" in output
    assert "Found 4 problems in 3 files." in output


def test_templates_starting_with_underscore_are_not_checked_or_published(tmp_path):
    code, output = check(tmp_path, {"cases/_template.md": "---\ntitle: \n---\n", "cases/a.md": case(VALID)})
    assert code == 0, output
    assert "OK: 1 case, 1 method," in output


def test_messages_in_german(tmp_path):
    code, output = check(tmp_path, {"cases/x.md": CASES["unknown sector"][0]}, language="de")
    assert ("cases/x.md:5: sectors[1]: 'wastewatr' ist kein bekannter Schlüssel für Sektor "
            "(meinten Sie 'wastewater'?)") in output


def test_mkdocs_build_fails_with_the_same_messages(build_tree):
    build = build_tree({"methods/gruppenarbeit.md": GOOD_METHOD, "cases/a.md": CASES["impossible date"][0],
                        "cases/b.md": CASES["unknown method"][0]})
    assert build.returncode != 0
    assert "cases/a.md:3: date: '2018-02-30' is not a real date" in build.output
    assert "cases/b.md:7: methods[0]: no method named 'grupenarbeit' exists" in build.output
    assert "Traceback" not in build.output


def test_taxonomy_problems_are_reported_with_their_line(tmp_path):
    root = make_tree(tmp_path, {"methods/gruppenarbeit.md": GOOD_METHOD})
    taxonomy = root / "taxonomy.yml"
    text = taxonomy.read_text(encoding="utf-8")
    text = text.replace("    en: Mobility\n", "    englisch: Mobility\n", 1)
    text = text.replace("  conference:\n", "  conference:\n    guide: gruppenarbei\n", 1)
    taxonomy.write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "hooks.municipal_handbook", "--root", str(root), "check"],
                          cwd=ROOT, capture_output=True, text=True)
    line = text.splitlines().index("    englisch: Mobility") + 1
    assert done.returncode == 1
    assert (f"taxonomy.yml:{line}: sectors.mobility.englisch: unknown field 'englisch'; "
            "allowed fields: de, en, description") in done.stderr
    assert "sectors.mobility.en: required field is missing" in done.stderr
    taxonomy.write_text(text.replace("    englisch: Mobility\n", "    en: Mobility\n"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "hooks.municipal_handbook", "--root", str(root), "check"],
                          cwd=ROOT, capture_output=True, text=True)
    assert ("taxonomy.yml: instruments.conference.guide: no method named 'gruppenarbei' exists "
            "(did you mean 'gruppenarbeit'?)") in done.stderr
