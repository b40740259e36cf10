"""`new-case`: a new case file from answers (flags or prompts), checked before it is written.

Every answer is checked against the taxonomy and the content contract as soon as it is
given (with a suggestion for typos); the file is only written if all answers are fine, only
inside `cases/`, never over an existing file, and it passes `check` unchanged: the text is
run through the same validator as every other case before it is written.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .model import Taxonomy
from .normalise import LIST_SEPARATORS, country_code, country_suggestion, iso_date, term_key, term_suggestion
from .problems import Problem, quote
from .slug import MAX_SLUG_LENGTH, case_file_name, slugify
from .handbook import content_files
from .source import parse_document, read_document
from .validation import ABSOLUTE_URL, SLUG, SOURCE_URL, contains_html, validate_case

CASES = "cases"


def yaml_scalar(value) -> str:
    """A value as YAML writes it on one line, quoted where YAML needs it (`a: b`, `'x'`, `2018-04-10`)."""
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1_000_000).rstrip("\n")
    return text[:-4].rstrip("\n") if text.endswith("\n...") else text


@dataclass
class CaseAnswers:
    """Checked answers; None where an answer is still missing or wrong."""

    title: str | None = None
    date: str | None = None
    instrument: str | None = None
    sectors: list[str] | None = None
    city: str | None = None
    country: str | None = None
    online: bool = False
    end_date: str | None = None
    participants: dict[str, int] | None = None
    methods: list[str] | None = None
    source: str | None = None
    slug: str | None = None
    language: str = "de"
    problems: list[Problem] = field(default_factory=list)


class AnswerChecker:
    """Checks one answer at a time; each method returns (value, problems)."""

    def __init__(self, root: Path, taxonomy: Taxonomy):
        self.root = root
        self.taxonomy = taxonomy

    @staticmethod
    def _problem(name: str, code: str, **params) -> Problem:
        flag = f"--{name.replace('_', '-')}"
        return Problem(flag, None, name, code, {"flag": flag, **params})

    def text(self, name: str, raw, example: str):
        value = (raw or "").strip() if isinstance(raw, str) else raw
        if not value:
            return None, [self._problem(name, "empty", expected=f"text, e.g. {example}")]
        if contains_html(value):
            return None, [self._problem(name, "html-in-text", value=quote(value))]
        return " ".join(value.split()), []

    def title(self, raw):
        title, problems = self.text("title", raw, "Netzwerktreffen in Köln")
        if title is None:
            return None, problems
        folded = " ".join(title.casefold().split())
        for path, other in existing_titles(self.root).items():
            if " ".join(other.casefold().split()) == folded:
                return None, [self._problem("title", "duplicate-title", value=quote(title), other=path)]
        return title, []

    def date(self, raw, name: str = "date"):
        text = iso_date(raw or "")  # 10.04.2018, the way most contributors write a date, too
        if text is None:
            return None, [self._problem(name, "date-answer", value=quote(raw or ""))]
        try:
            datetime.date.fromisoformat(text)
        except ValueError as error:
            return None, [self._problem(name, "date-invalid", value=quote(raw), detail=str(error))]
        return text, []

    def _term(self, raw, vocabulary: dict, name: str, field_name: str):
        """A key, or a German or English label of it (case-insensitive)."""
        text = (raw or "").strip()
        key = term_key(text, vocabulary)
        if key:
            return key, []
        return None, [self._problem(field_name, "unknown-key", value=quote(text), vocabulary=name,
                                    suggestion=term_suggestion(text, vocabulary), allowed=", ".join(vocabulary))]

    def instrument(self, raw):
        return self._term(raw, self.taxonomy.instruments, "instrument", "instrument")

    def sectors(self, raw):
        items = raw if isinstance(raw, list) else LIST_SEPARATORS.split(raw or "")
        items = [s.strip() for s in items if s and s.strip()]
        if not items:
            return None, [self._problem("sectors", "empty", expected="one or more sector keys, separated by commas, "
                                        "e.g. mobility, climate-adaptation")]
        keys, problems = [], []
        for item in items:
            key, found = self._term(item, self.taxonomy.sectors, "sector", "sectors")
            problems += found
            if key and key not in keys:
                keys.append(key)
        return (None if problems else keys), problems

    def city(self, raw):
        return self.text("city", raw, "Köln")

    def country(self, raw):
        text = (raw or "").strip()
        code = country_code(text)
        if code:
            return code, []
        return None, [self._problem("country", "country-answer", value=quote(text),
                                    suggestion=country_suggestion(text))]

    def source(self, raw):
        text = (raw or "").strip()
        if not ABSOLUTE_URL.match(text):
            return None, [self._problem("source", "not-url", value=quote(text))]
        if not SOURCE_URL.match(text):
            return None, [self._problem("source", "source-https", value=quote(text))]
        return text, []

    def slug(self, raw):
        text = (raw or "").strip()
        if not SLUG.match(text) or len(text) > MAX_SLUG_LENGTH:
            return None, [self._problem("slug", "bad-slug", value=quote(text), max=MAX_SLUG_LENGTH)]
        return text, []


def existing_titles(root: Path) -> dict[str, str]:
    """Titles of the cases already in `cases/` (unreadable files are the check's business)."""
    titles = {}
    for path in content_files(root, CASES):  # never a link to a file outside the repository
        document, _ = read_document(root, path)
        if document and isinstance(document.meta.get("title"), str):
            titles[path] = document.meta["title"]
    return titles


def check_answers(root: Path, taxonomy: Taxonomy, given: dict) -> CaseAnswers:
    """Check every given answer at once (flags); missing required answers are problems too."""
    checker = AnswerChecker(root, taxonomy)
    answers = CaseAnswers(online=bool(given.get("online")), language=given.get("language") or "de")
    required = ("title", "date", "instrument", "sectors") + (() if answers.online else ("city", "country"))
    for name in required:
        if given.get(name) is None:
            answers.problems.append(checker._problem(name, "missing-answer"))
            continue
        value, problems = getattr(checker, name)(given[name])
        setattr(answers, name, value)
        answers.problems += problems
    if answers.online:
        for name in ("city", "country"):
            if given.get(name):
                answers.problems.append(checker._problem(name, "location-online", value=quote(name)))
    if given.get("end_date"):
        answers.end_date, problems = checker.date(given["end_date"], "end_date")
        answers.problems += problems
        if answers.end_date and answers.date and answers.end_date < answers.date:
            answers.problems.append(checker._problem("end_date", "date-order", value=quote(answers.end_date),
                                                     start=answers.date))
    if given.get("source"):
        answers.source, problems = checker.source(given["source"])
        answers.problems += problems
    if given.get("slug"):
        answers.slug, problems = checker.slug(given["slug"])
        answers.problems += problems
    elif answers.title:
        answers.slug = slugify(answers.title)
        if not answers.slug:
            answers.problems.append(checker._problem("title", "slug-empty", value=quote(answers.title)))
    if answers.date and answers.slug:
        relative = f"{CASES}/{case_file_name(answers.date, answers.slug)}"
        if (root / relative).exists():
            answers.problems.append(Problem(relative, None, "file", "file-exists"))
    return answers


# Comments `new-case` and `import-legacy` write into the file, in the language of the messages
# (key -> (English, German)). Every commented example is YAML that works once its "# " is removed.
COMMENTS = {
    "header": ("Every field is explained in CONTRIBUTING.md; check the file with: "
               "python -m hooks.municipal_handbook check",
               "Jedes Feld ist in CONTRIBUTING.md erklärt; die Datei prüfen mit: "
               "python -m hooks.municipal_handbook check --lang de"),
    "optional": ("Optional fields: remove the '# ' at the start of a line (and of the lines below it) to use one.",
                 "Freiwillige Felder: zum Verwenden das '# ' am Zeilenanfang entfernen (auch in den Zeilen darunter)."),
    "title": ("the event's title, unique in the handbook", "Titel der Veranstaltung, im Handbuch eindeutig"),
    "date": ("first day, YYYY-MM-DD", "erster Tag, JJJJ-MM-TT"),
    "end_date": ("last day, for events over several days", "letzter Tag bei mehrtägigen Veranstaltungen"),
    "date_precision": ("day (default) | month | year: how much of the date the source gives",
                       "day (Standard) | month | year: wie genau die Quelle das Datum kennt"),
    "instrument": ("one of: {values}", "eins aus: {values}"),
    "sectors": ("one or more of: {values}", "eins oder mehrere aus: {values}"),
    "city": ("city where the event took place", "Stadt, in der die Veranstaltung stattfand"),
    "country": ("ISO code such as DE, JO, MK; for a virtual event replace city and country by: online: true",
                "ISO-Code wie DE, JO, MK; bei einer virtuellen Veranstaltung city und country ersetzen durch: "
                "online: true"),
    "participating_countries": ("other countries of participants, without the host country",
                                "weitere Länder der Teilnehmenden, ohne das Gastgeberland"),
    "methods": ("method pages used: file names in methods/ without .md",
                "verwendete Methoden: Dateinamen in methods/ ohne .md"),
    "participants": ("group: number of people", "Gruppe: Anzahl Personen"),
    "summary": ("one or two sentences; quotes because the text contains ': '",
                "ein bis zwei Sätze; in Anführungszeichen, weil der Text ': ' enthält"),
    "summary_example": ("One or two plain sentences: what happened and what came of it.",
                        "Ein bis zwei Sätze: was geschah und was daraus wurde."),
    "recommendations": ("what the participants recommend, each under one theme: {values}",
                        "was die Teilnehmenden empfehlen, jeweils unter einem Thema: {values}"),
    "author": ("who wrote the report", "wer den Bericht geschrieben hat"),
    "language": ("language of the report: de or en", "Sprache des Berichts: de oder en"),
    "source": ("the public page this report is based on", "die öffentliche Seite, auf der der Bericht beruht"),
    "follows": ("earlier cases this one builds on", "frühere Fälle, auf denen dieser aufbaut"),
    "guessed": ("guessed from {text} (line {line} of {file}): check it",
                "abgeleitet aus {text} (Zeile {line} von {file}): bitte prüfen"),
    "guessed-participants": ("guessed from the numbers in brackets in the text (line {line} of {file}): check it",
                             "aus den Zahlen in Klammern im Text abgeleitet (Zeile {line} von {file}): bitte prüfen"),
}


def comment(language: str, key: str, **params) -> str:
    english, german = COMMENTS[key]
    return (german if language == "de" else english).format(**params)


def render_case(answers: CaseAnswers, taxonomy: Taxonomy, body: str | None = None,
                comments: dict[str, str] | None = None, language: str = "en") -> str:
    """The case file: required fields filled (or TODO), optional ones as comments to uncomment.

    `language` is that of the comments (the messages); `answers.language` that of the report."""
    comments = comments or {}
    todo = "TODO"

    def note(name: str, **params) -> str:
        return comments.get(name) or comment(language, name, **params)

    def line(name: str, value, explain: bool = True, **params) -> str:
        text = comments.get(name) or (comment(language, name, **params) if explain else "")
        return f"{name}: {value}" + (f"  # {text}" if text else "")

    def example(name: str, value) -> str:
        return f"# {name}: {value}  # {note(name)}"

    others = [code for code in ("UA", "JO", "MK") if code != answers.country][:2]
    out = ["---", "# " + note("header"),
           line("title", yaml_scalar(answers.title) if answers.title else todo, not answers.title),
           line("date", yaml_scalar(answers.date) if answers.date else todo)]
    out.append(line("end_date", yaml_scalar(answers.end_date), False) if answers.end_date else
               example("end_date", yaml_scalar(answers.date or "2018-04-12")))
    out.append(example("date_precision", "month"))
    out.append(line("instrument", answers.instrument or todo, not answers.instrument,
                    values=", ".join(taxonomy.instruments)))
    if answers.sectors:
        out.append("sectors:")
        out += [f"- {key}" for key in answers.sectors]
    else:
        out.append(line("sectors", f"[{todo}]", values=", ".join(taxonomy.sectors)))
    out.append("location:")
    if answers.online:
        out.append("  online: true")
    else:
        out.append("  " + line("city", yaml_scalar(answers.city) if answers.city else todo, not answers.city))
        out.append("  " + line("country", answers.country or todo, not answers.country))
    theme = next(iter(taxonomy.themes))
    out += [
        "# " + note("optional"),
        example("participating_countries", f"[{', '.join(others)}]"),
        line("methods", f"[{', '.join(answers.methods)}]", False) if answers.methods
        else example("methods", "[kollegiale-beratung]"),
    ]
    if answers.participants:
        out.append(f"participants:  # {note('participants')}")
        out += [f"  {yaml_scalar(group)}: {count}" for group, count in answers.participants.items()]
    else:
        out.append(example("participants", "{Kommunalverwaltung: 7, Kommunale Unternehmen: 7}"))
    out += [
        example("summary", yaml_scalar(comment(language, "summary_example"))),
        f"# recommendations:  # {note('recommendations', values=' | '.join(taxonomy.themes))}",
        f"# - theme: {theme}",
        "#   text: Internationale Veranstaltungen frühzeitig planen.",
        example("author", "Vorname Nachname, Organisation"),
        line("language", answers.language),
    ]
    out.append(line("source", yaml_scalar(answers.source), False) if answers.source else
               example("source", "https://www.connective-cities.net/…"))
    out.append(example("follows", "[2017-06-19-nachhaltige-staedtische-mobilitaet-bremen]"))
    out.append("---")
    out.append("")
    out.append(body if body is not None else REPORT_SKELETON[language == "de"])
    return "\n".join(out).rstrip("\n") + "\n"


# The body `new-case` writes: (English, German) comments; the headings are examples to keep or change.
REPORT_SKELETON = ("""\
<!--
Write the report below in Markdown: paragraphs separated by an empty line, "## " for headings.
Link to another page of the handbook relative to cases/, e.g. [Kollegiale Beratung](../methods/kollegiale-beratung.md),
and to the web with full addresses, e.g. [Connective Cities](https://www.connective-cities.net/).
These comments do not appear on the page.
-->

## Anlass und Ziel

<!-- Why did the event take place, who hosted it, which question did it address? -->

## Ablauf

<!-- Programme, methods used, who took part. -->

## Ergebnisse

<!-- Project ideas, agreements, what happened afterwards. -->
""", """\
<!--
Schreiben Sie den Bericht unten in Markdown: Absätze durch eine leere Zeile trennen, "## " für Überschriften.
Links auf andere Seiten des Handbuchs relativ zu cases/, z. B. [Kollegiale Beratung](../methods/kollegiale-beratung.md),
und ins Web mit voller Adresse, z. B. [Connective Cities](https://www.connective-cities.net/).
Diese Kommentare erscheinen nicht auf der Seite.
-->

## Anlass und Ziel

<!-- Warum fand die Veranstaltung statt, wer richtete sie aus, um welche Frage ging es? -->

## Ablauf

<!-- Programm, verwendete Methoden, wer teilnahm. -->

## Ergebnisse

<!-- Projektideen, Vereinbarungen, was danach geschah. -->
""")


def verify(root: Path, relative: str, text: str, taxonomy: Taxonomy) -> list[Problem]:
    """Problems the check would report for this text (empty when the file will pass)."""
    document, problems = parse_document(relative, text)
    if document is None:
        return problems
    return problems + validate_case(document, taxonomy)[1]


def write_new_file(root: Path, relative: str, text: str, folder: str = CASES) -> Problem | None:
    """Create `relative` under `folder`; refuse to leave the folder or to replace a file."""
    base = (root / folder).resolve()
    target = (root / relative).resolve()
    if target.parent != base:
        return Problem(relative, None, "file", "outside-folder", {"value": quote(relative), "folder": folder})
    base.mkdir(parents=True, exist_ok=True)
    try:
        with open(target, "x", encoding="utf-8", newline="\n") as handle:  # "x": fails if it exists
            handle.write(text)
    except FileExistsError:
        return Problem(relative, None, "file", "file-exists")
    return None
