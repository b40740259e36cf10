"""Command line for contributors, editors and CI.

    python -m hooks.municipal_handbook check                 # every problem as path:line: field: message
    python -m hooks.municipal_handbook new-case              # asks for title, date, … and writes cases/<date>-<slug>.md
    python -m hooks.municipal_handbook new-case --title … --date … --instrument … --sectors … --city … --country …
    python -m hooks.municipal_handbook import-legacy OLD.txt [--links legacy-links.yml] [answers as for new-case]
    python -m hooks.municipal_handbook contributing [--check] # CONTRIBUTING.md's field reference from taxonomy.yml

Messages are English unless `--lang de` or HANDBOOK_LANG=de.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from .handbook import load_handbook
from .problems import Problem, counted, quote
from .taxonomy import load_taxonomy

# Texts of the commands themselves: key -> (English, German).
TEXTS = {
    "intro": ("New case: answer each question; every answer is checked at once. Ctrl-C stops without writing.",
              "Neuer Fall: Beantworten Sie jede Frage; jede Antwort wird sofort geprüft. Strg-C bricht ab, ohne zu schreiben."),
    "title": ("Title of the event", "Titel der Veranstaltung"),
    "date": ("First day (YYYY-MM-DD or DD.MM.YYYY)", "Erster Tag (JJJJ-MM-TT oder TT.MM.JJJJ)"),
    "instrument": ("Instrument (key or name)", "Instrument (Schlüssel oder Name)"),
    "sectors": ("Sectors (keys or names, separated by commas)", "Sektoren (Schlüssel oder Namen, durch Kommas getrennt)"),
    "city": ("City (or 'online' for a virtual event)", "Stadt (oder 'online' für eine virtuelle Veranstaltung)"),
    "country": ("Country (ISO code such as DE, or a name)", "Land (ISO-Code wie DE oder Name)"),
    "again": ("Please answer again.", "Bitte noch einmal antworten."),
    "aborted": ("Stopped; no file was written.", "Abgebrochen; keine Datei geschrieben."),
    "no-original": ("{path} does not exist; name a case by its file name without .md (see cases/)",
                    "{path} gibt es nicht; einen Fall mit seinem Dateinamen ohne .md nennen (siehe cases/)"),
    "translation-exists": ("{path} already exists; it was left as it is", "{path} gibt es schon; sie bleibt unverändert"),
    "translation-written": ("Wrote {path}: translate every text after 'TODO' and delete 'TODO'; `check` lists what "
                            "is left.", "{path} geschrieben: jeden Text nach 'TODO' übersetzen und 'TODO' löschen; "
                            "`check` nennt, was noch fehlt."),
    "refused": ("No file was written.", "Keine Datei geschrieben."),
    "created": ("Created {path}.", "{path} angelegt."),
    "next": ("Next: write the report below the front matter, then run `python -m hooks.municipal_handbook check` "
             "and preview with `mkdocs serve` (http://127.0.0.1:8000/).",
             "Weiter: den Bericht unter den Kopfbereich schreiben, dann `python -m hooks.municipal_handbook check` "
             "ausführen und mit `mkdocs serve` ansehen (http://127.0.0.1:8000/)."),
    "todo": ("Still to fill in (replace TODO): {fields}.", "Noch auszufüllen (TODO ersetzen): {fields}."),
    "guesses": ("Guesses to check (also listed at the top of the report in the new file):",
                "Zu prüfende Annahmen (auch oben im Bericht der neuen Datei aufgeführt):"),
    "guesses-in-file": ("The import guessed these; check each and then delete this list:",
                        "Diese Angaben hat der Import abgeleitet; jede prüfen, dann diese Liste löschen:"),
    "imported-from": ("Imported from {file} by `python -m hooks.municipal_handbook import-legacy`.",
                      "Übernommen aus {file} mit `python -m hooks.municipal_handbook import-legacy`."),
    "notes": ("Check these changes to the old text in the new file:", "Diese Änderungen am alten Text in der neuen Datei prüfen:"),
    "imported": ("Imported {paragraphs} from {source}.", "{paragraphs} aus {source} übernommen."),
    "iconv": ("A text saved by the old website as Windows-1252 or Latin-1 can be converted with: "
              "iconv -f windows-1252 -t utf-8 OLD.txt > OLD-utf8.txt",
              "Einen Text, den die alte Website als Windows-1252 oder Latin-1 gespeichert hat, wandelt um: "
              "iconv -f windows-1252 -t utf-8 ALT.txt > ALT-utf8.txt"),
    "up-to-date": ("{path} is up to date with taxonomy.yml and the content contract.",
                   "{path} ist auf dem Stand von taxonomy.yml und dem Inhaltsvertrag."),
    "stale": ("{path} is out of date with taxonomy.yml or the content contract; run "
              "`python -m hooks.municipal_handbook contributing` and commit the result.",
              "{path} passt nicht mehr zu taxonomy.yml oder dem Inhaltsvertrag; "
              "`python -m hooks.municipal_handbook contributing` ausführen und das Ergebnis committen."),
    "ok": ("OK: {cases}, {methods}, taxonomy fine.", "OK: {cases}, {methods}, Taxonomie in Ordnung."),
    "summary": ("Found {problems} in {files}.", "{problems} in {files} gefunden."),
    "written": ("Updated the generated section of {path}.", "Erzeugten Abschnitt von {path} aktualisiert."),
}
ANSWERS = ("title", "date", "end_date", "instrument", "sectors", "city", "country", "online", "source", "slug")


def say(language: str, key: str, **params) -> str:
    english, german = TEXTS[key]
    return (german if language == "de" else english).format(**params)


def report(problems: list[Problem], language: str) -> None:
    for problem in problems:
        if problem.path.startswith("--"):  # an answer to new-case or import-legacy, named by its flag
            print(f"{problem.path}: {problem.message(language)}", file=sys.stderr)
        else:
            print(problem.format(language), file=sys.stderr)


def check(root: Path, language: str) -> int:
    result = load_handbook(root)
    report(result.problems + result.notes, language)  # notes (outdated translations) are not errors
    if result.problems:
        files = len({p.path for p in result.problems})
        print(say(language, "summary", problems=counted(language, "problem", len(result.problems)),
                  files=counted(language, "file", files)), file=sys.stderr)
        return 1
    handbook = result.handbook
    print(say(language, "ok", cases=counted(language, "case", len(handbook.cases)),
              methods=counted(language, "method", len(handbook.methods))))
    return 0


def _taxonomy(root: Path, language: str):
    taxonomy, problems = load_taxonomy(root / "taxonomy.yml")
    report(problems, language)
    return taxonomy


def _ask(language: str, key: str, check, read=input):
    """Ask until the answer passes its check; the check's messages say what is allowed."""
    while True:
        try:
            raw = read(say(language, key) + ": ")
        except EOFError:
            raise KeyboardInterrupt from None
        value, problems = check(raw)
        if not problems:
            return raw, value
        for problem in problems:
            print(f"  {problem.field}: {problem.message(language)}", file=sys.stderr)
        print("  " + say(language, "again"), file=sys.stderr)


