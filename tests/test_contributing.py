"""CONTRIBUTING.md's field reference is generated from taxonomy.yml and the contract and never
drifts; the pull-request workflow parses and runs the README's commands."""
import re

import yaml

from conftest import ROOT

from municipal_handbook.cli import main
from municipal_handbook.contributing import BEGIN, END, CASE_DOCS, METHOD_DOCS, generate, update
from municipal_handbook.taxonomy import load_taxonomy
from municipal_handbook.validation import CASE_FIELDS, METHOD_FIELDS

WORKFLOW = ROOT / ".github" / "workflows" / "pull-request.yml"


def taxonomy():
    loaded, problems = load_taxonomy(ROOT / "taxonomy.yml")
    assert not problems
    return loaded


def test_contributing_md_is_up_to_date_with_taxonomy_and_contract():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert update(text, taxonomy()) == text, \
        "CONTRIBUTING.md is out of date: run `python -m hooks.municipal_handbook contributing` and commit it"


def test_every_field_and_every_key_is_documented():
    assert set(CASE_DOCS) == set(CASE_FIELDS) and set(METHOD_DOCS) == set(METHOD_FIELDS)
    section = generate(taxonomy())
    for name in CASE_FIELDS + METHOD_FIELDS:
        assert f"| `{name}` |" in section
    terms = taxonomy()
    for vocabulary in (terms.instruments, terms.sectors, terms.themes):
        for key, term in vocabulary.items():
            assert f"| `{key}` | {term.de} | {term.en} |" in section


def test_contributing_command_rewrites_only_its_section_and_check_fails_when_stale(tmp_path, capsys):
    root = tmp_path
    (root / "taxonomy.yml").write_text((ROOT / "taxonomy.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (root / "CONTRIBUTING.md").write_text(f"# Hand-written\n\n{BEGIN}\nold\n{END}\n\nAfter.\n", encoding="utf-8")
    assert main(["--root", str(root), "contributing", "--check"]) == 1
    assert "CONTRIBUTING.md is out of date" in capsys.readouterr().err
    assert main(["--root", str(root), "contributing"]) == 0
    text = (root / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert text.startswith("# Hand-written\n\n" + BEGIN) and text.endswith(END + "\n\nAfter.\n")
    assert "| `dialogue-event` | Dialogveranstaltung | Dialogue event |" in text
    assert main(["--root", str(root), "contributing", "--check"]) == 0
    # a new sector in taxonomy.yml makes the file stale
    taxonomy_text = (root / "taxonomy.yml").read_text(encoding="utf-8").replace(
        "\nthemes:", "  tourism:\n    de: Tourismus\n    en: Tourism\n    description: Test.\n\nthemes:")
    (root / "taxonomy.yml").write_text(taxonomy_text, encoding="utf-8")
    assert main(["--root", str(root), "contributing", "--check"]) == 1


def test_contributing_is_bilingual_and_explains_the_tools():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "## Deutsch" in text and "## English" in text
    for command in ("python -m hooks.municipal_handbook new-case", "python -m hooks.municipal_handbook check",
                    "mkdocs serve", "python -m hooks.municipal_handbook import-legacy", "cases/_template.md",
                    "methods/_template.md", "--lang de"):
        assert command in text


def readme_commands() -> list[str]:
    """The commands of README.md's first code block, without creating and activating a venv."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.*?)```", readme, re.S).group(1)
    commands = []
    for line in block.splitlines():
        if line.startswith("#"):
            continue
        commands += [c.strip() for c in line.split("&&") if c.strip()]
    # `export` lines set the environment, which the workflow sets in its `env` (test_build_log checks it)
    return [c for c in commands if not c.startswith(("python3 -m venv", ". .venv", "export "))]


def workflow_commands() -> list[str]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert "pull_request" in (data.get("on") or data.get(True))  # YAML 1.1 reads a bare `on` as true
    (job,) = data["jobs"].values()
    commands = []
    for step in job["steps"]:
        if "run" in step:
            commands += [c.strip() for c in step["run"].split("&&")]
    return commands


def test_workflow_parses_and_runs_the_readme_commands():
    readme, workflow = readme_commands(), workflow_commands()
    assert "mkdocs build --strict" in readme and "python -m pytest -q" in readme
    requirements_dev = (ROOT / "requirements-dev.txt").read_text(encoding="utf-8")
    for command in readme:
        if command == "pip install -r requirements.txt":  # requirements-dev.txt includes it
            assert "-r requirements.txt" in requirements_dev and "pip install -r requirements-dev.txt" in workflow
            continue
        assert command in workflow, command
    readme_text = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("python -m hooks.municipal_handbook check", "python tools/offline_bundle.py"):
        assert command in readme_text and command in workflow


def test_workflow_uploads_the_bundle_and_sets_the_edit_uri():
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    (job,) = data["jobs"].values()
    assert "bookworm" in job["container"]  # Debian's chromium, as the tests expect it
    assert "apt-get install -y -qq chromium" in workflow_commands()
    assert job["env"]["HANDBOOK_REPOSITORY"] == "${{ github.server_url }}/${{ github.repository }}"
    upload = [s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload and upload[0]["with"]["path"] == "dist/*.zip"
    assert (ROOT / "tools" / "offline_bundle.py").is_file()
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert "- [ ]" in template and "python -m hooks.municipal_handbook check" in template
