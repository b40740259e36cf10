"""The English edition from the same sources: translation files beside their originals, what
`check` says about them, and the honest fallback for cases and methods not yet translated."""
import json
import re
import textwrap

import jsonschema
import pytest

from conftest import ROOT, built_site, make_tree
from corpus import ALL

ORIGINAL = "cases/2017-06-01-testdialog.md"


def _fingerprint(path: str) -> str:
    from municipal_handbook.source import parse_document
    from municipal_handbook.translation import fingerprint

    document, problems = parse_document(path, textwrap.dedent(ALL[path]).lstrip("\n"))
    assert not problems
    return fingerprint(document)


def translation_file(translated_from: str | None = None, extra: str = "", recommendations: int = 4) -> str:
    texts = ["Plan early.", "Collect good practices beforehand.", "Knowledge flows both ways.",
             "Cycle lanes alone are not enough."][:recommendations]
    lines = ["---", "title: Test dialogue on mobility (example)"]
    if translated_from:
        lines.append(f"translated_from: {translated_from}")
    lines.append("recommendations:")
    lines += [f"  - text: {text}" for text in texts]
    lines += [extra] if extra else []
    lines += ["---", "Test report with the word wrenfeather.", ""]
    return "\n".join(lines)


GROUPS = "participant_groups: {Verwaltung: Administration, Unternehmen: Companies}"
UNTRANSLATED = "cases/2018-03-01-testworkshop.md"
# Headings of the untranslated report: the theme repeats them in its table of contents.
GERMAN_HEADINGS = "## Ablauf vor Ort\n\nTestbericht.\n\n## Ergebnisse der Gruppen\n\nMehr."


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    original = textwrap.dedent(ALL[UNTRANSLATED]).lstrip("\n")
    files = {**ALL, "cases/2017-06-01-testdialog.en.md": translation_file(_fingerprint(ORIGINAL), GROUPS),
             UNTRANSLATED: original.replace("Testbericht.", GERMAN_HEADINGS)}
    return built_site(tmp_path_factory, "translations", files)


def text(html: str) -> str:
    article = html[html.index("<article"):html.index("</article>")]
    return " ".join(re.sub(r"<[^>]+>", " ", article).split())


def test_translated_case_shows_its_translation_with_english_facts(site):
    html = site.html("en/cases/2017-06-01-testdialog/")
    assert '<html lang="en"' in html
    page = text(html)
    assert "Test dialogue on mobility (example)" in page and "wrenfeather" in page
    assert "Zaunkönigsfeder" not in page and "available in German only" not in page
    assert "1–3 June 2017" in page and "Teststadt, Germany" in page and "Date" in page
    assert "Plan early." in page and "Cycle lanes alone are not enough." in page
    assert "Participants 15 in total: Administration 10, Companies 5" in page
    # The German edition keeps the German original.
    german = text(site.html("cases/2017-06-01-testdialog/"))
    assert "Testdialog Mobilität (Beispiel)" in german and "Zaunkönigsfeder" in german
    assert "wrenfeather" not in german and "1.–3. Juni 2017" in german


def test_untranslated_case_shows_english_labels_then_german_text_marked_as_german(site):
    html = site.html("en/cases/2018-03-01-testworkshop/")
    page = text(html)
    assert "This report is available in German only." in page
    assert "Key facts" not in page  # an aria-label, not text
    assert "Place" in page and "Beispielstadt, North Macedonia" in page and "Local project workshop" in page
    assert re.search(r'<h1 id="[^"]*" lang="de">Testworkshop Radverkehr', html)
    body = re.search(r'<div lang="de">(.*?)</div>', html, re.S)
    assert body and "Testbericht." in body.group(1)


def test_index_pages_mark_untranslated_entries(site):
    html = site.html("en/cases/")
    translated = re.search(r'<a href="[^"]*2017-06-01-testdialog/">([^<]+)</a>(.{0,40})', html)
    assert translated.group(1) == "Test dialogue on mobility (example)" and "(in German)" not in translated.group(2)
    untranslated = re.search(r'<a href="[^"]*2018-03-01-testworkshop/" lang="de">([^<]+)</a> '
                             r'<span class="hb-lang">\(in German\)</span>', html)
    assert untranslated and untranslated.group(1) == "Testworkshop Radverkehr (Beispiel)"