def _interview(root: Path, taxonomy, language: str) -> dict:
    from .scaffold import AnswerChecker

    checker = AnswerChecker(root, taxonomy)
    print(say(language, "intro"))
    given = {}
    given["title"], _ = _ask(language, "title", checker.title)
    given["date"], _ = _ask(language, "date", checker.date)
    for key, term in taxonomy.instruments.items():
        print(f"  {key:24} {term.de} / {term.en}")
    given["instrument"], _ = _ask(language, "instrument", checker.instrument)
    for key, term in taxonomy.sectors.items():
        print(f"  {key:28} {term.de} / {term.en}")
    given["sectors"], _ = _ask(language, "sectors", checker.sectors)
    city, _ = _ask(language, "city", lambda raw: (raw, []) if raw.strip().lower() == "online" else checker.city(raw))
    if city.strip().lower() == "online":
        given["online"] = True
    else:
        given["city"] = city
        given["country"], _ = _ask(language, "country", checker.country)
    return given


def _write(root: Path, relative: str, text: str, taxonomy, language: str, *, expect_todo: bool) -> int:
    from .scaffold import verify, write_new_file

    problems = verify(root, relative, text, taxonomy)
    unexpected = [p for p in problems if not (expect_todo and p.code == "placeholder")]
    if unexpected:  # a bug in the tool, never the contributor's fault: do not leave a broken file
        report(unexpected, language)
        print(say(language, "refused"), file=sys.stderr)
        return 1
    refusal = write_new_file(root, relative, text)
    if refusal:
        report([refusal], language)
        print(say(language, "refused"), file=sys.stderr)
        return 1
    print(say(language, "created", path=relative))
    todo = [p.field for p in problems]
    if todo:
        print(say(language, "todo", fields=", ".join(todo)))
    return 0


