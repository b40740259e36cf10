"""MkDocs adapter: load and check the handbook, add its pages, render them from the domain.

Everything about methods, cases and indexes lives in `municipal_handbook`; this file only
translates MkDocs events into calls to it. The package is imported here at the top
because MkDocs puts this folder on sys.path only while this file first executes.
"""
from __future__ import annotations

import functools
import html
import logging
import multiprocessing
import os
import posixpath
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from jinja2 import BytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

import municipal_handbook
from municipal_handbook import cards, csp, language_parts, sanitiser, search
from municipal_handbook.case_data import CASES_SCRIPT, cases_script
from municipal_handbook.contribution import contribution_settings
from municipal_handbook.editions import Editions
from municipal_handbook.export import DATA_FILES
from municipal_handbook.form import FORM_DATA, case_form_script
from municipal_handbook.pictures import PICTURES_SETTING, pictures_wanted
from municipal_handbook.problems import content_problems, message_language
from municipal_handbook.render import Renderer
from municipal_handbook.site import SEARCH_PAGE, PageSizes, Preview, breadcrumb, plan_pages
from municipal_handbook.weblinks import link_addresses

log = get_plugin_logger(__name__)
PROBLEMS_PAGE = "vorschau-probleme.md"  # under `mkdocs serve` only, while the content has problems

# mkdocs-macros reports on every build, at INFO, how it found main.py and every variable and macro:
# nothing a contributor can act on. Its warnings and errors still show; `--verbose` shows it all.
if not logging.getLogger("mkdocs").isEnabledFor(logging.DEBUG):
    logging.getLogger("mkdocs.plugins.mkdocs_macros.util").setLevel(logging.WARNING)


class _Build:
    """What one build knows: the handbook, its page plans and the files to link between."""

    root: Path
    handbook: municipal_handbook.Handbook
    renderer: Renderer
    plans: dict
    files: Files
    page = None  # the page being rendered, for links from editorial macros
    preview: Preview | None = None  # under `mkdocs serve --dirty`: what the previous build knew
    built: set  # URLs of the pages rendered in this build
    serving = False  # under `mkdocs serve`: content problems are shown, not fatal
    problems = ()  # the content problems the preview shows
    marked = None  # the navigation entry marked as the current page's section
    printer: ProcessPoolExecutor | None = None  # lays out method cards beside the build
    cards = None  # the future of this build's cards: {path in the site: PDF}
    pictures = True  # map, timelines and method cards (HANDBOOK_PICTURES=off leaves them out)
    removed: list  # problems: markup the sanitiser removed from contributed bodies
    command = "build"
    editions: Editions  # the languages of the handbook and where each edition lives
    others: list  # the other editions' builds, running beside this one (main edition only)
    untranslated: set = set()  # editorial pages this edition shows in the original language
    foreign_headings: dict  # page -> its headings in another language than the edition's
    generated: dict  # generated page -> its HTML blocks, set aside until its Markdown is HTML
    editorial: dict  # editorial page -> its search document, kept between preview builds
    search_writer = None  # under `mkdocs serve`: the process writing the last build's search index


build = _Build()


def on_startup(command, dirty):
    # `mkdocs serve --dirty` keeps this module between builds: only pages whose inputs
    # changed are built again. Every other command builds everything, as before.
    build.preview = Preview() if command == "serve" and dirty else None
    # Under `mkdocs serve` content problems are shown in the browser instead of stopping the
    # build (which leaves the browser waiting); `mkdocs build` still stops on them.
    build.serving = command == "serve"
    build.command = command
    build.theme_templates = _TemplateCache()
    build.editorial = {}


