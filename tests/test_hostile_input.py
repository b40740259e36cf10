"""Issue 10, regression tests: front matter, file names and bodies as an attacker or a careless
contributor writes them. Each gives one clear problem naming the file (and line), never a
traceback, a hang, a skipped file or a file from outside the repository."""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import time

import pytest

from conftest import ROOT

HEAD = """---
title: {title}
date: 2018-04-10
instrument: network-meeting
sectors: [mobility]
location: {{city: Köln, country: DE}}
"""


def case(extra: str = "", body: str = "Bericht.", title: str = "Testfall (Beispiel)") -> str:
    return HEAD.format(title=title) + extra + "---\n" + body + "\n"


@pytest.fixture
def root(tmp_path):
    """A minimal handbook: the real taxonomy (without method guides), empty content folders."""
    import re

    (tmp_path / "cases").mkdir()
    (tmp_path / "methods").mkdir()
    taxonomy = (ROOT / "taxonomy.yml").read_text(encoding="utf-8")
    (tmp_path / "taxonomy.yml").write_text(re.sub(r"(?m)^\s+guide: .*\n", "", taxonomy), encoding="utf-8")
    return tmp_path


def problems_of(root) -> list[str]:
    from municipal_handbook import load_handbook

    return [p.format("en") for p in load_handbook(root).problems]


ALIAS_BOMB = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
    f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n" for i in range(8))

FRONT_MATTER = {
    "alias bomb": (ALIAS_BOMB, "cases/x.md:7: front matter: '&a' is a YAML anchor"),
    "self-referencing alias": ("x: &x [*x]\n", "cases/x.md:7: front matter: '&x' is a YAML anchor"),
    "alias alone": ("summary: *x\n", "cases/x.md:7: front matter: '*x' repeats an anchored value"),
    "merge key": ("location2:\n  <<: {city: Bonn}\n", "cases/x.md:8: front matter: '<<' is a YAML merge key"),
    "merge key in a flow mapping": ("x: {<<: {a: 1}}\n", "cases/x.md:7: front matter: '<<' is a YAML merge key"),
    "!!int": ("summary: !!int 5\n", "cases/x.md:7: front matter: 'tag:yaml.org,2002:int' is an explicit YAML tag"),
    "!!bool": ("summary: !!bool yes\n", "is an explicit YAML tag"),
    "!!timestamp": ("end_date: !!timestamp 2018-04-11\n", "is an explicit YAML tag"),
    "python tag": ("summary: !!python/object/apply:os.system [ls]\n", "is an explicit YAML tag"),
    "local tag": ("summary: !x y\n", "cases/x.md:7: front matter: '!x' is an explicit YAML tag"),
    "deep nesting": ("summary: " + "[" * 20000 + "]" * 20000 + "\n",
                     "cases/x.md:7: front matter: the front matter nests lists and mappings more than 8 levels"),
    "huge value": ("summary: " + "x" * 6000 + "\n", "cases/x.md:7: front matter: the value has 6000 characters"),
    "country as a list": ("", None),  # replaced below
    "NUL byte": ("summary: a\x00b\n", "cases/x.md:7: front matter: 'summary: a\\u0000b' contains the invisible "
                                    "character U+0000 at position 11"),
    "ESC in the title": ("", "cases/x.md:2: front matter: 'title: \"Test\\u001b[31mrot\"' contains the invisible "
                             "character U+001B at position 13"),
    "BEL in the summary": ('summary: "Kurz\\a"\n', "cases/x.md:7: summary: 'Kurz\\u0007' contains the invisible "
                                                 "character U+0007 at position 5"),
    "bidi override": ("author: \u202eevil\n", "cases/x.md:7: front matter: 'author: \\u202eevil' contains the "
                                               "invisible character U+202E at position 9"),
    "lone surrogate": ('summary: "A\\ud800"\n', "cases/x.md:7: summary: 'A\\ud800' contains the invisible character "
                                                "U+D800"),
    "control character in a key": ('participants: {"Gruppe\\x1b": 3}\n', "contains the invisible character U+001B"),
    "language": ("language: fr\n", "cases/x.md:7: language: 'fr' is not allowed; allowed: de, en"),
    "source over http": ("source: http://example.org/a\n", "cases/x.md:7: source: 'http://example.org/a' is not an "
                                                            "absolute https:// address"),
    "source with a quote": ("source: 'https://example.org/\"><script>'\n", "is not an absolute https:// address"),
    "html in a participant group": ("participants: {'<b>Verwaltung</b>': 3}\n",
                                    "cases/x.md:7: participants.<b>Verwaltung</b>: '<b>Verwaltung</b>' contains HTML"),
}