def new_translation(root: Path, slug: str, target: str, language: str) -> int:
    """`new-case --translate <slug>`: cases/<slug>.<lang>.md to fill in, never over an existing file."""
    from .source import read_document
    from .translation import translation_template

    original = f"cases/{slug.removesuffix('.md').removeprefix('cases/')}.md"
    if not (root / original).is_file():
        print(say(language, "no-original", path=original), file=sys.stderr)
        return 1
    document, problems = read_document(root, original)
    if document is None:
        report(problems, language)
        return 1
    path = root / original.replace(".md", f".{target}.md")
    try:
        with path.open("x", encoding="utf-8") as out:  # "x": never overwrites a contributor's file
            out.write(translation_template(document))
    except FileExistsError:
        print(say(language, "translation-exists", path=path.relative_to(root).as_posix()), file=sys.stderr)
        return 1
    print(say(language, "translation-written", path=path.relative_to(root).as_posix()))
    return 0


def new_case(root: Path, arguments, language: str) -> int:
    from .scaffold import check_answers, render_case
    from .slug import case_file_name

    if arguments.translate:
        return new_translation(root, arguments.translate, arguments.to, language)

    taxonomy = _taxonomy(root, language)
    if taxonomy is None:
        return 1
    given = {name: getattr(arguments, name) for name in ANSWERS}
    if not any(given.values()):
        try:
            given = _interview(root, taxonomy, language)
        except KeyboardInterrupt:
            print("\n" + say(language, "aborted"), file=sys.stderr)
            return 1
    given["language"] = arguments.language
    answers = check_answers(root, taxonomy, given)
    if answers.problems:
        report(answers.problems, language)
        print(say(language, "refused"), file=sys.stderr)
        return 1
    relative = f"cases/{case_file_name(answers.date, answers.slug)}"
    status = _write(root, relative, render_case(answers, taxonomy, language=language), taxonomy, language, expect_todo=False)
    if status == 0:
        print(say(language, "next"))
    return status