class _TemplateCache(BytecodeCache):
    """The theme's compiled templates, kept between preview builds (MkDocs makes a new Jinja
    environment for every build and would compile them all again); checked against the source."""

    def __init__(self):
        self.compiled = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def on_config(config):
    _finish_search_index(wait=False)  # before MkDocs may empty the site folder
    build.root = Path(config.config_file_path).resolve().parent
    try:
        build.editions = Editions.from_settings(config.theme["language"], config.extra.get("editions"))
    except ValueError as error:
        raise PluginError(f"{config.config_file_path}: {error}") from None
    try:
        build.pictures = pictures_wanted(os.environ.get(PICTURES_SETTING))
    except ValueError as error:
        raise PluginError(str(error)) from None
    build.contribution, problems = contribution_settings(config.extra.get("handbook"))
    if problems:
        raise PluginError("\n".join(problem.format() for problem in problems))
    if build.contribution.repository and not config.edit_uri:
        config.edit_uri = build.contribution.edit_uri
    if build.preview:  # every page depends on the configuration: a change to it rebuilds all
        if build.preview.settings(Path(config.config_file_path).read_bytes()):
            build.theme_templates = _TemplateCache()
    # The offline plugin (before this hook) adds a CDN address of the iframe-worker polyfill, which
    # ran the theme's search worker from file://; the handbook's search needs no worker.
    config.extra["polyfills"] = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
    macros = config.plugins.get("macros")
    if macros is not None:  # main.py defines the editorial macros; they ask this build through it
        macros.register_variables({"handbook_build": _Editorial()})
    return config


def on_files(files: Files, config) -> Files:
    preview = build.preview
    cache = preview.cache if preview else None
    load = municipal_handbook.load_for_preview if build.serving else municipal_handbook.load_handbook
    # Markup the sanitiser removes is found in the rendered pages (on_page_content), not by
    # rendering every body once more here; except in the preview, which lists every problem up
    # front and leaves the files out (the load cache renders a body again only when it changed).
    result = load(build.root, cache, render_markup=build.serving)
    build.problems = result.problems
    if result.problems:
        report = "\n".join(problem.format() for problem in result.problems)
        if result.handbook is None:
            raise PluginError(f"{content_problems(result.problems)}:\n{report}")
        log.warning(f"{content_problems(result.problems)}, listed on "
                    f"/{PROBLEMS_PAGE.removesuffix('.md')}/ (files with problems are left out):\n{report}")
        if preview:
            preview.forget()  # every page shows the banner, and again without it once fixed
    build.handbook = result.handbook.edition(build.editions.language)
    build.renderer = Renderer(build.handbook, build.editions.language, pictures=build.pictures)
    _editorial_translations(files, config)
    build.others = _start_other_editions(config)
    build.plans = plan_pages(build.handbook, build.renderer.language.gettext, build.renderer.formats.label,
                             build.renderer.formats.country_name, PageSizes(**config.extra.get("page_sizes", {})))
    build.built = set()
    build.removed = []
    build.foreign_headings = {}
    build.generated = {}
    if preview:
        changed = preview.changed(build.handbook, build.plans, {f.src_uri for f in files.documentation_pages()})
        for file in files.documentation_pages():  # editorial pages may show live figures
            file.is_modified = lambda original=file.is_modified: preview.corpus_changed or original()
    for plan in build.plans.values():
        if plan.source_path:
            file = File(plan.path, src_dir=str(build.root), dest_dir=config.site_dir,
                        use_directory_urls=config.use_directory_urls)
            # The edit link must open the contributor's real file, not a path under docs/.
            file.edit_uri = os.path.relpath(build.root / plan.source_path, config.docs_dir).replace(os.sep, "/")
        else:
            file = File.generated(config, plan.path, content="")
        if preview:
            file.is_modified = _modified(file, plan.path in changed)
        files.append(file)
    build.cards = None
    if build.pictures:
        _print_cards(files, config)
    exports = {**DATA_FILES, CASES_SCRIPT: lambda _: cases_script(  # the edition's cases, as its pages show them
        build.handbook, build.renderer.formats, lambda path: files.get_file_from_path(path).url)}
    data = (preview.data_files(result.handbook, exports) if preview
            else {path: export(result.handbook) for path, export in exports.items()})
    for path, content in data.items():
        files.append(File.generated(config, path, content=content))
    files.append(File.generated(config, FORM_DATA, content=case_form_script(result.handbook, build.contribution)))
    if build.problems:
        files.append(File.generated(config, PROBLEMS_PAGE, content=_problems_page(config),
                                    inclusion=InclusionLevel.NOT_IN_NAV))
    build.files = files
    return files


