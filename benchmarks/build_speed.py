"""Build speed of the handbook at scale, side by side with plain Material for MkDocs.

    NO_MKDOCS_2_WARNING=1 python benchmarks/build_speed.py                 # N = 500 and 5,000, 3 repeats
    python benchmarks/build_speed.py --sizes 500 5000 --repeat 5 --keep /tmp/bench
    python benchmarks/build_speed.py --sizes 5000 --repeat 0 --preview   # live preview latency only
    python benchmarks/build_speed.py --sizes 500 5000 --reader           # what a reader downloads, no timing

For every N it writes, into a temporary folder (never into the repository):

* `handbook/`: a copy of the project (mkdocs.yml, taxonomy.yml, hooks/, docs/, the real
  methods/) with N synthetic cases instead of the real ones: "Synthetischer Fall 0001", …,
  each ~600 words of body, two sectors, three recommendations (half of them shared between
  cases, so the recommendations page merges them), two or three methods, a short `follows`
  chain for every tenth case, deterministic by case number (case 1 is the same at every N).
* `plain/`: the same pages for plain Material for MkDocs: same theme, same Markdown
  extensions, search and offline plugins, the same nav (as many top-level entries), cases,
  methods and index pages in `not_in_nav`; no hook and no macros plugin. Its page bodies are
  the Markdown the handbook hands to MkDocs for each page (captured once, untimed, by an extra
  hook in an export build), with the page titles as front matter, plus the same data files.
  That is the fair comparison: both builds turn the same Markdown into the same HTML with the
  same theme, so the ratio is what the hook costs (loading and checking the content, indexes,
  templates, macros) on top of what MkDocs and Material cost anyway. Raw case bodies would make
  the plain site smaller (no facts, recommendations, related cases, no index pages) and the
  ratio flatter than the truth.
* `bodies/`: what a team would have without the handbook (issue 14: at most 1.5 x at 5,000):
  the same theme, extensions, search and nav, each case's and method's contributed Markdown as
  a page under its title, the editorial pages, a stub for each nav entry the handbook
  generates; nothing generated. Both ratios are printed.

The handbook is built twice: German only (`HANDBOOK_EDITIONS=de`, the figure compared with the
plain twin) and as `mkdocs build` builds it, both editions (the English one in a second process
beside the German one); the ratio two editions / German only is printed (target <= 2.1).

Each build runs as a subprocess `python -m mkdocs build -q --site-dir …` with a fresh site
folder; builds of the two sites alternate, and the figures are medians over `--repeat` runs
(the machine is shared: single runs are noisy). Peak memory is the child's maximum resident
set size (`os.wait4`). The size of one fixed case page (case 1) is printed at every N: it
must not grow with the corpus.

With `--reader`, the handbook is built once online and once offline (OFFLINE=true) per N, untimed,
and headless Chromium measures what a reader downloads: every response of a first view of the home
page, and of a first search (the search page opened with `?q=` of one common and one rare word,
until its first result shows) over HTTP on loopback; from file:// in the offline site, the seconds
from opening the search page with the query to its first result.

With `--preview`, the largest corpus is then served with `mkdocs serve --dirty` and the script
edits case 1 the way a contributor would: its body (three times; the figure is the median of
the seconds from saving the file until the server returns the page with the new text), then
its front matter (a sector: seconds until the new sector's page lists the case).
"""
from __future__ import annotations

import argparse
import datetime
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from project_tree import BUILD_PARTS, copy_project  # noqa: E402

INSTRUMENTS = ("dialogue-event", "local-project-workshop", "expert-secondment", "network-meeting", "study-tour",
               "project-workshop", "deep-dive", "virtual-format", "conference")
SECTORS = ("waste-management", "mobility", "wastewater", "urban-development", "climate-protection",
           "climate-adaptation", "green-public-space", "land-use", "digitalisation",
           "local-economic-development", "municipal-finance", "governance")
THEMES = ("prerequisites", "instruments-and-methods", "impacts")
PLACES = (("Köln", "DE"), ("Leipzig", "DE"), ("Bremen", "DE"), ("Dortmund", "DE"), ("Hamburg", "DE"),
          ("Amman", "JO"), ("Beirut", "LB"), ("Skopje", "MK"), ("Belo Horizonte", "BR"), ("Kocaeli", "TR"),
          ("Nablus", "PS"), ("Tunis", "TN"), ("Rabat", "MA"), ("Kairo", "EG"), ("Durban", "ZA"),
          ("Puebla", "MX"), ("Tirana", "AL"), ("Sarajevo", "BA"), ("Nairobi", "KE"), ("Hanoi", "VN"))