def import_legacy(root: Path, arguments, language: str) -> int:
    from .legacy import DEFAULT_MAPPING, convert, load_mapping
    from .source import decode
    from .scaffold import AnswerChecker, CaseAnswers, render_case
    from .slug import case_file_name, slugify

    taxonomy = _taxonomy(root, language)
    if taxonomy is None:
        return 1
    source_path = Path(arguments.file)
    shown = arguments.file
    if not source_path.is_file():
        report([Problem(shown, None, "file", "missing-file")], language)
        return 1
    text, problems = decode(source_path.read_bytes(), shown)
    if text is None:
        report(problems, language)
        print(say(language, "iconv"), file=sys.stderr)
        print(say(language, "refused"), file=sys.stderr)
        return 1
    mapping_path = Path(arguments.links) if arguments.links else root / DEFAULT_MAPPING
    mapping, problems = load_mapping(root, mapping_path, arguments.links or DEFAULT_MAPPING, taxonomy,
                                     required=bool(arguments.links))
    checker = AnswerChecker(root, taxonomy)
    answers = CaseAnswers(online=arguments.online, language=arguments.language)
    for name in ("title", "date", "end_date", "instrument", "sectors", "city", "country", "source", "slug"):
        raw = getattr(arguments, name)
        if raw is not None:
            check = checker.date if name == "end_date" else getattr(checker, name)
            value, found = check(raw, "end_date") if name == "end_date" else check(raw)
            setattr(answers, name, value)
            problems += found
    if problems:
        report(problems, language)
        print(say(language, "refused"), file=sys.stderr)
        return 1
    conversion = convert(text, mapping, shown, arguments.links or DEFAULT_MAPPING)
    guesses, comments = _guesses(conversion, answers, shown, source_path.name, language)
    # a method page the report links is a method the case used: declared, as the check requires
    answers.methods = list(dict.fromkeys(re.findall(r"\]\(\.\./methods/([a-z0-9-]+)\.md", conversion.body))) or None
    slug = answers.slug or slugify(answers.title or "") or slugify(source_path.stem) or "legacy-import"
    relative = f"cases/{case_file_name(answers.date or 'undated', slug)}"
    header = [say(language, "imported-from", file=source_path.name)]
    if guesses:  # every guess also stands in the file, where the editor reads it (old tags shown as ‹link›,
        header += [say(language, "guesses-in-file")] + [  # which the check would take for markup)
            f"- {source_path.name}:{g.line}: {g.field}: {g.message(language)}".replace("--", "- -").replace("<", "‹").replace(">", "›")
            for g in guesses]
    body = render_case(answers, taxonomy, body="<!--\n" + "\n".join(header) + "\n-->\n\n" + conversion.body,
                       comments=comments, language=language)
    status = _write(root, relative, body, taxonomy, language, expect_todo=True)
    if status:
        return status
    print(say(language, "imported", paragraphs=counted(language, "paragraph", len(conversion.paragraph_lines)),
              source=shown))
    changes = [note for note in conversion.notes if note not in guesses]
    if changes:
        print(say(language, "notes"))
        for note in changes:
            print("  " + note.format(language))
    print(say(language, "next"))
    if guesses:  # one summary of every guess, last, so it is what the editor sees
        print(say(language, "guesses"))
        for guess in guesses:
            print("  " + guess.format(language))
    return 0


def _guesses(conversion, answers, shown: str, file_name: str, language: str) -> tuple[list[Problem], dict]:
    """What the import guessed (dates, participants, unclosed link texts) and the comments that mark
    the guessed fields in the file; answers given as flags are never overridden."""
    from .scaffold import comment

    guesses, comments = [], {}
    if answers.date is None and conversion.date_guess:
        first, last, written, line = conversion.date_guess
        answers.date = first
        comments["date"] = comment(language, "guessed", text=quote(written), line=line, file=file_name)
        if last and answers.end_date is None:
            answers.end_date = last
            comments["end_date"] = comments["date"]
            guesses.append(Problem(shown, line, "date", "legacy-date-range-guess",
                                   {"value": quote(first), "end": quote(last), "text": quote(written)}))
        else:
            guesses.append(Problem(shown, line, "date", "legacy-date-guess",
                                   {"value": quote(first), "text": quote(written)}))
    if conversion.participants_guess:
        groups, written, line = conversion.participants_guess
        answers.participants = groups
        comments["participants"] = comment(language, "guessed-participants", line=line, file=file_name)
        guesses.append(Problem(shown, line, "participants", "legacy-participants-guess",
                               {"value": quote(groups), "text": quote(written)}))
    guesses += [note for note in conversion.notes if note.code == "legacy-unclosed-link"]
    return guesses, comments


def contributing(root: Path, arguments, language: str) -> int:
    from .contributing import CONTRIBUTING, update

    taxonomy = _taxonomy(root, language)
    if taxonomy is None:
        return 1
    path = root / CONTRIBUTING
    current = path.read_text(encoding="utf-8") if path.is_file() else ""
    updated = update(current, taxonomy)
    if updated == current:
        print(say(language, "up-to-date", path=CONTRIBUTING))
        return 0
    if arguments.check:
        print(say(language, "stale", path=CONTRIBUTING), file=sys.stderr)
        return 1
    path.write_text(updated, encoding="utf-8", newline="\n")
    print(say(language, "written", path=CONTRIBUTING))
    return 0