def test_status_page_lists_every_case_and_method_per_language(site):
    page = text(site.html("en/translations/"))
    assert re.search(r"Test dialogue on mobility \(example\) original translated", page)
    assert re.search(r"Testworkshop Radverkehr \(Beispiel\) \(in German\) original not translated", page)
    assert "1 of 7 pages is available in English." in page and "7 of 7 pages are available in German." in page
    german = text(site.html("translations/"))
    assert "Testworkshop Radverkehr (Beispiel) Original nicht übersetzt" in german


def test_open_data_names_everything_in_both_languages(site):
    """A reuser building an English list needs no second lookup: labels, country names and the
    translated words are in the files, the facts once (the original's)."""
    data = {name: json.loads((site.site / "data" / f"{name}.json").read_text(encoding="utf-8"))
            for name in ("cases", "methods", "taxonomy", "countries")}
    for name, content in data.items():
        jsonschema.validate(content, json.loads((ROOT / "docs" / "data" / f"{name}.schema.json").read_text()))
    mobility = next(s for s in data["taxonomy"]["sectors"] if s["key"] == "mobility")
    assert mobility["label"] == {"de": "Mobilität", "en": "Mobility"}
    workshop = next(i for i in data["taxonomy"]["instruments"] if i["key"] == "local-project-workshop")
    assert workshop["label"]["en"] == "Local project workshop" and workshop["description"]["en"]
    assert next(c for c in data["countries"]["countries"] if c["code"] == "MK")["name"] == \
        {"de": "Nordmazedonien", "en": "North Macedonia"}
    cases = {c["slug"]: c for c in data["cases"]["cases"]}
    dialogue = cases["2017-06-01-testdialog"]
    assert dialogue["title"] == "Testdialog Mobilität (Beispiel)" and dialogue["language"] == "de"
    assert dialogue["translations"]["en"]["title"] == "Test dialogue on mobility (example)"
    assert dialogue["translations"]["en"]["recommendations"][0] == "Plan early."
    assert dialogue["translations"]["en"]["outdated"] is False
    assert cases["2018-03-01-testworkshop"]["translations"] == {}
    assert all(m["translations"] == {} and m["language"] == "de" for m in data["methods"]["methods"])
    # The English edition publishes the same files: one set of facts, whichever edition is read.
    assert (site.site / "en" / "data" / "cases.json").read_bytes() == (site.site / "data" / "cases.json").read_bytes()


def test_language_switcher_and_hreflang_lead_to_the_same_page(site):
    for page, twin in [("cases/2017-06-01-testdialog/", "en/cases/2017-06-01-testdialog/"),
                       ("", "en/"), ("instruments/dialogue-event/", "en/instruments/dialogue-event/")]:
        for start, other, lang in [(page, twin, "en"), (twin, page, "de")]:
            html = site.html(start)
            links = re.findall(rf'<a href="([^"]+)" hreflang="{lang}" class="md-select__link">', html)
            alternates = re.findall(rf'<link rel="alternate " href="([^"]+)" hreflang="{lang}">', html)
            assert links and links == alternates, start
            target = (site.site / start / links[0]).resolve()
            assert target == (site.site / other).resolve(), (start, links[0])


def load(tmp_path, files):
    from municipal_handbook import load_handbook

    return load_handbook(make_tree(tmp_path, {**ALL, **files}))


def test_check_reports_orphans_facts_and_wrong_recommendations(tmp_path):
    result = load(tmp_path, {
        "cases/2017-06-02-gibtsnicht.en.md": translation_file(),
        "cases/2017-06-01-testdialog.en.md": translation_file(extra="date: 2017-06-01", recommendations=3),
        "cases/2018-03-01-testworkshop.fr.md": translation_file(),
    })
    found = {(p.path, p.field, p.code): p for p in result.problems}
    orphan = found[("cases/2017-06-02-gibtsnicht.en.md", "file name", "translation-orphan")]
    assert "cases/2017-06-02-gibtsnicht.md does not exist" in orphan.message("en")
    fact = found[("cases/2017-06-01-testdialog.en.md", "date", "translation-fact")]
    assert fact.line == 7 and "delete this line" in fact.message("en")
    assert ("cases/2017-06-01-testdialog.en.md", "recommendations", "translation-recommendations") in found
    language = found[("cases/2018-03-01-testworkshop.fr.md", "file name", "translation-language")]
    assert "allowed: en" in language.message("en")
    assert result.handbook is None