SHARED_RECOMMENDATIONS = 300  # pool of recommendation texts that several cases repeat
BODY_WORDS = 600
FIRST_DATE = datetime.date(2014, 1, 1)
DAYS = 12 * 365


# --- the synthetic corpus -------------------------------------------------------------------

def _vocabulary() -> list[str]:
    """Real German words from the real case bodies (read only), so text and search index look real."""
    words = set()
    for path in sorted((ROOT / "cases").glob("[!_]*.md")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        words.update(w for w in re.findall(r"[A-Za-zÄÖÜäöüß]{3,}", body))
    if len(words) < 200:  # a repository without cases still gets a usable vocabulary
        words.update(f"Wort{i}" for i in range(400))
    return sorted(words)


def _sentence(rng: random.Random, words: list[str], length: int) -> str:
    text = " ".join(rng.choice(words) for _ in range(length))
    return text[0].upper() + text[1:] + "."


def case_slug(number: int) -> str:
    return f"{_case_date(number).isoformat()}-synthetischer-fall-{number:04d}"


def _case_date(number: int) -> datetime.date:
    return FIRST_DATE + datetime.timedelta(days=(number * 7919) % DAYS)


def synthetic_case(number: int, words: list[str], methods: list[str]) -> str:
    """The file text of synthetic case `number` (1-based); the same number gives the same text."""
    rng = random.Random(number)
    date = _case_date(number)
    instrument = rng.choice(INSTRUMENTS)
    sectors = rng.sample(SECTORS, 2)
    used_methods = rng.sample(methods, min(len(methods), rng.choice((2, 3))))
    lines = [
        "---",
        f"title: Synthetischer Fall {number:04d}",
        f"date: '{date.isoformat()}'",
    ]
    if number % 3 == 0:
        lines.append(f"end_date: '{(date + datetime.timedelta(days=2)).isoformat()}'")
    lines += [f"instrument: {instrument}", "sectors:"] + [f"- {s}" for s in sectors]
    if number % 20 == 7:
        lines += ["location:", "  online: true"]
    else:
        city, country = rng.choice(PLACES)
        lines += ["location:", f"  city: {city}", f"  country: {country}"]
    lines += ["methods:"] + [f"- {m}" for m in used_methods]
    lines += ["participants:", f"  Kommunalverwaltung: {rng.randint(3, 30)}",
              f"  Kommunale Unternehmen: {rng.randint(0, 15)}"]
    lines.append(f"summary: Synthetische Testdaten, kein echter Fall. {_sentence(rng, words, 25)}")
    lines.append("recommendations:")
    for _ in range(3):
        theme = rng.choice(THEMES)
        if rng.random() < 0.5:
            shared = rng.randrange(SHARED_RECOMMENDATIONS)
            text = f"Synthetische Empfehlung {shared}: {_sentence(random.Random(-shared - 1), words, 12)}"
        else:
            text = f"Synthetische Empfehlung aus Fall {number:04d}: {_sentence(rng, words, 14)}"
        lines += [f"- theme: {theme}", f"  text: '{text}'"]
    lines += ["author: Synthetische Autorin, Testdaten", "language: de",
              f"source: https://example.org/synthetisch/{number:04d}"]
    if number % 10 in (2, 3):  # chains of three: n-2 <- n-1 <- n
        lines.append(f"follows: [{case_slug(number - 1)}]")
    lines.append("---")
    lines.append("")
    paragraphs, count = [], 0
    while count < BODY_WORDS:
        length = rng.randint(80, 130)
        sentences = []
        while sum(len(s.split()) for s in sentences) < length:
            sentences.append(_sentence(rng, words, rng.randint(8, 20)))
        paragraph = " ".join(sentences)
        count += len(paragraph.split())
        paragraphs.append(paragraph)
    paragraphs.insert(2, "## Ablauf")
    paragraphs.insert(3, f"Gearbeitet wurde unter anderem mit der Methode "
                         f"[{used_methods[0]}](../methods/{used_methods[0]}.md).")
    return "\n".join(lines) + "\n" + "\n\n".join(paragraphs) + "\n"


def make_handbook(base: Path, n: int) -> Path:
    """A copy of the project with n synthetic cases; returns its root."""
    root = copy_project(base / "handbook", BUILD_PARTS + ("methods",))
    write_cases(root, range(1, n + 1))
    return root


def write_cases(root: Path, numbers) -> None:
    words = _vocabulary()
    methods = sorted(p.stem for p in (root / "methods").glob("*.md")
                     if not p.name.startswith("_") and "." not in p.stem)  # not translations (x.en.md)
    (root / "cases").mkdir(exist_ok=True)
    for number in numbers:
        (root / "cases" / f"{case_slug(number)}.md").write_text(synthetic_case(number, words, methods),
                                                                encoding="utf-8")


# --- the plain site -------------------------------------------------------------------------

EXPORT_HOOK = '''
"""Benchmark only: write the Markdown every page hands to MkDocs, after the handbook hook and macros,
with the generated HTML the hook hands past Python-Markdown back in its place."""
import os
import sys
from pathlib import Path

import yaml
from mkdocs.plugins import event_priority

OUT = Path(os.environ["BENCH_EXPORT_DIR"])


@event_priority(-100)
def on_page_markdown(markdown, page, config, files):
    meta = {k: v for k, v in page.meta.items() if k != "render_macros"}
    front = f"---\\n{yaml.safe_dump(meta, allow_unicode=True)}---\\n\\n" if meta else ""
    generated = sys.modules["hooks/handbook_hook.py"].build.generated.get(page.file.src_uri)  # MkDocs names a hook module by its path
    text = markdown.replace(generated.markdown, generated.filled_markdown()) if generated else markdown
    target = OUT / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(front + text, encoding="utf-8")
    return markdown
'''

PLAIN_CONFIG = """\
# Benchmark only: the handbook's configuration without the hook and the macros plugin.
INHERIT: ../handbook/mkdocs.yml
hooks: []
watch: []
plugins:
  - search:
      lang: de
  - offline:
      enabled: !ENV [OFFLINE, false]
"""


def make_plain(base: Path, handbook: Path) -> Path:
    """The plain-MkDocs twin: every page's Markdown as the handbook renders it, plus the data files."""
    export = base / "export"
    (base / "bench_export_hook.py").write_text(EXPORT_HOOK, encoding="utf-8")
    (handbook / "bench-export.yml").write_text(
        "INHERIT: mkdocs.yml\nhooks:\n  - hooks/handbook_hook.py\n  - ../bench_export_hook.py\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", "bench-export.yml",
                           "--site-dir", str(base / "export-site")], cwd=handbook, env=_env(BENCH_EXPORT_DIR=str(export), HANDBOOK_EDITIONS="de"),
                          capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"export build failed:\n{done.stdout}{done.stderr}")
    (handbook / "bench-export.yml").unlink()
    plain = base / "plain"
    shutil.copytree(handbook / "docs", plain / "docs")
    shutil.copytree(handbook / "overrides", plain / "overrides")  # the same theme (custom_dir)
    shutil.copytree(export, plain / "docs", dirs_exist_ok=True)
    shutil.copytree(base / "export-site" / "data", plain / "docs" / "data", dirs_exist_ok=True)
    shutil.rmtree(base / "export-site")
    (plain / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    return plain


def make_bodies_twin(base: Path, handbook: Path, plain: Path) -> Path:
    """What a team would have without the handbook: plain Material with the same theme, extensions,
    search and nav, whose pages are the contributed files as written (each case's and method's
    body under its title), the editorial pages as the handbook renders them, and one short page
    per nav entry the handbook generates. Nothing is generated: no fact boxes, no index pages."""
    import frontmatter

    twin = base / "bodies"
    shutil.copytree(handbook / "overrides", twin / "overrides")
    (twin / "docs").mkdir()
    for page in (plain / "docs").rglob("*"):  # editorial pages and assets, not generated pages
        relative = page.relative_to(plain / "docs")
        if page.is_file() and (handbook / "docs" / relative).exists():
            (twin / "docs" / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(page, twin / "docs" / relative)
    for folder in ("cases", "methods"):
        for source in sorted((handbook / folder).glob("[!_]*.md")):
            if "." in source.stem:  # a translation: the twin is German only, like the compared build
                continue
            post = frontmatter.load(source)
            target = twin / "docs" / folder / source.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(f"---\ntitle: {post['title']!r}\n---\n\n{post.content}\n", encoding="utf-8")
    for entry in ("instruments/index.md", "methods/index.md", "cases/index.md", "sectors/index.md",
                  "countries/index.md", "recommendations.md"):  # the nav's generated entries, as stubs
        target = twin / "docs" / entry
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            target.write_text(f"# {entry}\n", encoding="utf-8")
    (twin / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    return twin


# --- measuring ------------------------------------------------------------------------------

def _env(**extra) -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", **extra}


def timed_build(root: Path, site: Path, **env) -> tuple[float, int]:
    """Wall seconds and peak RSS in bytes of one `mkdocs build` in a subprocess (RSS: the German
    build's process; the English edition builds in a process of its own beside it)."""
    if site.exists():
        shutil.rmtree(site)
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site)],
                               cwd=root, env=_env(**env), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        sys.exit(f"build of {root} failed:\n{output.decode(errors='replace')}")
    return seconds, usage.ru_maxrss * 1024


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def largest_page(site: Path) -> tuple[int, str]:
    """Bytes and path of the largest HTML page (target: none over 500 KB at any corpus size)."""
    return max((p.stat().st_size, str(p.relative_to(site))) for p in site.rglob("*.html"))


def first_view(site: Path) -> dict:
    """Bytes a reader's browser downloads for a first view of the home page (headless Debian
    Chromium over HTTP on loopback, after the network is idle), and how many of them are search data."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sizes: dict[str, int] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page()
            page.on("requestfinished", lambda request: sizes.__setitem__(
                request.url, request.sizes()["responseBodySize"]))
            page.goto(f"http://127.0.0.1:{server.server_port}/", wait_until="networkidle")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return {"bytes": sum(sizes.values()), "search": sum(v for k, v in sizes.items() if "/search" in k)}


READER_QUERY = "synthetischer 0042"  # in every case's title, and in one case's title only


def _reader_views(site: Path, offline: Path) -> dict:
    """Bytes of the home page's first view and of a first search online; seconds to the first
    result offline (search page opened from file:// with the query)."""
    import functools
    import http.server
    import threading
    from urllib.parse import quote

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    result = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            for name, url in (("home", base), ("search", f"{base}suche/?q={quote(READER_QUERY)}")):
                page = browser.new_page()  # a fresh page: nothing cached
                sizes: dict[str, int] = {}
                page.on("requestfinished", lambda request, sizes=sizes: sizes.__setitem__(
                    request.url, request.sizes()["responseBodySize"]))
                page.goto(url, wait_until="networkidle")
                if name == "search":
                    page.locator("#hb-search-results li").first.wait_for(timeout=60000)
                    page.wait_for_load_state("networkidle")
                    result["results"] = page.text_content("#hb-search-status")
                result[name] = sum(sizes.values())
                result[name + "_files"] = len(sizes)
                page.close()
            page = browser.new_page()
            started = time.monotonic()
            page.goto((offline / "suche.html").as_uri() + f"?q={quote(READER_QUERY)}")
            page.locator("#hb-search-results li").first.wait_for(timeout=60000)
            result["offline_seconds"] = time.monotonic() - started
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return result


def measure_reader(n: int, keep: Path | None) -> dict:
    base = Path(tempfile.mkdtemp(prefix=f"handbook-reader-{n}-", dir=keep))
    try:
        handbook = make_handbook(base, n)
        timed_build(handbook, base / "site")
        timed_build(handbook, base / "offline", OFFLINE="true")
        index = sum(p.stat().st_size for p in (base / "site" / "search").rglob("*.js"))
        return {"n": n, "index": index, "files": len(list((base / "site" / "search").rglob("*.js"))),
                **_reader_views(base / "site", base / "offline")}
    finally:
        if keep is None:
            shutil.rmtree(base, ignore_errors=True)


def reader_report(results: list[dict]) -> str:
    lines = [f"what a reader downloads (headless Chromium; query {READER_QUERY!r})", "",
             "| cases | index (German) KB | index files | home page, first view KB | first search KB (files) "
             "| results | offline: first result s |", "| ---: | ---: | ---: | ---: | ---: | --- | ---: |"]
    for r in results:
        lines.append(f"| {r['n']:,} | {r['index'] / 1000:,.0f} | {r['files']:,} | {r['home'] / 1000:,.0f} "
                     f"| {r['search'] / 1000:,.0f} ({r['search_files']}) | {r['results']} | {r['offline_seconds']:.2f} |")
    return "\n".join(lines)


def measure(n: int, repeat: int, keep: Path | None) -> dict:
    base = Path(tempfile.mkdtemp(prefix=f"handbook-bench-{n}-", dir=keep))
    try:
        handbook = make_handbook(base, n)
        plain = make_plain(base, handbook)
        bodies = make_bodies_twin(base, handbook, plain)
        # "handbook": the German edition alone (HANDBOOK_EDITIONS=de), comparable with the twins;
        # "editions": what `mkdocs build` does, German and English (README, "Languages");
        # "plain": the same Markdown as the handbook's pages; "bodies": the contributed files alone.
        builds = (("handbook", handbook, {"HANDBOOK_EDITIONS": "de"}), ("editions", handbook, {}),
                  ("plain", plain, {}), ("bodies", bodies, {}))
        runs = {name: [] for name, _, _ in builds}
        for _ in range(repeat):
            for name, root, env in builds:
                runs[name].append(timed_build(root, base / f"site-{name}", **env))
                print(f"  {name}: {runs[name][-1][0]:.2f} s", file=sys.stderr, flush=True)
        case_page = Path("cases") / case_slug(1) / "index.html"
        result = {"n": n}
        for name in runs:
            site = base / f"site-{name}"
            result[name] = {
                "seconds": statistics.median(s for s, _ in runs[name]),
                "all_seconds": [s for s, _ in runs[name]],
                "rss": max(r for _, r in runs[name]),
                "site": folder_size(site),
                "case_page": (site / case_page).stat().st_size,
                "largest": largest_page(site),
                "view": first_view(site),
            }
        return result
    finally:
        if keep is None:
            shutil.rmtree(base, ignore_errors=True)


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=600) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float, step: float = 0.05) -> float:
    """Seconds until the page at url contains text."""
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        if text in _fetch(url):
            return time.perf_counter() - start
        time.sleep(step)
    raise SystemExit(f"{text!r} did not appear at {url} within {seconds} s")


