"""Shared test helpers: real `mkdocs build` runs of the project and of small fixture trees,
and a headless Debian Chromium driven by Playwright."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))  # the domain package, importable without MkDocs
sys.path.insert(0, str(ROOT / "tools"))

from project_tree import copy_project  # noqa: E402

CHROMIUM = "/usr/bin/chromium"


@dataclass
class Build:
    returncode: int
    output: str
    root: Path
    site: Path

    def html(self, page: str) -> str:
        """HTML of a page given by its URL path, e.g. 'cases/x/'."""
        path = self.site / page
        if page.endswith("/") or not page:
            path = path / "index.html"
        return path.read_text(encoding="utf-8")


def run_build(root: Path, site: Path, *, strict: bool = True, env: dict | None = None) -> Build:
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)]
    if strict:
        command.append("--strict")
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, env=environment, timeout=900)
    return Build(done.returncode, done.stdout + done.stderr, root, site)


def make_tree(base: Path, files: dict[str, str], *, keep_content: bool = False) -> Path:
    """A copy of the project with the given content files instead of the real corpus.

    `files` maps paths such as 'cases/a.md' to text (dedented) or bytes.
    """
    root = copy_project(base / "project")
    for folder in ("cases", "methods"):
        if keep_content:
            shutil.copytree(ROOT / folder, root / folder)
        else:
            (root / folder).mkdir()
    if not keep_content:  # instrument guides name real method pages, which fixture trees replace
        taxonomy = root / "taxonomy.yml"
        taxonomy.write_text(re.sub(r"(?m)^\s+guide: .*\n", "", taxonomy.read_text(encoding="utf-8")),
                            encoding="utf-8")
    if not keep_content:  # editorial pages that link to real cases or methods become stubs
        for page in (root / "docs").rglob("*.md"):
            if re.search(r"\]\((?:\.\./)?(?:cases|methods)/(?!index\.md)", page.read_text(encoding="utf-8")):
                page.write_text(f"# {page.stem}\n\nStub for a fixture build.\n", encoding="utf-8")
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


def built_site(tmp_path_factory, name: str, files: dict, env: dict | None = None) -> Build:
    """A fixture tree built once for a test module; the build must succeed."""
    base = tmp_path_factory.mktemp(name)
    build = run_build(make_tree(base, files), base / "site", env=env)
    assert build.returncode == 0, build.output
    return build


@pytest.fixture
def build_tree(tmp_path):
    """Build a fixture tree: build_tree({'cases/a.md': '...'}, strict=True, env={...})."""

    def build(files: dict[str, str], *, strict: bool = True, env: dict | None = None,
              keep_content: bool = False) -> Build:
        root = make_tree(tmp_path, files, keep_content=keep_content)
        return run_build(root, tmp_path / "site", strict=strict, env=env)

    return build


@pytest.fixture(scope="session")
def project_build(tmp_path_factory) -> Build:
    """The real handbook, built once per test session in strict mode."""
    site = tmp_path_factory.mktemp("project") / "site"
    build = run_build(ROOT, site, env={"HANDBOOK_REPOSITORY": "https://git.example.org/handbook"})
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium (never a downloaded browser), headless, with no network beyond loopback."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield browser
        browser.close()


@pytest.fixture
def serve():
    """Serve a folder over HTTP on loopback: base_url = serve(path)."""
    import functools
    import http.server
    import threading

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def page(browser):
    """A fresh browser page that aborts and records every request leaving this machine,
    and records console errors: page.outside_requests, page.console_errors."""
    from urllib.parse import urlsplit

    context = browser.new_context()
    tab = context.new_page()
    tab.outside_requests = []
    tab.console_errors = []

    def route(route):
        url = route.request.url
        host = urlsplit(url).hostname
        if url.startswith(("file:", "data:", "blob:", "about:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            tab.outside_requests.append(url)
            route.abort()

    context.route("**/*", route)
    tab.on("console", lambda message: message.type == "error" and tab.console_errors.append(message.text))
    tab.on("pageerror", lambda error: tab.console_errors.append(str(error)))
    yield tab
    context.close()


def wait_for(page, expression: str, timeout: float = 30000) -> None:
    """Wait until a JavaScript expression is true. Playwright's wait_for_function evaluates its
    predicate as a string inside the page, which the site's Content-Security-Policy (no
    'unsafe-eval') refuses; page.evaluate runs from outside the page and is not affected."""
    import time

    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout / 1000:.0f} s: {expression}")
        page.wait_for_timeout(50)


@pytest.fixture(scope="session")
def offline_bundle(tmp_path_factory):
    """The offline bundle made once per session by `python tools/offline_bundle.py`, unpacked:
    .zip_path, .output (what the command printed), .folder (holds index.html)."""
    from offline_helpers import make_bundle

    return make_bundle(tmp_path_factory.mktemp("dist"), tmp_path_factory.mktemp("unpacked"))
