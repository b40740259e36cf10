"""Issue 12, item 13: the build log carries nothing a contributor cannot act on, and still every
real warning."""
from conftest import ROOT, make_tree, run_build


def test_the_build_log_has_no_macros_chatter_and_keeps_real_warnings(tmp_path):
    root = make_tree(tmp_path, {"docs/kaputt.md": "# Kaputt\n\nSiehe [fehlt](gibt-es-nicht.md).\n"})
    build = run_build(root, tmp_path / "site", strict=False)
    assert build.returncode == 0, build.output
    assert "[macros]" not in build.output and "No default module" not in build.output
    assert "WARNING" in build.output and "gibt-es-nicht.md" in build.output  # a real warning still shows


def test_every_documented_command_silences_materials_notice():
    for path in ("README.md", ".ci/run", ".github/workflows/pull-request.yml"):
        assert "NO_MKDOCS_2_WARNING" in (ROOT / path).read_text(encoding="utf-8"), path
