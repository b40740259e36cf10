"""Translations of cases and methods: `<slug>.<lang>.md` beside the original.

A translation holds only what is written in words: the title, the summary, the body and the
texts of the recommendations (in the original's order). Facts (date, place, instrument,
sectors, methods, participants, follows, …) stay in the original and are never repeated, so
the editions cannot disagree about them. `translated_from` records which version of the
original was translated (its fingerprint); when the original's text changes, `check` says
the translation is older than its original (a note, not an error).
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from .problems import Count, Problem, closest, quote
from .sanitiser import body_problems
from .source import SourceDocument

TRANSLATION_FIELDS = ("title", "summary", "recommendations", "translated_from")
# The wording of facts, translatable where the original has the fact: translation field -> the
# original's field. Its numbers must stay the original's, so the editions never disagree on a fact.
FACT_WORDINGS = {"participant_groups": "participants", "duration": "duration", "group_size": "group_size"}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
PLACEHOLDER = "TODO"  # what `new-case --translate` leaves before every text still to translate


@dataclass(frozen=True)
class Translation:
    path: str
    original: str  # the original's path
    language: str
    title: str
    body: str
    summary: str | None = None
    recommendations: tuple[str, ...] = ()
    body_line: int = 1
    outdated: bool = False  # the original's text changed since it was translated
    participant_groups: tuple[tuple[str, str], ...] = ()  # (the original's group name, translated)
    duration: str | None = None
    group_size: str | None = None

    def wording(self, field: str, value: str) -> str | None:
        """The translated wording of a fact (`participants` group name, `duration`, `group_size`), if given."""
        if field == "participants":
            return dict(self.participant_groups).get(value)
        return getattr(self, field)


def is_translation_path(path: str) -> bool:
    """`cases/<slug>.en.md` (a dot in the stem): a translation, not a case of its own."""
    return "." in PurePosixPath(path).stem


def split_path(path: str) -> tuple[str, str]:
    """`cases/x.en.md` -> (`cases/x.md`, `en`)."""
    pure = PurePosixPath(path)
    slug, _, language = pure.stem.rpartition(".")
    return str(pure.with_name(f"{slug}.md")), language


def fingerprint(document: SourceDocument) -> str:
    """The version of an original's words (title, summary, body, recommendation texts): what a
    translation translates. Changing a fact does not change it."""
    meta = document.meta
    recommendations = meta.get("recommendations") if isinstance(meta.get("recommendations"), list) else []
    texts = [meta.get("title"), meta.get("summary"), document.body.strip(),
             [r.get("text") for r in recommendations if isinstance(r, dict)]]
    return hashlib.sha256(json.dumps(texts, ensure_ascii=False, default=str).encode("utf-8")).hexdigest()[:12]


def check_translation(document: SourceDocument, original: SourceDocument | None, original_language: str,
                      languages: list[str], fact_fields: tuple[str, ...]) -> tuple[Translation | None, list[Problem]]:
    """A translation file against its original: problems, and the translation if there are none.

    An outdated translation is reported as a `translation-outdated` problem next to a usable
    translation (the caller treats it as a note).
    """
    path = document.path
    original_path, language = split_path(path)
    if original is None:
        return None, [Problem(path, None, "file name", "translation-orphan", {"original": original_path})]
    if language not in languages or language == original_language:
        return None, [Problem(path, None, "file name", "translation-language",
                              {"value": quote(language), "original_language": original_language,
                               "allowed": ", ".join(l for l in languages if l != original_language)})]
    problems = []
    meta = document.meta
    wordings = {name: original_field for name, original_field in FACT_WORDINGS.items() if original_field in fact_fields}
    for name in meta:
        if name in TRANSLATION_FIELDS or name in wordings:
            continue
        if name in fact_fields:
            problems.append(Problem(path, document.line_of(str(name)), str(name), "translation-fact",
                                    {"original": original_path}))
        else:
            problems.append(Problem(path, document.line_of(str(name)), str(name), "unknown-field",
                                    {"value": quote(name), "suggestion": closest(str(name), (*TRANSLATION_FIELDS, *wordings)),
                                     "allowed": ", ".join((*TRANSLATION_FIELDS, *wordings))}))
    for name, value in _texts(meta, document.body):
        if isinstance(value, str) and value.lstrip().startswith(PLACEHOLDER):
            problems.append(Problem(path, document.line_of(name) if name != "body" else document.body_line, name,
                                    "placeholder", {"example": "the translated text"}))
    texts = {}
    for name in ("title", "summary"):
        value = meta.get(name)
        if value is None and (name == "title" or original.meta.get(name) is not None):
            problems.append(Problem(path, document.line_of(name), name, "missing", {"fix": f"{name}: …"}))
        elif value is not None and (not isinstance(value, str) or not value.strip()):
            problems.append(Problem(path, document.line_of(name), name, "translation-text", {"value": quote(value)}))
        elif value is not None:
            texts[name] = " ".join(value.split())
    wanted = original.meta.get("recommendations") if isinstance(original.meta.get("recommendations"), list) else []
    given = meta.get("recommendations", [])
    recommendations = []
    if not isinstance(given, list) or len(given) != len(wanted) or not all(
            isinstance(r, dict) and set(r) == {"text"} and isinstance(r["text"], str) and r["text"].strip()
            for r in given):
        problems.append(Problem(path, document.line_of("recommendations"), "recommendations",
                                "translation-recommendations", {"count": Count("recommendation", len(wanted)), "original": original_path}))
    else:
        recommendations = [" ".join(r["text"].split()) for r in given]
    facts = _fact_wordings(document, original, wordings, problems)
    if not document.body.strip():
        problems.append(Problem(path, document.body_line, "body", "translation-text", {"value": "''"}))
    problems += body_problems(path, document.body, document.body_line, html="")  # cost; markup: on the page
    if problems:
        return None, problems
    current = fingerprint(original)
    translation = Translation(path, original_path, language, texts["title"], document.body,
                              texts.get("summary"), tuple(recommendations), document.body_line,
                              outdated=str(meta.get("translated_from")) != current, **facts)
    if translation.outdated:
        return translation, [Problem(path, document.line_of("translated_from"), "translated_from",
                                     "translation-outdated", {"original": original_path, "fix": f"translated_from: '{current}'"})]
    return translation, []


def _numbers(text: str) -> list[str]:
    """The numbers in a wording, whatever the decimal sign ("1,5" and "1.5" are one number)."""
    return [number.replace(",", ".") for number in _NUMBER.findall(text)]


def _fact_wordings(document: SourceDocument, original: SourceDocument, wordings: dict, problems: list) -> dict:
    """The translated wordings of facts (`participant_groups`, `duration`, `group_size`): each only
    where the original has the fact, every participant group of the original named, and no
    number other than the original's."""
    facts = {}
    for name, original_field in wordings.items():
        if name not in document.meta:
            continue
        given, wanted, line = document.meta[name], original.meta.get(original_field), document.line_of(name)
        if name == "participant_groups":
            groups = list(wanted) if isinstance(wanted, dict) else []
            fix = "participant_groups: {" + ", ".join(f"{g}: …" for g in groups) + "}"
            if not isinstance(given, dict) or [str(g) for g in given] != [str(g) for g in groups] or not all(
                    isinstance(v, str) and v.strip() for v in given.values()):
                problems.append(Problem(document.path, line, name, "translation-groups",
                                        {"original": original.path, "fix": fix}))
                continue
            pairs = [(str(group), " ".join(text.split())) for group, text in given.items()]
        elif not isinstance(wanted, str):
            problems.append(Problem(document.path, line, name, "translation-fact", {"original": original.path}))
            continue
        elif not isinstance(given, str) or not given.strip():
            problems.append(Problem(document.path, line, name, "translation-text", {"value": quote(given)}))
            continue
        else:
            pairs = [(wanted, " ".join(given.split()))]
        for source, text in pairs:
            if _numbers(source) != _numbers(text):
                problems.append(Problem(document.path, line, name, "translation-numbers",
                                        {"value": quote(text), "wanted": quote(source), "original": original.path}))
        facts[name] = tuple(pairs) if name == "participant_groups" else pairs[0][1]
    return facts