# The commands' help (`--help`): key -> (English, German), like TEXTS.
HELP = {
    "answers": ("answers ({note})", "Antworten ({note})"),
    "answers-new-case": ("without any, you are asked; with some, all required ones must be given",
                         "ohne Angaben wird gefragt; mit Angaben müssen alle Pflichtangaben dabei sein"),
    "answers-legacy": ("optional: fields not given become TODO stubs",
                       "freiwillig: nicht angegebene Felder werden TODO-Platzhalter"),
    "title": ("title of the event, unique in the handbook", "Titel der Veranstaltung, im Handbuch eindeutig"),
    "date": ("first day: YYYY-MM-DD or DD.MM.YYYY", "erster Tag: JJJJ-MM-TT oder TT.MM.JJJJ"),
    "end-date": ("last day, for events over several days", "letzter Tag bei mehrtägigen Veranstaltungen"),
    "instrument": ("an instrument key (or its German or English name) from taxonomy.yml",
                   "ein Instrument-Schlüssel (oder sein deutscher oder englischer Name) aus taxonomy.yml"),
    "sectors": ("sector keys or names from taxonomy.yml, separated by commas",
                "Sektor-Schlüssel oder -Namen aus taxonomy.yml, durch Kommas getrennt"),
    "city": ("city where the event took place", "Stadt, in der die Veranstaltung stattfand"),
    "country": ("ISO 3166-1 alpha-2 code such as DE, or a country name",
                "Ländercode nach ISO 3166-1 alpha-2 wie DE oder ein Ländername"),
    "online": ("a virtual event: no city or country", "eine virtuelle Veranstaltung: ohne Stadt und Land"),
    "source": ("full https:// address of the public page the report is based on",
               "volle https://-Adresse der öffentlichen Seite, auf der der Bericht beruht"),
    "slug": ("file name part after the date (default: made from the title)",
             "Teil des Dateinamens nach dem Datum (Standard: aus dem Titel gebildet)"),
    "language": ("language of the report (default de)", "Sprache des Berichts (Standard de)"),
    "description": ("Tools for the methods handbook's content.", "Werkzeuge für die Inhalte des Methodenhandbuchs."),
    "root": ("project folder (default: current)", "Ordner des Projekts (Standard: der aktuelle)"),
    "lang": ("language of messages (default: HANDBOOK_LANG or English)",
             "Sprache der Meldungen (Standard: HANDBOOK_LANG oder Englisch)"),
    "check": ("check every method and case against the content contract",
              "jede Methode und jeden Fall gegen den Inhaltsvertrag prüfen"),
    "translate": ("instead of a new case: create the translation cases/<slug>.<lang>.md of an existing case",
                  "statt eines neuen Falls: die Übersetzung cases/<slug>.<sprache>.md eines vorhandenen Falls anlegen"),
    "translate-to": ("the language of the translation (default: en)", "die Sprache der Übersetzung (Standard: en)"),
    "new-case": ("create cases/<date>-<slug>.md from answers (asks for them when none are given)",
                 "cases/<datum>-<name>.md aus Antworten anlegen (fragt danach, wenn keine angegeben sind)"),
    "new-case-description": ("Create a new case file. Without answers it asks for each one; with answers it checks "
                             "them all at once. It never overwrites a file and writes only into cases/.",
                             "Legt eine neue Falldatei an. Ohne Antworten fragt es jede einzeln ab; mit Antworten "
                             "prüft es alle auf einmal. Es überschreibt nie eine Datei und schreibt nur in cases/."),
    "import-legacy": ("turn an old website text into a new case file with TODO stubs",
                      "einen Text der alten Website in eine neue Falldatei mit TODO-Platzhaltern umwandeln"),
    "import-legacy-description": ("Convert an old TYPO3 text (paragraphs, <link> tags, leftover markup) into a new "
                                  "case file; every change and every guess is printed with its line. Never "
                                  "overwrites a file.",
                                  "Wandelt einen alten TYPO3-Text (Absätze, <link>-Tags, Markup-Reste) in eine neue "
                                  "Falldatei um; jede Änderung und jede Annahme wird mit ihrer Zeile gemeldet. "
                                  "Überschreibt nie eine Datei."),
    "file": ("the old text, UTF-8", "der alte Text, UTF-8"),
    "links": ("mapping of old link targets to pages (default: legacy-links.yml if present)",
              "Zuordnung alter Linkziele zu Seiten (Standard: legacy-links.yml, falls vorhanden)"),
    "contributing": ("update the field reference in CONTRIBUTING.md from taxonomy.yml",
                     "die Feldreferenz in CONTRIBUTING.md aus taxonomy.yml aktualisieren"),
    "contributing-check": ("only report whether it is up to date (exit 1 if not)",
                           "nur melden, ob sie aktuell ist (Rückgabewert 1, wenn nicht)"),
}