def measure_preview(n: int, keep: Path | None) -> dict:
    """Latency of `mkdocs serve --dirty` after edits to one case, at n cases: the newest case, so
    that its sector page (which shows the newest cases first) lists it after the sector edit."""
    base = Path(tempfile.mkdtemp(prefix=f"handbook-preview-{n}-", dir=keep))
    try:
        root = make_handbook(base, n)
        number = max(range(1, n + 1), key=_case_date)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        log = (base / "serve.log").open("wb")
        start = time.perf_counter()
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr",
                                   f"127.0.0.1:{port}"], cwd=root, env=_env(), stdout=log, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}/cases/{case_slug(number)}/"
            _wait_for(url, f"Synthetischer Fall {number:04d}", 3600, step=1)
            first = time.perf_counter() - start
            source = root / "cases" / f"{case_slug(number)}.md"
            body = []
            for attempt in range(3):
                word = f"Vorschauwort{attempt}x{int(time.time())}"
                time.sleep(1.5)  # let the watcher settle between edits
                source.write_text(source.read_text(encoding="utf-8") + f"\n{word}\n", encoding="utf-8")
                body.append(_wait_for(url, word, 600))
            text = source.read_text(encoding="utf-8")
            sectors = re.search(r"(?m)^sectors:\n- (\S+)\n- (\S+)$", text)
            new_sector = next(s for s in SECTORS if s not in sectors.groups())
            time.sleep(1.5)
            source.write_text(text.replace(f"- {sectors.group(1)}\n", f"- {new_sector}\n", 1), encoding="utf-8")
            front = _wait_for(f"http://127.0.0.1:{port}/sectors/{new_sector}/", f"Synthetischer Fall {number:04d}<", 600)
        finally:
            server.terminate()
            server.wait(timeout=60)
            log.close()
        return {"n": n, "first": first, "body": body, "front": front}
    finally:
        if keep is None:
            shutil.rmtree(base, ignore_errors=True)