def test_a_translation_words_facts_without_changing_them(tmp_path):
    """Participant groups, a method's duration and group size are facts of the original: a
    translation may give their English wording, with the original's numbers, for facts the
    original has."""
    method = "methods/besichtigung.md"
    fingerprint = _fingerprint(ORIGINAL)
    result = load(tmp_path / "good", {
        "cases/2017-06-01-testdialog.en.md": translation_file(fingerprint, GROUPS),
        "methods/besichtigung.en.md": "---\ntitle: Site visit\nsummary: Test data.\nduration: 2 hours\n---\nText.\n"})
    assert not result.problems, [p.message("en") for p in result.problems]
    english = result.handbook.translations
    assert english[(ORIGINAL, "en")].wording("participants", "Unternehmen") == "Companies"
    assert english[(method, "en")].wording("duration", "2 Stunden") == "2 hours"
    result = load(tmp_path / "bad", {
        "cases/2017-06-01-testdialog.en.md": translation_file(fingerprint, "participant_groups: {Verwaltung: Administration}"),
        "methods/besichtigung.en.md": "---\ntitle: Site visit\nsummary: Test data.\nduration: 3 hours\n"
                                      "group_size: 5 people\n---\nText.\n",
        "methods/gruppenarbeit.en.md": "---\ntitle: Group work\nsummary: Test data.\nparticipant_groups: {a: b}\n---\nText.\n"})
    found = {(p.path, p.field, p.code): p.message("en") for p in result.problems}
    groups = found[("cases/2017-06-01-testdialog.en.md", "participant_groups", "translation-groups")]
    assert "participant_groups: {Verwaltung: …, Unternehmen: …}" in groups
    numbers = found[("methods/besichtigung.en.md", "duration", "translation-numbers")]
    assert "'3 hours' has other numbers than the original's '2 Stunden'" in numbers
    assert ("methods/besichtigung.en.md", "group_size", "translation-fact") in found  # the original has none
    assert ("methods/gruppenarbeit.en.md", "participant_groups", "unknown-field") in found  # methods have none


def test_check_notes_a_translation_older_than_its_original_without_failing(tmp_path):
    result = load(tmp_path, {"cases/2017-06-01-testdialog.en.md": translation_file("0123456789ab")})
    assert not result.problems and result.handbook is not None
    (note,) = result.notes
    assert note.code == "translation-outdated" and note.line == 3
    assert f"translated_from: '{_fingerprint(ORIGINAL)}'" in note.message("en")
    english = result.handbook.edition("en")
    case = english.case_by_slug["2017-06-01-testdialog"]
    assert case.language == "en" and english.translation_state(case, "en") == "outdated"


def _pages(site_dir, edition: str = ""):
    root = site_dir / edition
    return sorted(p.relative_to(root) for p in root.rglob("*.html")
                  if edition or not p.relative_to(root).parts[0] == "en")


def test_every_page_has_its_twin_and_links_to_it(project_build):
    """Walks both editions of the real handbook: the same paths, and each page's language link
    and hreflang alternate lead to its twin."""
    site = project_build.site
    german, english = _pages(site), _pages(site, "en")
    assert len(german) > 100 and german == english
    for page in german:
        for edition, other, lang in (("", "en", "en"), ("en", "", "de")):
            html = (site / edition / page).read_text(encoding="utf-8")
            href = re.search(rf'<link rel="alternate " href="([^"]+)" hreflang="{lang}">', html).group(1)
            target = (site / edition / page).parent / href
            if target.is_dir() or href.endswith("/"):
                target = target / "index.html"
            assert target.resolve() == (site / other / page).resolve(), (edition, page, href)
        assert '<html lang="de"' in (site / page).read_text(encoding="utf-8")[:200]
        assert '<html lang="en"' in (site / "en" / page).read_text(encoding="utf-8")[:200]


