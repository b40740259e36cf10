"""End to end, with one real build: a case made by `new-case` and the seed brought over by
`import-legacy` (stubs filled in) pass the check run as a module and build strictly; templates
are not published."""
import html
import re
import shutil
import subprocess
import sys

from conftest import ROOT, make_tree, run_build

SEED = ROOT / "tests" / "fixtures" / "seed-netzwerktreffen-koeln.txt"


def cli(root, *arguments, answers=None):
    done = subprocess.run([sys.executable, "-m", "hooks.municipal_handbook", "--root", str(root), *arguments],
                          cwd=ROOT, capture_output=True, text=True, input=answers)
    return done.returncode, done.stdout + done.stderr


def test_scaffolded_and_imported_cases_build(tmp_path):
    root = make_tree(tmp_path, {
        "methods/gruppenarbeit.md": "---\ntitle: Gruppenarbeit (Testmethode)\ninstruments: [network-meeting]\n"
                                    "summary: Testdaten.\n---\nText.\n",
        "legacy-links.yml": "ueber-uns vorgehensweise: ansatz.md\n"})
    for folder in ("cases", "methods"):
        shutil.copy(ROOT / folder / "_template.md", root / folder / "_template.md")

    # a first contribution through new-case's prompts, answered the way a practitioner writes
    answers = "\n".join(["Werkstatt: Mobilität in Süd/Ost", "06.05.2019", "Projektwerkstatt", "Mobilität",
                         "Skopje", "Nordmazedonien"]) + "\n"
    code, output = cli(root, "--lang", "de", "new-case", answers=answers)
    assert code == 0 and "cases/2019-05-06-werkstatt-mobilitaet-in-sued-ost.md angelegt." in output, output
    code, output = cli(root, "import-legacy", str(SEED), "--title", "Netzwerktreffen für kommunale Expertinnen",
                       "--links", str(root / "legacy-links.yml"))
    assert code == 0, output
    imported = root / "cases" / "2018-04-10-netzwerktreffen-fuer-kommunale-expertinnen.md"
    code, output = cli(root, "check")
    assert code == 1 and "cases/2018-04-10-netzwerktreffen-fuer-kommunale-expertinnen.md:7: instrument: still the " \
                         "placeholder 'TODO'" in output
    text = imported.read_text(encoding="utf-8")
    for old, new in {"instrument: TODO": "instrument: network-meeting", "sectors: [TODO]": "sectors: [mobility]",
                     "city: TODO": "city: Köln", "country: TODO": "country: DE"}.items():
        text = re.sub(re.escape(old) + r"[^\n]*", new, text)
    imported.write_text(text + "\n", encoding="utf-8")
    code, output = cli(root, "check")
    assert code == 0 and "OK: 2 cases, 1 method," in output, output

    build = run_build(root, tmp_path / "site")
    assert build.returncode == 0, build.output
    seed_page = build.html("cases/2018-04-10-netzwerktreffen-fuer-kommunale-expertinnen/")
    assert '<a href="../../ansatz/">methodischen Ansatz</a> zur Verfügung' in seed_page
    assert "Benjamin Jeromin, Connective Cities" in seed_page and "&lt;link" not in seed_page
    scaffolded = build.html("cases/2019-05-06-werkstatt-mobilitaet-in-sued-ost/")
    assert "Werkstatt: Mobilität in Süd/Ost" in html.unescape(scaffolded) and "Anlass und Ziel" in scaffolded
    for listing in ("instruments/project-workshop/", "sectors/mobility/", "cases/"):  # found on its pages
        assert "2019-05-06-werkstatt-mobilitaet-in-sued-ost/" in build.html(listing), listing
    assert not (tmp_path / "site" / "cases" / "_template").exists()
    assert "_template" not in build.html("cases/")