def report(results: list[dict], repeat: int) -> str:
    mib = 1024 * 1024
    lines = [f"median of {repeat} build(s) each, builds of the sites alternating; "
             f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}",
             "",
             "| cases | build | wall s | ms/case | peak RSS MiB | site MiB | case 1 page KiB | runs (s) |",
             "| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    for r in results:
        for name in ("handbook", "editions", "plain", "bodies"):
            m = r[name]
            lines.append(f"| {r['n']:,} | {name} | {m['seconds']:.2f} | {1000 * m['seconds'] / r['n']:.2f} "
                         f"| {m['rss'] / mib:.0f} | {m['site'] / mib:.1f} | {m['case_page'] / 1024:.1f} "
                         f"| {' '.join(f'{s:.2f}' for s in m['all_seconds'])} |")
    lines.append("")
    for r in results:
        lines.append(f"N = {r['n']:,}: handbook / plain (same Markdown) = "
                     f"{r['handbook']['seconds'] / r['plain']['seconds']:.2f} (target at 5,000: <= 1.15); "
                     f"handbook / bodies (same case bodies) = {r['handbook']['seconds'] / r['bodies']['seconds']:.2f} "
                     f"(target at 5,000: <= 1.5); two editions / German only = "
                     f"{r['editions']['seconds'] / r['handbook']['seconds']:.2f} (target <= 2.1)")
    if len(results) > 1:
        small, large = results[0], results[-1]
        factor = large["n"] / small["n"]
        for name in ("handbook", "plain", "bodies"):
            lines.append(f"{name}: time({large['n']:,}) / time({small['n']:,}) = "
                         f"{large[name]['seconds'] / small[name]['seconds']:.2f} (corpus x{factor:g}; target <= 11)")
        lines.append(f"case 1 page: {small['handbook']['case_page']:,} bytes at {small['n']:,} cases, "
                     f"{large['handbook']['case_page']:,} bytes at {large['n']:,} cases")
    for r in results:
        for name in ("handbook", "plain"):
            size, path = r[name]["largest"]
            view = r[name]["view"]
            lines.append(f"N = {r['n']:,} {name}: largest HTML page {size / 1000:,.0f} KB ({path}; target <= 500 KB); "
                         f"first view of the home page {view['bytes'] / 1000:,.0f} KB, of which search data "
                         f"{view['search'] / 1000:,.0f} KB (target 0)")
    peak = max(r["handbook"]["rss"] for r in results)
    lines.append(f"handbook peak RSS: {peak / mib:.0f} MiB (target <= 1,536 MiB)")
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000], help="corpus sizes (default 500 5000)")
    parser.add_argument("--repeat", type=int, default=3, help="builds per site and size (default 3)")
    parser.add_argument("--preview", action="store_true",
                        help="also measure the live preview (mkdocs serve --dirty) at the largest size")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep the trees and sites")
    parser.add_argument("--reader", action="store_true",
                        help="only what a reader downloads (home page, first search, offline search), no timing")
    args = parser.parse_args(argv)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    if args.reader:
        results = []
        for n in sorted(args.sizes):
            print(f"N = {n:,}: generating and building online and offline ...", file=sys.stderr, flush=True)
            results.append(measure_reader(n, args.keep))
        print(reader_report(results))
        return
    results = []
    for n in sorted(args.sizes) if args.repeat > 0 else []:  # --repeat 0 --preview: the preview alone
        print(f"N = {n:,}: generating and building ...", file=sys.stderr, flush=True)
        results.append(measure(n, args.repeat, args.keep))
    if results:
        print(report(results, args.repeat))
    if args.preview:
        n = max(args.sizes)
        print(f"N = {n:,}: live preview ...", file=sys.stderr, flush=True)
        p = measure_preview(n, args.keep)
        print(f"\nlive preview (`mkdocs serve --dirty`, {n:,} cases): first build and serve {p['first']:.1f} s; "
              f"case body edit -> page served in {statistics.median(p['body']):.2f} s "
              f"(runs: {' '.join(f'{s:.2f}' for s in p['body'])}; target <= 2 s); "
              f"front matter edit (sector) -> sector page lists the case in {p['front']:.2f} s")


if __name__ == "__main__":
    main()
