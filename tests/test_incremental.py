"""Live preview: `mkdocs serve --dirty` builds only what an edit changed, and gets it right.

A driver process builds a fixture tree the way `mkdocs serve --dirty` does (one process, one
site folder, the configuration loaded again for every build, plugin and hook state kept);
between two of its builds the test edits content. After every edit the preview's site must
equal a clean `mkdocs build` of the same tree, file for file (the search index compared as a
set of entries), and pages the edit does not concern must not have been written again.
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import make_tree, run_build
from corpus import ALL

SERVE_URL = "http://127.0.0.1:8000/"

DRIVER = textwrap.dedent(f"""
    import sys
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    def get_config():
        config = load_config(config_file="mkdocs.yml", site_dir=sys.argv[1])
        config.site_url = {SERVE_URL!r}
        return config

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=True)
    for line in sys.stdin:  # one build per line, as serve does after each change
        current = config or get_config()
        try:
            build(current, serve_url={SERVE_URL!r}, dirty=True)
            # Under serve the search index is written after the build, by a process that the
            # server's shutdown waits for (the next build stops it): wait for it before comparing.
            current.plugins.on_shutdown()
            print("built", flush=True)
        except BaseException as error:  # noqa: BLE001 - report and keep serving, like serve
            print("failed", error, flush=True)
        config = None
""")

EXTRA_CASES = {  # enough cases that related lists and indexes have something to get wrong
    f"cases/2021-0{n}-01-zusatzfall-{n}.md": f"""
        ---
        title: Zusatzfall {n} (Beispiel)
        date: 2021-0{n}-01
        instrument: {'dialogue-event' if n % 2 else 'expert-secondment'}
        sectors: [{'mobility' if n % 3 else 'wastewater'}, governance]
        location: {{city: Teststadt, country: DE}}
        methods: [gruppenarbeit]
        recommendations:
          - {{theme: impacts, text: Zusatzempfehlung {n}.}}
        ---
        Zusatzbericht {n}.
        """ for n in range(1, 7)}


class Preview:
    """The driver process: `build()` runs one dirty build like serve does after an edit."""

    def __init__(self, root: Path, site: Path):
        self.site = site
        self.process = subprocess.Popen(
            [sys.executable, "-c", DRIVER, str(site)], cwd=root, text=True, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})

    def build(self) -> None:
        self.process.stdin.write("build\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        assert answer.startswith("built"), answer

    def stamps(self) -> dict[str, int]:
        """Modification times of the pages (404.html is MkDocs' own, written on every build)."""
        return {str(p.relative_to(self.site)): p.stat().st_mtime_ns
                for p in self.site.rglob("*.html") if p.name != "404.html"}

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=60)


@pytest.fixture
def preview(tmp_path):
    root = make_tree(tmp_path, {**ALL, **EXTRA_CASES})
    preview = Preview(root, tmp_path / "preview-site")
    preview.root = root
    preview.clean_site = tmp_path / "clean-site"
    preview.build()
    yield preview
    preview.close()


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*")
            if p.is_file() and p.name != "sitemap.xml.gz"}  # gzip headers carry a time stamp


def assert_same_as_clean_build(preview: Preview) -> None:
    # The preview builds the German edition only (README "Languages"), so does the clean build it is compared with.
    clean = run_build(preview.root, preview.clean_site, strict=False,
                      env={"HANDBOOK_SITE_URL": SERVE_URL, "HANDBOOK_EDITIONS": "de"})
    assert clean.returncode == 0, clean.output
    dirty, expected = _files(preview.site), _files(preview.clean_site)
    assert sorted(dirty) == sorted(expected)
    for name, content in expected.items():  # the search index too: its files are deterministic
        assert dirty[name] == content, f"{name} differs from a clean build"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    time.sleep(0.01)  # a distinct modification time, as a real editor save would give
    path.write_text(text.replace(old, new), encoding="utf-8")


def written_again(before: dict, after: dict) -> set[str]:
    return {name for name, stamp in after.items() if before.get(name) != stamp}


def test_first_preview_build_equals_clean_build(preview):
    assert_same_as_clean_build(preview)


def test_body_edit_builds_only_that_page(preview):
    before = preview.stamps()
    edit(preview.root / "cases/2018-03-01-testworkshop.md", "Testbericht.", "Geänderter Bericht Wortneu.")
    preview.build()
    assert written_again(before, preview.stamps()) == {"cases/2018-03-01-testworkshop/index.html"}
    assert "Wortneu" in (preview.site / "cases/2018-03-01-testworkshop/index.html").read_text(encoding="utf-8")
    assert_same_as_clean_build(preview)