def _answer_flags(parser: argparse.ArgumentParser, note: str, language: str) -> None:
    def text(key: str, **params) -> str:
        return HELP[key][language == "de"].format(**params)

    group = parser.add_argument_group(text("answers", note=text(note)))
    for name in ("title", "date", "end-date", "instrument", "sectors", "city", "country", "source", "slug"):
        group.add_argument(f"--{name}", dest=name.replace("-", "_"), help=text(name))
    group.add_argument("--online", action="store_true", help=text("online"))
    group.add_argument("--language", choices=("de", "en"), default="de", help=text("language"))


def _language(argv: list[str]) -> str:
    """The language of messages, known before parsing, so that `--help` speaks it too."""
    for index, word in enumerate(argv):
        if word == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if word.startswith("--lang="):
            return word.partition("=")[2]
    return "de" if os.environ.get("HANDBOOK_LANG", "").lower().startswith("de") else "en"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    shown = _language(argv)

    def text(key: str) -> str:
        return HELP[key][shown == "de"]

    parser = argparse.ArgumentParser(prog="python -m hooks.municipal_handbook", description=text("description"))
    parser.add_argument("--root", type=Path, default=Path.cwd(), help=text("root"))
    parser.add_argument("--lang", choices=("en", "de"), default=None, help=text("lang"))
    commands = parser.add_subparsers(dest="command", required=True)
    # `--lang de` is also accepted after the command name, where contributors tend to put it.
    language_option = argparse.ArgumentParser(add_help=False)
    language_option.add_argument("--lang", choices=("en", "de"), default=argparse.SUPPRESS, help=text("lang"))
    commands.add_parser("check", parents=[language_option], help=text("check"))
    scaffold = commands.add_parser("new-case", parents=[language_option], help=text("new-case"),
                                   description=text("new-case-description"))
    _answer_flags(scaffold, "answers-new-case", shown)
    scaffold.add_argument("--translate", metavar="SLUG", help=text("translate"))
    scaffold.add_argument("--to", default="en", help=text("translate-to"))
    legacy = commands.add_parser("import-legacy", parents=[language_option], help=text("import-legacy"),
                                 description=text("import-legacy-description"))
    legacy.add_argument("file", help=text("file"))
    legacy.add_argument("--links", help=text("links"))
    _answer_flags(legacy, "answers-legacy", shown)
    generated = commands.add_parser("contributing", parents=[language_option], help=text("contributing"))
    generated.add_argument("--check", action="store_true", help=text("contributing-check"))
    arguments = parser.parse_args(argv)
    language = arguments.lang or ("de" if os.environ.get("HANDBOOK_LANG", "").lower().startswith("de") else "en")
    root = arguments.root.resolve()
    if arguments.command == "check":
        return check(root, language)
    if arguments.command == "new-case":
        return new_case(root, arguments, language)
    if arguments.command == "import-legacy":
        return import_legacy(root, arguments, language)
    if arguments.command == "contributing":
        return contributing(root, arguments, language)
    return 2