def _texts(meta: dict, body: str):
    """(field, text) of everything a translation translates."""
    yield "title", meta.get("title")
    yield "summary", meta.get("summary")
    recommendations = meta.get("recommendations") if isinstance(meta.get("recommendations"), list) else []
    for index, item in enumerate(recommendations):
        yield f"recommendations[{index}].text", item.get("text") if isinstance(item, dict) else None
    yield "duration", meta.get("duration")
    yield "group_size", meta.get("group_size")
    groups = meta.get("participant_groups")
    for group, text in (groups.items() if isinstance(groups, dict) else ()):
        yield f"participant_groups.{group}", text
    yield "body", body


def translation_template(original: SourceDocument) -> str:
    """A new translation file for `original`: its texts, each after 'TODO' so that `check`
    reports every one until it is translated (never published half done), and the fingerprint
    of the original it starts from."""
    def quoted(text: str) -> str:
        return json.dumps(f"{PLACEHOLDER} {' '.join(text.split())}", ensure_ascii=False)

    meta = original.meta
    lines = ["---", f"# Translation of {original.path}: translate every text and delete 'TODO'.",
             "# Facts (date, place, instrument, …) stay in the original only.",
             f"title: {quoted(str(meta.get('title', '')))}"]
    if meta.get("summary"):
        lines.append(f"summary: {quoted(str(meta['summary']))}")
    recommendations = [r for r in meta.get("recommendations") or [] if isinstance(r, dict)]
    if recommendations:
        lines.append("recommendations:")
        lines += [f"  - text: {quoted(str(r.get('text', '')))}" for r in recommendations]
    if isinstance(meta.get("participants"), dict) and meta["participants"]:
        lines.append("participant_groups:  # the groups' names; their numbers stay in the original")
        lines += [f"  {json.dumps(str(group), ensure_ascii=False)}: {quoted(str(group))}" for group in meta["participants"]]
    for name in ("duration", "group_size"):
        if isinstance(meta.get(name), str):
            lines.append(f"{name}: {quoted(meta[name])}")
    # Quoted: a fingerprint of digits only would otherwise be read as a number.
    lines += [f"translated_from: '{fingerprint(original)}'", "---", f"{PLACEHOLDER} {original.body.lstrip()}"]
    return "\n".join(lines).rstrip("\n") + "\n"