def _problems_page(config) -> str:
    language = message_language() if os.environ.get("HANDBOOK_LANG") else config.theme["language"][:2]
    problems = [{"where": f"{p.path}:{p.line}" if p.line else p.path, "field": p.field,
                 "message": p.message(language)} for p in build.problems]
    return build.renderer.render("preview_problems.md.j2", url=str, problems=problems,
                                 files=len({p.path for p in build.problems}))


def _editorial_translations(files: Files, config) -> None:
    """An edition shows `docs/<page>.<lang>.md` at the address of `docs/<page>.md`; pages without
    one are remembered, to be shown in the original under a notice."""
    build.untranslated = set()
    if build.editions.is_main:
        return
    suffix = f".{build.editions.language}.md"
    for file in list(files.documentation_pages()):
        if build.editions.is_translation(file.src_uri):
            continue
        translated = Path(file.abs_src_path).with_suffix(suffix)
        if not translated.is_file():
            build.untranslated.add(file.src_uri)
            continue
        files.remove(file)
        files.append(File.generated(config, file.src_uri, abs_src_path=str(translated)))


def _start_other_editions(config) -> list:
    """The main edition's `mkdocs build` builds the other editions too, beside it (another
    process, so the second core works too), each into its folder of this site."""
    if build.command != "build" or not build.editions.is_main:
        return []
    others = []
    for edition in build.editions.others_to_build(os.environ.get("HANDBOOK_EDITIONS")):
        command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(build.root / edition.config),
                   "--site-dir", os.path.join(config.site_dir, edition.path)]
        if config.strict:
            command.append("--strict")
        others.append((edition, subprocess.Popen(command, cwd=build.root, stdout=subprocess.PIPE,
                                                 stderr=subprocess.STDOUT, text=True,
                                                 env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})))
    return others


def _finish_other_editions() -> None:
    for edition, process in build.others:
        output, _ = process.communicate()
        if process.returncode:
            raise PluginError(f"the {edition.language!r} edition ({edition.config}) failed:\n{output}")
        if output.strip():
            log.warning(f"{edition.config}: {output.strip()}")
    build.others = []


def _card_worker() -> ProcessPoolExecutor:
    """The process that lays out method cards. It leaves when the build's process is gone: a
    server stopped by a signal shuts nothing down, and the worker would wait for work forever."""
    return ProcessPoolExecutor(max_workers=1, initializer=_leave_with, initargs=(os.getpid(),))


def _leave_with(parent: int) -> None:
    def watch():
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, name="parent watch", daemon=True).start()


def _print_cards(files: Files, config) -> None:
    """Method cards are laid out in a worker process while MkDocs builds the pages, and written
    over their placeholders after the build (on_post_build); a card whose inputs did not change
    comes from the cache in .cache/handbook-cards/."""
    if build.printer is None:
        build.printer = _card_worker()
    build.cards = build.printer.submit(
        cards.print_cards, build.handbook, build.editions.language, config.site_url,
        config.use_directory_urls, config.site_name, str(build.root / ".cache" / "handbook-cards"))
    for method in cards.deck_order(build.handbook):
        files.append(File.generated(config, method.card_path, content=b""))
    files.append(File.generated(config, municipal_handbook.model.CARD_DECK, content=b""))


def _modified(file: File, changed: bool):
    return lambda: changed or not os.path.isfile(file.abs_dest_path)


@event_priority(100)  # before the macros plugin: contributed pages are never templates
def on_page_markdown(markdown: str, page, config, files) -> str:
    build.page = page
    banner = _problems_banner(page) if build.problems else ""
    plan = build.plans.get(page.file.src_uri)
    if plan is None:  # an editorial page from docs/: its source list too
        markdown = link_addresses(markdown)
        if page.file.src_uri in build.untranslated:  # shown in German, under a notice, as lang="de"
            markdown = build.renderer.untranslated_page(markdown, build.editions.main.language, _links_from(page))
        return banner + markdown
    # Contributors' front matter must not steer the theme or the macros plugin.
    page.meta = {"render_macros": False, "title": html.escape(plan.title)}
    if plan.wide:
        page.meta["hide"] = ["toc"]
    if page.edit_url:  # ".../edit/main/docs/../cases/x.md" -> ".../edit/main/cases/x.md"
        parts = urlsplit(page.edit_url)
        page.edit_url = urlunsplit(parts._replace(path=posixpath.normpath(parts.path)))
    generated = build.generated[page.file.src_uri] = build.renderer.render_page(
        plan.template, url=_links_from(page), title=plan.title, trail=breadcrumb(build.plans, plan), **plan.context())
    return banner + generated.markdown