@pytest.mark.parametrize("name", FRONT_MATTER)
def test_hostile_front_matter_is_one_problem_of_its_file(root, name):
    extra, expected = FRONT_MATTER[name]
    title = "Test\x1b[31mrot" if name == "ESC in the title" else "Testfall (Beispiel)"
    text = case(extra, title=f'"{title}"' if "\x1b" in title else title)
    if name == "country as a list":
        text, expected = text.replace("country: DE", "country: [DE]"), "location.country: '[DE]' is not an ISO"
    (root / "cases" / "x.md").write_text(text, encoding="utf-8", errors="surrogatepass")
    started = time.monotonic()
    found = problems_of(root)
    assert time.monotonic() - started < 5, name
    assert any(expected in problem for problem in found), found


def test_check_never_prints_a_traceback_for_any_hostile_front_matter(root):
    """All of the above in one tree, through the command line: every file named, exit code 1."""
    for index, (name, (extra, _)) in enumerate(FRONT_MATTER.items()):
        (root / "cases" / f"x{index}.md").write_text(case(extra, title=f"Testfall {index} (Beispiel)"),
                                                     encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "hooks.municipal_handbook", "--root", str(root), "check"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    named = {line.split(":")[0] for line in done.stderr.splitlines() if line.startswith("cases/")}
    assert named == {f"cases/x{index}.md" for index, (extra, _) in enumerate(FRONT_MATTER.values()) if extra}


def test_alias_bomb_is_refused_fast_and_small(root):
    (root / "cases" / "x.md").write_text(case(ALIAS_BOMB), encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    problems_of(root)
    assert time.monotonic() - started < 1
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50 * 1024  # KiB


def test_every_entry_of_a_content_folder_is_published_or_named(root, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.md"
    outside.write_text(case(body="GEHEIMER INHALT von außerhalb"), encoding="utf-8")
    cases = root / "cases"
    (cases / "2018-04-10-gut.md").write_text(case(), encoding="utf-8")
    (cases / "_vorlage.md").write_text("---\ntitle:\n---\n", encoding="utf-8")
    for name in ("gross.MD", "lang.markdown", "leer.md ", "notiz.txt"):
        (cases / name).write_text(case(title=name), encoding="utf-8")
    (cases / "sub").mkdir()
    (cases / "sub" / "x.md").write_text(case(), encoding="utf-8")
    (cases / "ordner.md").mkdir()
    os.symlink(root / "nirgends.md", cases / "kaputt.md")
    os.symlink(outside, cases / "fremd.md")
    found = problems_of(root)
    expected = {
        "cases/fremd.md: file name: 'fremd.md' is a symbolic link, which is never followed",
        "cases/kaputt.md: file name: 'kaputt.md' is a symbolic link",
        "cases/gross.MD: file name: 'gross.MD' is not published: only files ending in .md (lowercase) are cases "
        "or methods; rename it to 'gross.md'",
        "cases/lang.markdown: file name: 'lang.markdown' is not published",
        "cases/notiz.txt: file name: 'notiz.txt' is not published",
        "cases/leer.md : file name: the file name 'leer.md ' starts or ends with a space and is not published; "
        "rename it to 'leer.md'",
        "cases/sub: file name: 'sub' is a folder; every case or method is one file directly in cases/",
        "cases/ordner.md: file name: 'ordner.md' is a folder",
    }
    for text in expected:
        assert any(problem.startswith(text) for problem in found), (text, found)
    assert len(found) == len(expected), found
    assert not any("GEHEIM" in problem for problem in found)


def test_a_symlinked_file_never_reaches_the_site(build_tree, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.md"
    outside.write_text(case(body="GEHEIMER INHALT von außerhalb", title="Fremd"), encoding="utf-8")
    from conftest import make_tree, run_build

    base = tmp_path_factory.mktemp("symlinked")
    tree = make_tree(base, {"cases/2018-04-10-a.md": case()})
    os.symlink(outside, tree / "cases" / "2018-04-10-fremd.md")
    result = run_build(tree, base / "site")
    assert result.returncode == 1
    assert "cases/2018-04-10-fremd.md: file name: '2018-04-10-fremd.md' is a symbolic link" in result.output
    assert "GEHEIM" not in result.output
    site = base / "site"
    assert not site.exists() or not any("GEHEIM" in p.read_text(errors="ignore") for p in site.rglob("*") if p.is_file())


def test_csv_cells_a_spreadsheet_would_run_are_neutralised():
    from municipal_handbook.export import spreadsheet_cell

    for formula in ("=HYPERLINK(\"https://evil.example\",\"x\")", "+1+1", "-1+1", "@SUM(A1)", "\tx", "\rx"):
        assert spreadsheet_cell(formula) == "'" + formula
    assert spreadsheet_cell("Köln") == "Köln" and spreadsheet_cell(7) == 7


def test_formula_in_a_title_lands_in_the_csv_as_text(build_tree):
    result = build_tree({"cases/2018-04-10-a.md": case(title='"=HYPERLINK(""x"") (Beispiel)"'.replace('""', "'"))})
    assert result.returncode == 0, result.output
    csv = (result.site / "data" / "cases.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK('x') (Beispiel)" in csv
    assert ",=HYPERLINK" not in csv


@pytest.mark.parametrize("body", ["<a" * 32768, "[" * 65536, "![" * 32768, "[a](" * 16384, '<a b="' * 10000,
                                  "<a\n" * 20000])
def test_bodies_that_would_take_quadratic_time_are_refused_in_linear_time(root, body):
    (root / "cases" / "x.md").write_text(case(body=body), encoding="utf-8")
    started = time.monotonic()
    found = problems_of(root)
    assert time.monotonic() - started < 3
    assert any("cases/x.md:8: body: too many" in problem for problem in found), found


def test_long_bodies_of_ordinary_prose_are_accepted(root):
    paragraph = "Ein Satz mit einem [Link](https://example.org/a) und *Betonung* (in Klammern) < 5.\n\n"
    (root / "cases" / "x.md").write_text(case(body=paragraph * 3000), encoding="utf-8")  # ~250 KB
    started = time.monotonic()
    assert problems_of(root) == []
    assert time.monotonic() - started < 15


@pytest.mark.parametrize("where", ["read_document", "validate_case"])
def test_a_surprise_while_reading_one_file_is_a_problem_of_that_file(root, monkeypatch, where):
    """The guard at the file boundary: whatever a parser or check raises becomes a message
    naming the file, and the other files are still checked."""
    import municipal_handbook.handbook as handbook

    (root / "cases" / "a.md").write_text(case(), encoding="utf-8")
    (root / "cases" / "b.md").write_text(case(title="Zweiter", extra="language: fr\n"), encoding="utf-8")
    original = getattr(handbook, where)

    def surprise(*args):
        if "a.md" in str(args[1] if where == "read_document" else args[0].path):
            raise RecursionError("deep inside a parser")
        return original(*args)

    monkeypatch.setattr(handbook, where, surprise)
    found = problems_of(root)
    assert found[0] == ("cases/a.md: file: the file could not be read (RecursionError); save it again as UTF-8 "
                        "text and run check once more; if this persists, report it together with this message")
    assert any(p.startswith("cases/b.md:7: language:") for p in found), found
