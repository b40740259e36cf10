"""Messages that lead the right way: every fix `check` proposes can be pasted as it is and then
passes; `check` suggests what `new-case` would have written; every line of the tools exists in
English and German."""
import re
import string

import pytest

from conftest import ROOT, make_tree

from municipal_handbook import cli, problems, scaffold
from municipal_handbook.cli import main
from municipal_handbook.normalise import country_code, iso_date, term_key
from municipal_handbook.scaffold import AnswerChecker
from municipal_handbook.taxonomy import load_taxonomy

HEAD = "---\ntitle: Testfall (Beispiel)\ndate: 2018-04-10\ninstrument: network-meeting\nsectors: [mobility]\n"


@pytest.fixture
def tree(tmp_path):
    return make_tree(tmp_path, {})


def check(root, text: str, language: str = "en", name: str = "2018-04-10-testfall.md", capsys=None):
    for old in (root / "cases").glob("*.md"):
        old.unlink()
    (root / "cases" / name).write_text(text, encoding="utf-8")
    code = main(["--root", str(root), "--lang", language, "check"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def quoted_fix(output: str, before: str) -> str:
    """The text in quotes right after `before` in the message."""
    return re.search(re.escape(before) + r" '(.*?)'(?: |$)", output, re.M).group(1)


def test_missing_nested_field_in_block_style_gives_the_indented_line_to_paste(tree, capsys):
    text = HEAD + "location:\n  city: Köln\n---\nText.\n"
    code, output = check(tree, text, capsys=capsys)
    assert code == 1
    assert ("cases/2018-04-10-testfall.md:6: location.country: required field is missing; "
            "add the line '  country: DE' below line 7, indented exactly like that") in output
    assert "location.country: DE" not in output  # the dotted name is not YAML
    lines = text.split("\n")
    lines.insert(7, quoted_fix(output, "add the line"))  # below line 7, exactly as given
    code, output = check(tree, "\n".join(lines), capsys=capsys)
    assert code == 0, output


def test_missing_nested_field_in_flow_style_gives_the_text_to_insert(tree, capsys):
    text = HEAD + "location: {city: Köln}\n---\nText.\n"
    code, output = check(tree, text, capsys=capsys)
    assert "location.country: required field is missing; add ', country: DE' before the closing '}' on line 6" \
        in output
    code, output = check(tree, text.replace("Köln}", "Köln" + quoted_fix(output, "add") + "}"), capsys=capsys)
    assert code == 0, output


def test_missing_recommendation_text_and_top_level_field(tree, capsys):
    text = HEAD.replace("instrument: network-meeting\n", "") + (
        "location: {city: Köln, country: DE}\nrecommendations:\n- theme: impacts\n---\nText.\n")
    code, output = check(tree, text, capsys=capsys)
    assert "instrument: required field is missing; add the line 'instrument: dialogue-event'" in output
    assert "recommendations[0].text: required field is missing; add the line '  text: Frühzeitig planen.' " \
           "below line 7" in output
    fix, below = re.search(r"recommendations\[0\]\.text: .*? add the line '(.*?)' below line (\d+)", output).groups()
    lines = text.split("\n")
    lines.insert(int(below), fix)
    lines.insert(1, "instrument: dialogue-event")
    code, output = check(tree, "\n".join(lines), capsys=capsys)
    assert code == 0, output


@pytest.mark.parametrize("written, fix", [("10.04.2018", "2018-04-10"), ("3.5.2021", "2021-05-03"),
                                          ("2021-5-3", "2021-05-03")])
def test_a_date_new_case_accepts_gets_the_contributors_own_date_as_the_fix(tree, capsys, written, fix):
    name = f"{fix}-testfall.md"
    text = HEAD.replace("2018-04-10", written) + "location: {city: Köln, country: DE}\n---\nText.\n"
    code, output = check(tree, text, name=name, capsys=capsys)
    assert f"date: '{written}' is not in the form YYYY-MM-DD; write {fix}" in output
    assert iso_date(written) == fix == AnswerChecker(tree, None).date(written)[0]  # one normalisation
    code, output = check(tree, text, language="de", name=name, capsys=capsys)
    assert f"'{written}' hat nicht die Form JJJJ-MM-TT; {fix} schreiben" in output
    code, output = check(tree, text.replace(written, fix), name=name, capsys=capsys)
    assert code == 0, output


def test_labels_and_country_names_get_the_key_new_case_would_write(tree, capsys):
    taxonomy, _ = load_taxonomy(tree / "taxonomy.yml")
    text = HEAD.replace("network-meeting", "Netzwerktreffen").replace("[mobility]", "[Mobilität, Abwasser]") + (
        "location: {city: Skopje, country: Nordmazedonien}\n---\nText.\n")
    code, output = check(tree, text, capsys=capsys)
    assert "instrument: 'Netzwerktreffen' is not a known instrument (did you mean 'network-meeting'?)" in output
    assert "sectors[0]: 'Mobilität' is not a known sector (did you mean 'mobility'?)" in output
    assert "sectors[1]: 'Abwasser' is not a known sector (did you mean 'wastewater'?)" in output
    assert ("location.country: 'Nordmazedonien' is not an ISO 3166-1 alpha-2 country code (two capital letters "
            "such as DE, MK, JO) (did you mean 'MK' (North Macedonia)?)") in output
    code, output = check(tree, text, language="de", capsys=capsys)
    assert "(meinten Sie 'MK' (Nordmazedonien)?)" in output
    # new-case reads the same answers as the same values, through the same functions
    checker = AnswerChecker(tree, taxonomy)
    assert checker.instrument("Netzwerktreffen")[0] == term_key("Netzwerktreffen", taxonomy.instruments) \
        == "network-meeting"
    assert checker.sectors("Mobilität, Abwasser")[0] == ["mobility", "wastewater"]
    assert checker.country("Nordmazedonien")[0] == country_code("Nordmazedonien") == "MK"


def test_a_typo_in_an_instrument_word_is_suggested(tree, capsys):
    text = HEAD.replace("network-meeting", "Workshop") + "location: {city: Köln, country: DE}\n---\nText.\n"
    code, output = check(tree, text, capsys=capsys)
    assert "instrument: 'Workshop' is not a known instrument (did you mean 'project-workshop'?)" in output


def test_a_list_without_brackets_gets_the_list_syntax(tree, capsys):
    text = HEAD.replace("[mobility]", "Mobilität, wastewater") + (
        "location: {city: Köln, country: DE}\nparticipating_countries: Jordanien; ua\n---\nText.\n")
    code, output = check(tree, text, capsys=capsys)
    assert ("sectors: 'Mobilität, wastewater' is one text, not a list; write the list in square brackets: "
            "'sectors: [mobility, wastewater]'") in output
    assert "'participating_countries: [JO, UA]'" in output
    assert "did you mean 'wastewater'" not in output
    fixed = text.replace("sectors: Mobilität, wastewater", quoted_fix(output, "square brackets:"))
    fixed = fixed.replace("participating_countries: Jordanien; ua", "participating_countries: [JO, UA]")
    code, output = check(tree, fixed, capsys=capsys)
    assert code == 0, output


@pytest.mark.parametrize("text, line, column", [
    (HEAD + "location:\n\tcity: Köln\n  country: DE\n---\nText.\n", 7, 1),
    (HEAD + "location:\n  country: DE\n  \tcity: Köln\n---\nText.\n", 8, 3),
    (HEAD.replace("sectors: [mobility]", "sectors:\n  - mobility\n\t- wastewater") + "location: {city: Köln, country: DE}\n---\n", 7, 1),
])
def test_a_tab_is_named_with_its_line_and_column(tree, capsys, text, line, column):
    code, output = check(tree, text, capsys=capsys)
    assert (f"cases/2018-04-10-testfall.md:{line}: front matter: YAML does not allow tabs for indentation or "
            f"spacing; replace the tab at line {line}, column {column} with spaces") in output
    code, output = check(tree, text, language="de", capsys=capsys)
    assert f"den Tabulator in Zeile {line}, Spalte {column} durch Leerzeichen ersetzen" in output


def test_front_matter_never_closed_says_the_closing_line_is_missing(tree, capsys):
    text = HEAD + "location: {city: Köln, country: DE}\n\nDer Bericht.\n"
    code, output = check(tree, text, capsys=capsys)
    assert ("cases/2018-04-10-testfall.md:1: front matter: the front matter opened by '---' on line 1 is never "
            "closed; add a line '---' after the last field (probably just before line 7, the first empty line)") \
        in output
    assert "has no front matter" not in output
    lines = text.split("\n")
    lines.insert(6, "---")
    code, output = check(tree, "\n".join(lines), capsys=capsys)
    assert code == 0, output


def test_a_file_name_with_another_date_is_reported_with_the_new_name(tree, capsys):
    text = HEAD + "location: {city: Köln, country: DE}\n---\nText.\n"
    code, output = check(tree, text, name="2018-04-11-testfall.md", capsys=capsys)
    assert code == 1
    assert ("cases/2018-04-11-testfall.md:3: date: the file name '2018-04-11-testfall.md' starts with another "
            "date than date: 2018-04-10; rename the file to cases/2018-04-10-testfall.md") in output
    code, output = check(tree, text, name="2018-04-10-testfall.md", capsys=capsys)
    assert code == 0, output


@pytest.mark.parametrize("language, ok", [("en", "OK: 1 case, 0 methods, taxonomy fine."),
                                          ("de", "OK: 1 Fall, 0 Methoden, Taxonomie in Ordnung.")])
def test_the_success_line_is_in_the_chosen_language(tree, capsys, monkeypatch, language, ok):
    text = HEAD + "location: {city: Köln, country: DE}\n---\nText.\n"
    (tree / "cases" / "2018-04-10-testfall.md").write_text(text, encoding="utf-8")
    monkeypatch.setenv("HANDBOOK_LANG", language)
    assert main(["--root", str(tree), "check"]) == 0
    assert capsys.readouterr().out.strip() == ok


@pytest.mark.parametrize("language, summary", [("en", "Found 1 problem in 1 file."),
                                               ("de", "1 Problem in 1 Datei gefunden.")])
def test_the_problem_summary_counts_with_plural_forms(tree, capsys, monkeypatch, language, summary):
    (tree / "cases" / "2018-04-10-testfall.md").write_text(HEAD + "---\nText.\n", encoding="utf-8")
    monkeypatch.setenv("HANDBOOK_LANG", language)
    assert main(["--root", str(tree), "check"]) == 1
    assert capsys.readouterr().err.strip().splitlines()[-1] == summary


@pytest.mark.parametrize("language, number, words", [
    ("en", 0, "0 recommendations"), ("en", 1, "1 recommendation"), ("en", 1234, "1,234 recommendations"),
    ("de", 0, "0 Empfehlungen"), ("de", 1, "1 Empfehlung"), ("de", 1234, "1.234 Empfehlungen")])
def test_counted_words_follow_the_languages_plural_rule_and_number_format(language, number, words):
    assert problems.counted(language, "recommendation", number) == words


def test_every_counted_word_has_the_same_categories_in_both_languages():
    for word, (english, german) in problems.COUNTED.items():
        assert set(english) == set(german) >= {"one", "other"}, word
        assert all("{num}" in form for form in [*english.values(), *german.values()]), word


@pytest.mark.parametrize("catalogue", [problems.MESSAGES, cli.TEXTS, cli.HELP, scaffold.COMMENTS])
def test_every_line_the_tools_print_or_write_exists_in_both_languages(catalogue):
    for key, (english, german) in catalogue.items():
        assert english.strip() and german.strip() and english != german or key in ("summary_example",), key
        fields = [{name for _, name, _, _ in string.Formatter().parse(text) if name} for text in (english, german)]
        assert fields[0] == fields[1], key


def _uncommented_examples(text: str):
    """The file once for every commented example, with that example (and its continuation lines) uncommented."""
    lines = text.split("\n")
    end = lines.index("---", 1)
    starts = [i for i in range(1, end) if re.match(r"^# [a-z_]+:", lines[i])]
    assert starts
    for start in starts:
        stop = start + 1
        while stop < end and re.match(r"^#( -|   )", lines[stop]):
            stop += 1
        yield lines[start][2:].split(":")[0], "\n".join(
            lines[:start] + [line[2:] for line in lines[start:stop]] + lines[stop:])


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_commented_example_new_case_writes_is_valid_when_uncommented(tree, capsys, language):
    taxonomy, _ = load_taxonomy(tree / "taxonomy.yml")
    code = main(["--root", str(tree), "--lang", language, "new-case", "--title", "Netzwerktreffen in Köln",
                 "--date", "10.04.2018", "--instrument", "Netzwerktreffen", "--sectors", "Mobilität",
                 "--city", "Köln", "--country", "Deutschland"])
    output = capsys.readouterr().out
    assert code == 0, output
    relative = "cases/2018-04-10-netzwerktreffen-in-koeln.md"
    text = (tree / relative).read_text(encoding="utf-8")
    if language == "de":
        assert "# erster Tag, JJJJ-MM-TT" in text and "Schreiben Sie den Bericht" in text
        assert "first day" not in text and "Write the report" not in text
        assert output.startswith(f"{relative} angelegt.")
    else:
        assert "# first day, YYYY-MM-DD" in text and "Schreiben Sie" not in text
    uncommented = dict(_uncommented_examples(text))
    assert {"end_date", "summary", "recommendations", "participants", "participating_countries"} <= set(uncommented)
    for name, variant in uncommented.items():
        assert scaffold.verify(tree, relative, variant, taxonomy) == [], name


def test_every_commented_example_of_the_template_is_valid_when_uncommented():
    from municipal_handbook.source import parse_document
    from municipal_handbook.validation import validate_case

    taxonomy, _ = load_taxonomy(ROOT / "taxonomy.yml")
    text = (ROOT / "cases" / "_template.md").read_text(encoding="utf-8")
    for field, value in (("title", "Testfall"), ("date", "2018-04-10"), ("instrument", "dialogue-event"),
                         ("sectors", "[mobility]"), ("city", "Köln"), ("country", "DE")):
        text = re.sub(rf"(?m)^(\s*{field}): TODO|^(\s*{field}): \[TODO\]", rf"\g<1>\g<2>: {value}", text, count=1)
    for name, variant in _uncommented_examples(text):
        document, found = parse_document("cases/2018-04-10-testfall.md", variant)
        assert document is not None, (name, [p.format() for p in found])
        found += validate_case(document, taxonomy)[1]
        assert [p.format() for p in found if p.field.split("[")[0].split(".")[0] not in ("methods",)] == [], name


def test_contributing_explains_quoting_once_with_an_example_that_is_valid_yaml():
    import yaml

    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert text.count("**Anführungszeichen / Quotes.**") == 1
    example = text.split("**Anführungszeichen / Quotes.**")[1].split("```yaml\n")[1].split("```")[0]
    data = yaml.safe_load(example)
    assert data["title"] == "Wasser in der Stadt: Lernen von Amman"
    assert "Kölns 'Schwammstadt'" in data["summary"]


@pytest.mark.parametrize("arguments, expected", [
    (["--lang", "de", "new-case", "--help"], "Legt eine neue Falldatei an."),
    (["import-legacy", "--lang=de", "--help"], "jede Änderung und jede Annahme wird mit ihrer Zeile gemeldet"),
    (["new-case", "--help"], "Create a new case file."),
])
def test_the_commands_help_speaks_the_chosen_language(capsys, arguments, expected):
    with pytest.raises(SystemExit):
        main(arguments)
    assert expected in " ".join(capsys.readouterr().out.split())