def _problems_banner(page) -> str:
    if page.file.src_uri == PROBLEMS_PAGE:
        return ""
    return build.renderer.render("snippets/preview_banner.md.j2", url=_links_from(page), page=PROBLEMS_PAGE,
                                 count=len(build.problems))


def on_serve(server, config, builder):
    """`mkdocs serve` writes an inline live-reload script into every page it serves: the
    page's policy allows that one script by its hash (the built files stay as in a build)."""
    inject = getattr(server, "_inject_js_into_html", None)
    if inject is None:  # another MkDocs version: pages are served without live reload
        return server

    def inject_allowed(content: bytes, epoch) -> bytes:
        page = inject(content, epoch).decode("utf-8")
        end = page.rindex("</script>")
        script = page[page.rindex("<script>", 0, end) + len("<script>"):end]
        return csp.allow_script(page, script).encode("utf-8")

    server._inject_js_into_html = inject_allowed
    return server


def on_env(env, config, files):
    if build.preview:
        env.bytecode_cache = build.theme_templates
    return env


def on_page_context(context, page, config, nav):
    """A case, method, instrument or sector page is not in the navigation: mark its section's
    overview page there instead, so readers see where they are (also in the phone menu)."""
    plan = build.plans.get(page.file.src_uri)
    build.marked = None
    if plan and plan.section:
        build.marked = next((p for p in nav.pages if p.file.src_uri == plan.section), None)
        if build.marked:
            build.marked.active = True
    return context


def on_page_content(html, page, config, files):
    """Contributed bodies are sanitised where their Markdown has become HTML; what that removes
    is a problem of the file, reported after the build (the page is never silently different).
    Headings in another language than the edition's are remembered for the theme's copies of them."""
    generated = build.generated.pop(page.file.src_uri, None)
    if generated:
        html = generated.fill(html)
    headings = build.foreign_headings[page.file.src_uri] = language_parts.foreign_headings(html, build.editions.language)
    if headings:
        html = language_parts.mark_permalinks(html, build.editions.language)
    plan = build.plans.get(page.file.src_uri)
    if plan is None and page.file.src_uri != PROBLEMS_PAGE:  # an editorial page: searched by its text
        language = build.editions.main.language if page.file.src_uri in build.untranslated else build.editions.language
        build.editorial[page.file.src_uri] = search.page_document(page.file.url, page.title or "", html, language)
    if plan is None or not plan.source_path:
        return html  # editorial and generated pages: no contributed body
    item = build.handbook.by_source_path[plan.source_path]
    build.removed += sanitiser.body_problems(plan.source_path, item.body, item.body_line,
                                            html=sanitiser.contributed_body(html))
    return sanitiser.sanitise_page(html)


def on_post_page(output, page, config):
    build.built.add(page.url)
    output = build.editions.link_twins(output, page.url)
    output = _search_form(output, _links_from(page))
    output = language_parts.mark_repeated_headings(output, build.foreign_headings.pop(page.file.src_uri, []))
    if build.marked:
        build.marked.active = False
        build.marked = None
    return csp.with_script_hashes(output)


NOT_FOUND_MARKER = "<!-- hb-not-found -->"
SEARCH_FORM_MARKER = "<!-- hb-search-form -->"  # in overrides/partials/header.html


def _search_form(output: str, url) -> str:
    form = build.renderer.render("snippets/search_form.html.j2", url=url, search_page=SEARCH_PAGE)
    return output.replace(SEARCH_FORM_MARKER, form, 1)


def on_post_template(output, template_name, config):
    """The theme's 404 page is a template, not a page: its language links, its policy's hashes,
    and its text from the catalogue (overrides/404.html) with links from the site's root, since
    the server shows it at whatever address was missing."""
    if template_name != "404.html":
        return output
    output = build.editions.link_twins(output, template_name)
    root = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    url = _links("404.html", lambda target: root + target.removeprefix("./"))
    output = output.replace(NOT_FOUND_MARKER, build.renderer.render("not_found.html.j2", url=url, search_page=SEARCH_PAGE))
    output = _search_form(output, url)
    return csp.with_script_hashes(output)