def test_front_matter_edit_updates_every_page_that_shows_it(preview):
    before = preview.stamps()
    edit(preview.root / "cases/2018-03-01-testworkshop.md", "sectors: [mobility]", "sectors: [wastewater]")
    preview.build()
    again = written_again(before, preview.stamps())
    assert {"cases/2018-03-01-testworkshop/index.html", "cases/index.html", "sectors/mobility/index.html",
            "sectors/wastewater/index.html", "recommendations/index.html", "index.html"} <= again
    assert "cases/2020-02-01-testabfall/index.html" not in again  # its page shows nothing of the edit
    assert_same_as_clean_build(preview)


def test_title_and_taxonomy_edits_and_a_new_case(preview):
    edit(preview.root / "cases/2017-06-01-testdialog.md", "title: Testdialog Mobilität (Beispiel)",
         "title: Umbenannter Testdialog (Beispiel)")
    preview.build()
    assert_same_as_clean_build(preview)  # learning paths and related lists of other cases
    edit(preview.root / "taxonomy.yml", "de: Abwasser", "de: Abwasserentsorgung")
    preview.build()
    assert_same_as_clean_build(preview)
    (preview.root / "cases/2022-01-01-neuer-fall.md").write_text(textwrap.dedent("""\
        ---
        title: Neuer Fall (Beispiel)
        date: 2022-01-01
        instrument: network-meeting
        sectors: [mobility]
        location: {online: true}
        follows: [2019-05-01-testentsendung]
        ---
        Neuer Bericht.
        """), encoding="utf-8")
    preview.build()
    assert_same_as_clean_build(preview)


def test_method_edit_and_a_broken_edit_in_between(preview):
    edit(preview.root / "methods/besichtigung.md", "title: Besichtigung (Testmethode)",
         "title: Ortsbesichtigung (Testmethode)")
    case = preview.root / "cases/2020-02-01-testabfall.md"
    edit(case, "instrument: network-meeting", "instrument: no-such-instrument")
    preview.build()  # the preview lists the problem on a page of its own instead of failing
    assert "no-such-instrument" in (preview.site / "vorschau-probleme" / "index.html").read_text(encoding="utf-8")
    edit(case, "instrument: no-such-instrument", "instrument: dialogue-event")
    preview.build()
    assert_same_as_clean_build(preview)


def test_real_serve_dirty_follows_body_and_front_matter_edits(tmp_path):
    """The same through `mkdocs serve --dirty` itself: its watcher, its config reloads, its server."""
    from test_serve import free_port, wait_for

    root = make_tree(tmp_path, {**ALL, **EXTRA_CASES})
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
                               cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        wait_for(base, "Methodenhandbuch")
        case = root / "cases/2018-03-01-testworkshop.md"
        edit(case, "Testbericht.", "Bericht mit Vorschauwort.")
        wait_for(base + "cases/2018-03-01-testworkshop/", "Vorschauwort")
        edit(case, "sectors: [mobility]", "sectors: [wastewater]")
        wait_for(base + "sectors/wastewater/", "Testworkshop Radverkehr")
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_paged_lists_rebuild_only_the_pages_an_edit_reaches(tmp_path):
    """With lists paged (2 cases, 1 recommendation a page, as thousands of cases page them), a
    front-matter edit rebuilds the list pages that show the edited case, not every page of
    every list, and the result still equals a clean build."""
    root = make_tree(tmp_path, {**ALL, **EXTRA_CASES})
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "\nextra:\n", "\nextra:\n  page_sizes: {cases: 2, recommendations: 1, highlights: 1}\n", 1), encoding="utf-8")
    preview = Preview(root, tmp_path / "preview-site")
    preview.root, preview.clean_site = root, tmp_path / "clean-site"
    try:
        preview.build()
        before = preview.stamps()
        # (an edit that adds or removes a page, such as a recommendation list growing a page, rebuilds all)
        edit(root / "cases/2021-01-01-zusatzfall-1.md", "instrument: dialogue-event", "instrument: expert-secondment")
        preview.build()
        again = written_again(before, preview.stamps())
        list_pages = {name for name in before if "/page/" in name}
        assert len(list_pages) > 10
        assert again & list_pages and len(again & list_pages) < len(list_pages) / 2, sorted(again & list_pages)
        assert_same_as_clean_build(preview)
        edit(root / "cases/2021-01-01-zusatzfall-1.md", "title: Zusatzfall 1 (Beispiel)",
             "title: Umbenannter Zusatzfall (Beispiel)")
        preview.build()
        assert_same_as_clean_build(preview)
    finally:
        preview.close()