class _Chrome(__import__("html.parser").parser.HTMLParser):
    """The text of a page outside <head>, scripts, and anything marked as another language than
    English (German content shown in the English edition)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack, self.text = [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attrs = dict(attrs)
        skip = tag in ("head", "script", "style", "svg", "code") or not (attrs.get("lang") or "en").startswith("en")
        self.stack.append((tag, skip or bool(self.stack and self.stack[-1][1])))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not (self.stack and self.stack[-1][1]):
            self.text.append(data)


def _catalogue_words(language):
    from babel.messages.pofile import read_po
    from municipal_handbook.i18n import catalogue_path

    with catalogue_path(language).open("rb") as po:
        strings = [s for m in read_po(po) if m.id for s in (m.string if isinstance(m.string, tuple) else (m.string,))]
    return {w.casefold() for s in strings for w in re.findall(r"[^\W\d_]{4,}", re.sub(r"<[^>]+>|%\(\w+\)s", " ", s))}


def test_english_edition_chrome_has_no_german_ui_words(project_build):
    import yaml

    taxonomy = yaml.safe_load((project_build.root / "taxonomy.yml").read_text(encoding="utf-8"))
    english = " ".join(f"{t['en']} {t.get('description_en', '')}" for terms in taxonomy.values() for t in terms.values())
    # Words of the German catalogue that are not English words of the catalogue or the taxonomy.
    german_only = _catalogue_words("de") - _catalogue_words("en") - {w.casefold() for w in re.findall(r"\w{4,}", english)}
    # German values of facts the English fact box shows: participant groups, a method's duration
    # and group size; and places whose city English writes otherwise ("Köln, Germany": a place as
    # pages show it, since translators keep "Köln" in proper names such as "StEB Köln").
    from babel import Locale
    from municipal_handbook import load_handbook
    from municipal_handbook.geography import city_names

    handbook = load_handbook(project_build.root).handbook
    facts = [text for case in handbook.cases for text in case.participants]
    facts += [text for method in handbook.methods for text in (method.duration, method.group_size) if text]
    places = {f"{city}, {Locale('en').territories[country]}" for (country, city), names in city_names().items()
              if names.get("de") == city != names.get("en")}
    assert "Köln, Germany" in places
    german_only |= {w.casefold() for w in re.findall(r"[^\W\d_]{4,}", " ".join(facts))} - {
        w.casefold() for w in re.findall(r"\w{4,}", english)}
    # Translators keep German proper names ("Kommunen in der Einen Welt"): their words are content.
    translated = [p.read_text(encoding="utf-8") for p in (project_build.root / "docs").glob("*.en.md")]
    for translation in handbook.translations.values():
        translated += [translation.title, translation.summary or "", translation.body, *translation.recommendations,
                       *(text for _, text in translation.participant_groups),
                       translation.duration or "", translation.group_size or ""]
    german_only -= {w.casefold() for w in re.findall(r"\w{4,}", " ".join(translated))}
    assert {"fälle", "methoden", "empfehlungen", "quelle", "fachleute", "minuten", "personen"} <= german_only
    found = {}
    for page in _pages(project_build.site, "en"):
        parser = _Chrome()
        html = (project_build.site / "en" / page).read_text(encoding="utf-8")
        parser.feed(html)
        # Every case and method is translated: its fact box is English, even the words marked German.
        fact_boxes = re.findall(r'<dl class="hb-facts".*?</dl>', html, re.S)
        text = " ".join(" ".join(parser.text + [re.sub(r"<[^>]+>", " ", box) for box in fact_boxes]).split())
        words = {w for w in re.findall(r"[^\W\d_]{4,}", text) if w.casefold() in german_only}
        words |= {place for place in places if place in text}
        if words:
            found[str(page)] = sorted(words)
    assert not found, found


def test_new_case_translate_writes_a_translation_to_fill_in_and_never_overwrites(tmp_path, capsys):
    from municipal_handbook import load_handbook
    from municipal_handbook.cli import main

    root = make_tree(tmp_path, ALL)
    assert main(["--root", str(root), "new-case", "--translate", "2017-06-01-testdialog"]) == 0
    written = root / "cases" / "2017-06-01-testdialog.en.md"
    text = written.read_text(encoding="utf-8")
    result = load_handbook(root)
    assert {p.field for p in result.problems if p.code == "placeholder"} == {
        "title", "body", *(f"recommendations[{i}].text" for i in range(4)),
        "participant_groups.Verwaltung", "participant_groups.Unternehmen"}
    assert main(["--root", str(root), "new-case", "--translate", "2017-06-01-testdialog"]) == 1
    assert written.read_text(encoding="utf-8") == text and "already exists" in capsys.readouterr().err
    written.write_text(text.replace("TODO ", ""), encoding="utf-8")  # "translated"
    result = load_handbook(root)
    assert not result.problems and not result.notes  # translated_from names the current original
    assert main(["--root", str(root), "new-case", "--translate", "2099-01-01-gibtsnicht"]) == 1


def test_the_suggested_translated_from_line_works_when_pasted_even_if_the_fingerprint_is_all_digits(
        tmp_path, monkeypatch):
    from municipal_handbook import translation

    monkeypatch.setattr(translation, "fingerprint", lambda document: "515699152614")  # YAML would read a number
    result = load(tmp_path / "old", {"cases/2017-06-01-testdialog.en.md": translation_file("0123456789ab")})
    (note,) = result.notes
    fix = note.message("en").partition("this line read: ")[2]
    for written in (fix, "translated_from: 515699152614"):  # as suggested, and as a contributor might type it
        result = load(tmp_path / written[-3:], {"cases/2017-06-01-testdialog.en.md": translation_file(
            written.removeprefix("translated_from: "))})
        assert not result.problems and not result.notes, written


class _TextLanguages(__import__("html.parser").parser.HTMLParser):
    """Every piece of text in a page's body with the language it is marked in (the nearest `lang`)."""

    VOID = _Chrome.VOID

    def __init__(self):
        super().__init__()
        self.stack, self.texts = [("", "")], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append((tag, dict(attrs).get("lang") or self.stack[-1][1]))

    def handle_endtag(self, tag):
        if any(open_tag == tag for open_tag, _ in self.stack[1:]):
            while self.stack.pop()[0] != tag:
                pass

    def handle_data(self, data):
        if data.strip() and not {"head", "script", "style"} & {tag for tag, _ in self.stack}:
            self.texts.append((" ".join(data.split()), self.stack[-1][1]))


