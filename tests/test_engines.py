"""The handbook outlives its engine: ProperDocs, the maintained fork of MkDocs 1.6, builds the
real project into the same site as MkDocs, byte for byte apart from the generator tag."""
import filecmp
import os
import re
import subprocess
import sys

from conftest import ROOT

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_same_site_as_mkdocs(project_build, tmp_path):
    site = tmp_path / "site"
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_REPOSITORY": "https://git.example.org/handbook"}
    done = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml",
                           "--site-dir", str(site)], cwd=ROOT, capture_output=True, text=True, env=environment,
                          timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    generators = set()
    differing = []
    for folder, _, names in os.walk(project_build.site):
        for name in names:
            ours = os.path.join(folder, name)
            theirs = os.path.join(site, os.path.relpath(ours, project_build.site))
            assert os.path.exists(theirs), f"ProperDocs did not write {os.path.relpath(ours, project_build.site)}"
            if filecmp.cmp(ours, theirs, shallow=False):
                continue
            a, b = open(ours, "rb").read(), open(theirs, "rb").read()
            generators.update(GENERATOR.findall(b))
            if GENERATOR.sub(b"", a) != GENERATOR.sub(b"", b):
                differing.append(os.path.relpath(ours, project_build.site))
    written = sum(len(names) for _, _, names in os.walk(site))
    assert written == sum(len(names) for _, _, names in os.walk(project_build.site))
    assert differing == []
    assert generators and all(b"ProperDocs" in g for g in generators)
