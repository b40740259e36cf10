"""Message catalogues: every reader-visible string of generated pages comes from them, in every
language, with real plural forms (issue 11 item 4: "1 Fälle" must never appear)."""
import ast
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from jinja2 import Environment

from conftest import ROOT, built_site, make_tree
from corpus import ALL

PACKAGE = ROOT / "hooks" / "municipal_handbook"
TEMPLATES = PACKAGE / "templates"
# Domain modules whose strings end up in pages (the others speak to editors or developers).
PAGE_MODULES = ("render.py", "site.py")
GETTEXT = {"_", "gettext", "ngettext", "pgettext", "npgettext"}
# Attributes a reader hears or sees (screen readers read labels; browsers show titles).
READER_ATTRIBUTES = re.compile(r'\b(aria-label|aria-description|title|alt|placeholder)="([^"]*)"')
LETTER = re.compile(r"[^\W\d_]")


def catalogues():
    from municipal_handbook.i18n import catalogue_path, languages

    found = languages()
    assert {"de", "en"} <= set(found), found
    return {language: catalogue_path(language) for language in found}


def extracted_messages() -> dict[str, tuple[str, int]]:
    """Every message the code and templates ask for, as `pybabel extract` finds it (README)."""
    with (PACKAGE / "locale" / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    messages = {}
    for filename, line, message, _comments, _context in extract_from_dir(str(PACKAGE), method_map, options_map):
        key = message[0] if isinstance(message, tuple) else message
        messages.setdefault(key, (filename, line))
    return messages


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_message_has_a_complete_translation(language):
    path = catalogues()[language]
    with path.open("rb") as po:
        catalogue = read_po(po)
    wanted = extracted_messages()
    entries = {(m.id[0] if isinstance(m.id, tuple) else m.id): m for m in catalogue if m.id}
    missing = [f"{file}:{line}: {message!r}" for message, (file, line) in wanted.items() if message not in entries]
    assert not missing, f"{path.name} ({language}) lacks these messages; run the commands in README 'Languages':\n" \
                        + "\n".join(missing)
    unused = sorted(set(entries) - set(wanted))
    assert not unused, f"{path} holds messages no template or module asks for: {unused}"
    for message in entries.values():
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(forms) and not message.fuzzy, f"{path}: untranslated or fuzzy: {message.id!r}"
    problems = [(message.id, [str(e) for e in errors]) for message, errors in catalogue.check()]
    assert not problems, f"{path}: placeholders differ from the message id: {problems}"


def _literal_text(template: Path) -> list[tuple[int, str]]:
    """(line, text) of words a template prints itself, outside `{{ }}` and `{% %}`."""
    source = template.read_text(encoding="utf-8")
    tokens = Environment(extensions=["jinja2.ext.i18n"]).lex(source)
    # The template's own text, with a placeholder for every expression (tags span both).
    text, lines = [], []
    calls, previous = [], None
    found = []
    for line, kind, value in tokens:
        if kind == "data":
            text.append(value)
            lines += [line] * len(value)
        elif kind in ("variable_begin", "block_begin"):
            text.append("\0")
            lines.append(line)
        elif kind == "operator" and value == "(":
            calls.append(previous[2] if previous and previous[1] == "name" else "")
        elif kind == "operator" and value == ")" and calls:
            calls.pop()
        elif kind == "string" and not GETTEXT & set(calls) and _words(value):
            found.append((line, value))
        previous = (line, kind, value)
    joined = "".join(text)
    for tag in re.finditer(r"<[^>]*>", joined):
        for attribute in READER_ATTRIBUTES.finditer(tag.group()):
            if LETTER.search(attribute.group(2)):
                found.append((lines[tag.start()], attribute.group()))
    attribute_list = r'\{ (?:[#.][\w-]+|[\w-]+="[^"]*")(?: (?:[#.][\w-]+|[\w-]+="[^"]*"))* \}'  # { #id }
    stripped = re.sub(rf"<[^>]*>|{attribute_list}|&\w+;", lambda m: " " * len(m.group()), joined)
    for word in re.finditer(r"[^\W\d_]+", stripped):
        found.append((lines[word.start()], word.group()))
    return found


def _words(value: str) -> bool:
    """A string a reader could read: a capitalised or non-ASCII word, or words with a space."""
    value = re.sub(r"<[^>]*>", " ", value)
    return bool(re.search(r"[A-ZÄÖÜ][a-zäöüß]{2}|(?=[^\x00-\x7f])[^\W\d_]|[a-z]+\s+[a-z]+", value))


def test_templates_hold_no_reader_visible_literal():
    found = [f"{template.relative_to(ROOT)}:{line}: {text!r}"
             for template in sorted(TEMPLATES.rglob("*.j2")) for line, text in _literal_text(template)]
    assert not found, "put these into the message catalogues with _() or ngettext() (README 'Languages'):\n" \
                      + "\n".join(found)


def test_the_literal_check_finds_words_in_text_attributes_and_strings(tmp_path):
    template = tmp_path / "bad.md.j2"
    template.write_text('# Fälle\n<p aria-label="Eckdaten">{{ _("Key facts") }}</p>\n'
                        "{{ m.empty_state('Noch kein Fall.') }} · {{ x }} { #faelle }\n", encoding="utf-8")
    assert [text for _line, text in _literal_text(template)] == [
        "'Noch kein Fall.'", 'aria-label="Eckdaten"', "Fälle"]


def test_page_modules_hold_no_reader_visible_literal():
    messages = set()  # a bare catalogue word ("online") is reader-visible too
    for path in catalogues().values():
        with path.open("rb") as po:
            messages |= {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(po) if m.id}
    found = []
    for name in PAGE_MODULES:
        tree = ast.parse((PACKAGE / name).read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                      and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
        translated = {id(arg) for node in ast.walk(tree) if isinstance(node, ast.Call)
                      and (getattr(node.func, "id", None) or getattr(node.func, "attr", None)) in GETTEXT
                      for arg in node.args}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
                    and id(node) not in translated and (_words(node.value) or node.value in messages)):
                found.append(f"{name}:{node.lineno}: {node.value!r}")
    assert not found, "reader-visible strings belong in the catalogues:\n" + "\n".join(found)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return built_site(tmp_path_factory, "plurals", ALL)


def test_counts_use_real_plural_forms_in_text_and_labels(site):
    """The fixture has one dialogue event with two methods, one expert secondment with one method
    and no deep dive (whose English name is its German one, so it is not repeated)."""
    overview = re.sub(r"<[^>]+>", " ", site.html("instruments/"))
    overview = " ".join(overview.split())
    assert "Dialogveranstaltung (Dialogue event) 1 Fall · 2 Methoden" in overview
    assert "Expertenentsendung (Expert secondment) 1 Fall · 1 Methode" in overview
    assert "Deep Dive 0 Fälle · 0 Methoden" in overview
    for page in site.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        wrong = re.findall(r"(?<![\d.,])1 (?:Fälle|Methoden|Quellen)\b", html)
        assert not wrong, f"{page.relative_to(site.site)}: {wrong}"


def test_english_and_german_plurals_and_numbers_come_from_the_catalogues(tmp_path):
    from municipal_handbook import load_handbook
    from municipal_handbook.render import Renderer

    handbook = load_handbook(make_tree(tmp_path, ALL)).handbook
    german, english = Renderer(handbook, "de"), Renderer(handbook, "en")
    for n, de, en in [(1, "1 Fall", "1 case"), (2, "2 Fälle", "2 cases"), (1234, "1.234 Fälle", "1,234 cases")]:
        assert german._ngettext("%(num)s case", "%(num)s cases", n) == de
        assert english._ngettext("%(num)s case", "%(num)s cases", n) == en
    page = english.render("instruments.md.j2", url=lambda path: path, title="Instruments", trail=[])
    assert "1 case · 2 methods" in page and "1 case · 1 method" in page and "0 cases · 0 methods" in page
    matrix = english.render("snippets/matrix.md.j2", url=lambda p: p)
    assert ">Cases per sector</th>" in matrix and 'data-label="total"' in matrix


def test_both_editions_navigate_to_the_same_pages_in_the_same_order():
    """The navigation is written once per edition (its titles differ): the pages must not."""
    def nav_targets(name: str) -> list[str]:
        block = (ROOT / name).read_text(encoding="utf-8").partition("\nnav:\n")[2]
        return re.findall(r"^  - [^:]+: (\S+)$", block.split("\n\n")[0], re.M)

    assert nav_targets("mkdocs.en.yml") == nav_targets("mkdocs.yml") != []