def _german_only_texts(root) -> set[str]:
    """What the English edition shows in German: the words of every case and method without an
    English translation (titles, summaries, headings of the report, recommendations, participant
    groups, a method's duration and group size)."""
    from municipal_handbook import load_handbook

    handbook = load_handbook(root).handbook
    texts = set()
    for item in (*handbook.cases, *handbook.methods):
        if handbook.translation_state(item, "en") != "missing":
            continue
        texts |= {item.title, item.summary or "", *re.findall(r"(?m)^#+ (.+)$", item.body)}
        texts |= {r.text for r in getattr(item, "recommendations", ())} | set(getattr(item, "participants", {}))
        texts |= {getattr(item, "duration", None) or "", getattr(item, "group_size", None) or ""}
    return {" ".join(text.split()) for text in texts if len(text) > 3}


def test_german_text_in_the_english_edition_is_marked_german_wherever_it_appears(site):
    """WCAG 3.1.2 where axe cannot see it: on every English page, each text that is German (the
    words of untranslated cases and methods) sits inside `lang="de"`, in the report and wherever
    the theme or the index pages repeat it: table of contents, header title, breadcrumbs, lists,
    learning paths, related cases, the fact box."""
    german = _german_only_texts(site.root)
    assert {"Testworkshop Radverkehr (Beispiel)", "Ablauf vor Ort", "Ergebnisse der Gruppen",
            "Gruppenarbeit (Testmethode)", "2 Stunden"} <= german
    unmarked, seen = {}, set()
    for page in _pages(site.site, "en"):
        parser = _TextLanguages()
        parser.feed((site.site / "en" / page).read_text(encoding="utf-8"))
        for text, language in parser.texts:
            found = {g for g in german if g in text}
            seen |= found
            if found and language != "de":
                unmarked.setdefault(str(page), set()).update(found)
    assert not unmarked, unmarked
    assert {"Ablauf vor Ort", "Testworkshop Radverkehr (Beispiel)", "2 Stunden"} <= seen
    case = site.html("en/cases/2018-03-01-testworkshop/")
    assert re.search(r'<a href="#ablauf-vor-ort" class="md-nav__link" lang="de">', case)
    assert re.search(r'data-md-component="header-topic">\s*<span class="md-ellipsis" lang="de">', case)
    # The theme's own English words inside the German part are marked English again.
    assert 'href="#ablauf-vor-ort" title="Link to this section" lang="en">' in case