def on_post_build(config):
    for path, pdf in build.cards.result().items() if build.cards else ():  # the worker's error, if any, fails the build
        Path(config.site_dir, path).write_bytes(pdf)
    if build.removed:
        report = "\n".join(problem.format() for problem in build.removed)
        raise PluginError(f"{content_problems(build.removed)}:\n{report}")
    _write_search_index(config)
    _finish_other_editions()
    if not build.preview:
        return
    stale = Path(config.site_dir) / PROBLEMS_PAGE.removesuffix(".md")
    if not build.problems and stale.is_dir():  # the problems are fixed: their page goes too
        shutil.rmtree(stale)
    build.preview.commit()


def _write_search_index(config) -> None:
    """The edition's search index into search/ of its site. Under `mkdocs serve` a forked
    process writes it beside the server, so the edited page is served first and its search
    follows seconds later (at 5,000 cases the index takes longer than the page; in a thread it
    would also slow the server's file watcher)."""
    pages = {file.src_uri for file in build.files.documentation_pages()}
    build.editorial = {path: doc for path, doc in build.editorial.items() if path in pages}
    files = build.files
    write = functools.partial(
        _write_index_files, build.handbook, build.renderer.formats,
        lambda path: files.get_file_from_path(path).url, list(build.editorial.values()),
        build.editions.language, Path(config.site_dir, search.FOLDER))
    if not build.serving:
        write()
        return
    build.search_writer = multiprocessing.get_context("fork").Process(
        target=_write_in_child, args=(write,), name="search index", daemon=True)
    build.search_writer.start()


def _write_in_child(write) -> None:
    try:
        write()
    except Exception as error:  # the server's log shows it; the next build writes the index again
        sys.stderr.write(f"ERROR   -  the preview's search index was not written: {error}\n")
        sys.exit(1)


def _finish_search_index(wait: bool) -> None:
    """The previous build's index writer: waited for, or stopped, since this build writes its
    own (a file it left half written differs from the new one, so it is written again)."""
    writer, build.search_writer = build.search_writer, None
    if writer is None:
        return
    if not wait:
        writer.terminate()
    writer.join()


def _write_index_files(handbook, formats, url, editorial, language, folder: Path) -> None:
    """Only files whose bytes changed are written (a live preview); files no longer part of the
    index are removed."""
    documents = search.handbook_documents(handbook, formats, url)
    files = search.SearchIndex().files(documents + editorial, language)
    site = folder.parent
    for old in folder.rglob("*.js") if folder.is_dir() else ():
        if old.relative_to(site).as_posix() not in files:
            old.unlink()
    for path, content in files.items():
        target = site / path
        if not target.is_file() or target.read_bytes() != content:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)


def on_build_error(error):
    for _edition, process in getattr(build, "others", []):
        process.kill()
        process.wait()
    build.others = []
    if build.preview:
        build.preview.forget()  # the site may be half written: the next build builds everything


def _links_from(page):
    return _links(page.file.src_uri, lambda target: get_relative_url(target, page.file.url))


def _links(where: str, href):
    """A page path -> the address of its file, written by `href`; a missing page stops the build."""
    def url(path: str) -> str:
        target = build.files.get_file_from_path(path)
        if target is None:
            raise PluginError(f"{where}: generated link to missing page {path}")
        return href(target.url)

    return url


class _Editorial:
    """What the editorial macros in main.py ask of this build: the handbook, its snippets (links
    relative to the page being rendered) and where contributions go."""

    @property
    def handbook(self):
        return build.handbook

    @property
    def contribution(self):
        return build.contribution

    def snippet(self, template: str, **context) -> str:
        return build.renderer.render(f"snippets/{template}", url=_links_from(build.page), **context)

    def fail(self, message: str):
        raise PluginError(f"{build.page.file.src_uri}: {message}")


def on_shutdown():
    _finish_search_index(wait=True)
    if build.printer is not None:  # before the interpreter's exit tears down what it needs
        build.printer.shutdown()
        build.printer = None
