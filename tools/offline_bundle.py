"""Build the handbook for reading from disk and pack it as one zip.

    python tools/offline_bundle.py [--dist dist] [--no-strict]

Builds with OFFLINE=true (Material's offline plugin: links to .html files; the handbook's search
index is scripts in any build, which a page on disk may load) into a temporary folder, never
into the working tree's site/, checks that no page loads anything from another host and that
every internal link resolves to a file, adds LIESMICH.txt, and writes
dist/<site-name>-offline-<YYYY-MM-DD>.zip, which unpacks into one folder of the same name.
Prints the bundle's path, size and page count. Exit status 1 if the build or a check fails.
"""
from __future__ import annotations

import argparse
import datetime
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent

# Files of a web build that mean nothing when read from disk: the 404 page uses absolute
# URLs (it is served for any path), sitemaps are for search engines, and the theme's source
# maps (more than half of the bytes) are for debugging it.
# Each edition has its own (German at the root, English in en/).
DROPPED = ("404.html", "sitemap.xml", "sitemap.xml.gz", "*/404.html", "*/sitemap.xml", "*/sitemap.xml.gz", "**/*.map")

README_NAME = "LIESMICH.txt"
README_TEXT = """\
{site_name}
{underline}

Offline-Ausgabe vom {date}: das ganze Handbuch zum Lesen ohne Internetverbindung.

So öffnen Sie es:
  1. Entpacken Sie die ZIP-Datei (Rechtsklick, "Alle extrahieren ...").
  2. Öffnen Sie im entpackten Ordner die Datei index.html mit einem Webbrowser
     (Firefox, Chrome, Edge, Safari).

Navigation, Volltextsuche und die Filter der Fall- und Empfehlungsseiten funktionieren
ohne Netz. Keine Seite lädt etwas von einem anderen Server; nur Links zu Quellen im Netz
führen, wenn Sie sie anklicken, ins Internet.

Enthält {pages} Seiten. Lizenzen mitgelieferter Programme: assets/vendor/*/LICENSE.

English: unzip, then open index.html in a web browser. Everything, including search and
the filters, works without a network connection.
"""


def site_name(config_file: Path) -> str:
    """site_name from mkdocs.yml, read without running MkDocs (unknown tags such as !ENV
    stand for values this needs not know)."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=Loader)
    return str(config["site_name"])


def slugify(text: str) -> str:
    text = text.lower()
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, spelled)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "handbook"


class _Resources(HTMLParser):
    """Collects what a page loads (scripts, styles, images, frames…) and what it links to."""

    LOADS = {("script", "src"), ("img", "src"), ("iframe", "src"), ("frame", "src"), ("embed", "src"),
             ("source", "src"), ("source", "srcset"), ("img", "srcset"), ("audio", "src"),
             ("video", "src"), ("video", "poster"), ("track", "src"), ("object", "data"),
             ("input", "src")}
    LINK_LOADS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "prefetch",
                  "modulepreload", "preconnect", "dns-prefetch", "manifest", "mask-icon"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.loads: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for (element, name) in self.LOADS:
            if tag == element and attributes.get(name):
                value = attributes[name]
                urls = [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
                self.loads.extend(urls)
        if tag == "link" and attributes.get("href"):
            rel = set((attributes.get("rel") or "").lower().split())
            (self.loads if rel & self.LINK_LOADS else self.links).append(attributes["href"])
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        style = attributes.get("style") or ""
        self.loads.extend(re.findall(r"url\(\s*['\"]?([^'\")]+)", style))


def _outside(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.netloc) or parts.scheme not in ("", "data", "blob")


def check_site(site: Path) -> list[str]:
    """Problems that would break reading from disk or send a request to another host."""
    problems = []
    for page in sorted(site.rglob("*.html")):
        name = page.relative_to(site).as_posix()
        parser = _Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        for url in parser.loads:
            if _outside(url):
                problems.append(f"{name}: loads {url} from another host")
        for url in parser.links + parser.loads:
            parts = urlsplit(html.unescape(url))
            if parts.scheme or parts.netloc or not parts.path:
                continue  # another host (a link a reader may follow), mailto:, or this page
            target = (page.parent / unquote(parts.path)).resolve()
            if not target.is_file():
                problems.append(f"{name}: link {url} does not resolve to a file")
    for sheet in sorted(site.rglob("*.css")):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", sheet.read_text(encoding="utf-8", errors="replace")):
            if _outside(url):
                problems.append(f"{sheet.relative_to(site).as_posix()}: loads {url} from another host")
        for url in re.findall(r"@import\s+['\"]([^'\"]+)", sheet.read_text(encoding="utf-8", errors="replace")):
            if _outside(url):
                problems.append(f"{sheet.relative_to(site).as_posix()}: imports {url} from another host")
    if not (site / "search" / "t" / "index.js").is_file():
        problems.append("search/t/index.js is missing: search would not work from disk")
    return problems


def build_offline(root: Path, site: Path, *, strict: bool = True) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "--site-dir", str(site)]
    if strict:
        command.append("--strict")
    environment = {**os.environ, "OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(command, cwd=root, env=environment, capture_output=True, text=True)


def pack(site: Path, zip_path: Path, folder: str) -> None:
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    partial = zip_path.with_name(zip_path.name + ".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as bundle:
        for path in sorted(site.rglob("*")):
            if path.is_file():
                bundle.write(path, f"{folder}/{path.relative_to(site).as_posix()}")
    partial.replace(zip_path)


def human_size(size: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.1f} {unit}" if unit != "B" else f"{size} B"
        size /= 1024
    raise AssertionError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="folder for the zip (default: dist/)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project to build (default: this one)")
    parser.add_argument("--no-strict", dest="strict", action="store_false",
                        help="build even if MkDocs warns (the default stops at any warning)")
    arguments = parser.parse_args(argv)
    root = arguments.root.resolve()
    name = site_name(root / "mkdocs.yml")
    today = datetime.date.today()
    folder = f"{slugify(name)}-offline-{today.isoformat()}"
    zip_path = arguments.dist.resolve() / f"{folder}.zip"

    with tempfile.TemporaryDirectory(prefix="handbook-offline-") as temporary:
        site = Path(temporary) / folder
        print(f"Building the offline site of {root} ...", flush=True)
        done = build_offline(root, site, strict=arguments.strict)
        if done.returncode != 0:
            print(done.stdout + done.stderr, file=sys.stderr)
            print("The build failed; no bundle written.", file=sys.stderr)
            return 1
        for pattern in DROPPED:
            for dropped in site.glob(pattern):
                dropped.unlink()
        problems = check_site(site)
        if problems:
            print("\n".join(problems), file=sys.stderr)
            print(f"{len(problems)} problem(s) in the offline site; no bundle written.", file=sys.stderr)
            return 1
        pages = sum(1 for _ in site.rglob("*.html"))
        (site / README_NAME).write_text(
            README_TEXT.format(site_name=name, underline="=" * len(name), pages=pages,
                               date=f"{today.day}.{today.month}.{today.year}"),
            encoding="utf-8", newline="\r\n")  # CRLF: readable in Windows' Notepad as well
        unpacked = sum(path.stat().st_size for path in site.rglob("*") if path.is_file())
        pack(site, zip_path, folder)

    size = zip_path.stat().st_size
    shown = os.path.relpath(zip_path) if zip_path.is_relative_to(Path.cwd()) else str(zip_path)
    print(f"Offline bundle: {shown}")
    print(f"Size: {human_size(size)} ({size} bytes; unpacked {human_size(unpacked)})")
    print(f"Pages: {pages}")
    print(f"Open {folder}/index.html after unpacking.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
