"""`import-legacy`: an event report from the old TYPO3 website as Markdown for a case file.

Rules (documented in CONTRIBUTING.md, each applied change reported with its line):

* Each non-empty line of the old text (and each `<p>…</p>`) is one paragraph; `<br>` is a line break.
* `<link TARGET …>text</link>` becomes `[text](page)`, where the mapping file (legacy-links.yml)
  names the page for TARGET (the tag's whole attribute text, else its first word); a first word
  that is a full http(s) URL or a mailto: address is used as it is. An unknown target is
  reported and its text kept as plain text: no word of the old text is ever dropped.
* A `<link …>` without `</link>` (the old site left most of them open): the link text is the
  words after the tag up to and including the first capitalised word (in German, the first
  noun), within the clause (up to , ; : . ! ? a bracket, a quote, a tag or the line end); if no
  word there is capitalised, the whole clause. Every such guess is reported for an editor to check.
* `name(at)example.org` becomes the address `name@example.org`; URLs lose `no_cache`, `cHash`,
  `fbclid`, `gclid` and `utm_*` parameters; old `index.php?id=N` addresses are kept and
  reported unless the mapping names them. `<b>`/`<strong>` and `<i>`/`<em>` become Markdown
  emphasis; `<a href>` is treated like `<link>`; any other tag is removed (reported), its text kept.
* Characters that mean something in Markdown (`*`, `_`, `[`, `]`, a `#` at the start, …) are
  escaped so the text reads exactly as before.
"""
from __future__ import annotations

import datetime
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .model import Taxonomy
from .problems import Problem, quote
from .source import decode, load_yaml

DEFAULT_MAPPING = "legacy-links.yml"
DROPPED_PARAMETERS = {"no_cache", "chash", "fbclid", "gclid"}

_TOKEN = re.compile(r"""
    (?P<link><link\b(?P<attr>[^>]*)>)
  | (?P<close></link\s*>)
  | (?P<anchor><a\b[^>]*?\bhref\s*=\s*["']?(?P<href>[^"'\s>]*)["']?[^>]*>)
  | (?P<aclose></a\s*>)
  | (?P<br><br\s*/?\s*>)
  | (?P<bold></?(?:b|strong)\s*>)
  | (?P<italic></?(?:i|em)\s*>)
  | (?P<tag></?[a-z][a-z0-9]*\b[^>]*>)
  | (?P<url>https?://[^\s<>"']+)
  | (?P<email>[\w.+-]+\s?(?:\(at\)|\[at\])\s?[\w-]+(?:\.[\w-]+)+)
""", re.I | re.X)
_PARAGRAPH_TAG = re.compile(r"</?p\b[^>]*>", re.I)
_CLAUSE = re.compile(r"[^,;:.!?()\[\]\"„“”«»<]*")
_MONTHS = {name: number for number, names in enumerate((
    ("januar", "january", "jänner"), ("februar", "february"), ("märz", "march"), ("april",), ("mai", "may"),
    ("juni", "june"), ("juli", "july"), ("august",), ("september",), ("oktober", "october"),
    ("november",), ("dezember", "december")), start=1) for name in names}
_MONTH = "(?:" + "|".join(_MONTHS) + ")"
_TO = r"\s*(?:–|-|bis(?:\s+zum)?|to|until)\s*"
# Dates in the text, ranges first: "3.–5. Mai 2021", "vom 3. bis 5. Mai 2021", "30. April bis 2. Mai 2021",
# "30. Dezember 2020 bis 2. Januar 2021", "03.05.–05.05.2021", "3.5.2021 bis 5.5.2021", then single days.
_DATES = [re.compile(pattern, re.I) for pattern in (
    rf"\b(?P<d1>\d{{1,2}})\.?{_TO}(?P<d2>\d{{1,2}})\.?\s+(?P<m2>{_MONTH})\s+(?P<y2>\d{{4}})\b",
    rf"\b(?P<d1>\d{{1,2}})\.?\s+(?P<m1>{_MONTH})(?:\s+(?P<y1>\d{{4}}))?{_TO}(?P<d2>\d{{1,2}})\.?\s+(?P<m2>{_MONTH})"
    rf"\s+(?P<y2>\d{{4}})\b",
    r"\b(?P<d1>\d{1,2})\.(?P<n1>\d{1,2})\.(?:(?P<y1>\d{4}))?" + _TO + r"(?P<d2>\d{1,2})\.(?P<n2>\d{1,2})\.(?P<y2>\d{4})\b",
    rf"\b(?P<d2>\d{{1,2}})\.?\s+(?P<m2>{_MONTH})\s+(?P<y2>\d{{4}})\b",
    r"\b(?P<d2>\d{1,2})\.(?P<n2>\d{1,2})\.(?P<y2>\d{4})\b",
)]
# Group counts in running text: "aus der kommunalen Verwaltung (8) und kommunalen Unternehmen (4)".
_GROUP = re.compile(r"((?:[a-zäöüß][\wäöüß-]*\s+){0,2})([A-ZÄÖÜ][\wäöüß-]+)\s*\((\d{1,3})\)")
_NOT_IN_A_GROUP = {"der", "die", "das", "den", "dem", "des", "aus", "von", "vom", "und", "sowie", "mit", "für", "in",
                   "im", "an", "am", "zur", "zum", "bei", "the", "of", "from", "and", "with", "for"}


@dataclass
class Conversion:
    """The Markdown body, the line of the old text each paragraph came from, and notes to check."""

    body: str
    paragraph_lines: list[int]
    notes: list[Problem] = field(default_factory=list)
    date_guess: tuple[str, str | None, str, int] | None = None  # (first day, last day or None, as written, line)
    participants_guess: tuple[dict[str, int], str, int] | None = None  # (group -> count, as written, line)


def escape_markdown(text: str) -> str:
    return re.sub(r"([\\`*_\[\]])", r"\\\1", text)


def _escape_paragraph_start(paragraph: str) -> str:
    if re.match(r"^(#|>|[-+] |=+\s*$)", paragraph):
        return "\\" + paragraph
    return re.sub(r"^(\d+)([.)])(\s)", r"\1\\\2\3", paragraph)


def _decode_entities(text: str) -> str:
    """Named and numeric entities as characters, except those that would turn text into markup."""
    text = re.sub(r"&(?!(?:lt|gt|amp);)#?\w+;", lambda m: html.unescape(m.group(0)), text)
    return text.replace("\xa0", " ")


def clean_url(url: str) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k.lower() not in DROPPED_PARAMETERS and not k.lower().startswith("utm_")]
    return urlunsplit(parts._replace(query=urlencode(query, safe="[]/:")))


def _page_id(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.path.endswith("index.php"):
        ids = [v for k, v in parse_qsl(parts.query) if k == "id"]
        return ids[0] if ids else None
    return None


def page_href(value: str, root: Path, taxonomy: Taxonomy) -> str | None:
    """The link a case file uses for a mapping value, or None if it names no page of the handbook."""
    if re.match(r"^https?://[^\s/]+\.\S+$", value) or re.match(r"^mailto:\S+@\S+$", value):
        return value
    path, _, anchor = value.partition("#")
    path = path.removeprefix("docs/")
    parts = path.split("/")
    if not path.endswith(".md") or any(part in ("", ".", "..") for part in parts):
        return None
    generated = {"recommendations.md", "cases/index.md", "methods/index.md", "instruments/index.md",
                 "sectors/index.md"} | {f"instruments/{key}.md" for key in taxonomy.instruments} | {
                 f"sectors/{key}.md" for key in taxonomy.sectors}
    if parts[0] == "cases" and len(parts) == 2 and ((root / path).is_file() or path in generated):
        href = parts[1]
    elif parts[0] == "methods" and len(parts) == 2 and ((root / path).is_file() or path in generated):
        href = "../" + path
    elif path in generated or (root / "docs" / path).is_file():
        href = "../" + path
    else:
        return None
    return href + (f"#{anchor}" if anchor else "")


def load_mapping(root: Path, path: Path, shown: str, taxonomy: Taxonomy,
                 required: bool) -> tuple[dict[str, str], list[Problem]]:
    """Old link target (whitespace-normalised) → link for a case file."""
    if not path.is_file():
        return {}, ([Problem(shown, None, "file", "missing-file")] if required else [])
    text, problems = decode(path.read_bytes(), shown)
    if text is None:
        return {}, problems
    data, lines, problems = load_yaml(shown, text)
    if data is None or problems:
        return {}, problems
    if not isinstance(data, dict):
        return {}, [Problem(shown, 1, "mapping", "not-mapping", {"value": quote(data)})]
    mapping = {}
    for key, value in data.items():
        href = page_href(value, root, taxonomy) if isinstance(value, str) else None
        if href is None:
            problems.append(Problem(shown, lines.get(str(key), 1), str(key), "mapping-target", {"value": quote(value)}))
        else:
            mapping[" ".join(str(key).split())] = href
    return mapping, problems


def unclosed_link_text(rest: str) -> tuple[int, int]:
    """Start and end in `rest` (the text after an unclosed `<link …>`) of the guessed link text."""
    start = len(rest) - len(rest.lstrip())
    clause = _CLAUSE.match(rest, start).group(0).rstrip()
    end = start + len(clause)
    for word in re.finditer(r"\S+", clause):
        if word.group(0)[0].isupper():
            end = start + word.end()
            break
    return start, end


class _Converter:
    def __init__(self, mapping: dict[str, str], shown: str, mapping_name: str):
        self.mapping = mapping
        self.shown = shown
        self.mapping_name = mapping_name
        self.notes: list[Problem] = []

    def note(self, line: int, field_name: str, code: str, **params) -> None:
        self.notes.append(Problem(self.shown, line, field_name, code, params))

    def resolve(self, target: str, line_number: int) -> str | None:
        target = " ".join(target.split())
        if target in self.mapping:
            return self.mapping[target]
        first = target.split()[0] if target else ""
        if first in self.mapping:
            return self.mapping[first]
        if re.match(r"^https?://[^\s/]+\.\S+$", first):
            page = _page_id(first)
            if page is not None:
                return self.mapping.get(f"index.php?id={page}")
            clean = clean_url(first)
            if clean != first:
                self.note(line_number, "url", "legacy-url-cleaned", value=quote(first), clean=quote(clean))
            return clean
        if re.match(r"^mailto:\S+@\S+$", first):
            return first
        return None

    def text(self, raw: str) -> str:
        return escape_markdown(_decode_entities(raw))

    def link(self, line_number: int, target: str, raw_text: str) -> str:
        inner = self.inline(line_number, raw_text, links=False)
        plain_text = _decode_entities(re.sub(r"<[^>]*>", "", raw_text)).strip()
        href = self.resolve(target, line_number)
        if href is None:
            self.note(line_number, "link", "legacy-unknown-target", value=quote(" ".join(target.split())),
                      text=quote(plain_text), mapping=self.mapping_name)
            return inner or self.text(" ".join(target.split()))
        return f"[{inner.strip() or escape_markdown(href)}]({href})"

    def inline(self, line_number: int, line: str, *, links: bool = True) -> str:
        out: list[str] = []
        position = 0
        while True:
            match = _TOKEN.search(line, position)
            if match is None:
                out.append(self.text(line[position:]))
                return "".join(out)
            out.append(self.text(line[position:match.start()]))
            position = match.end()
            kind = next(name for name in ("link", "close", "anchor", "aclose", "br", "bold", "italic", "tag",
                                          "url", "email") if match.group(name) is not None)
            token = match.group(0)
            if kind in ("link", "anchor") and links:
                closing = re.compile(r"</link\s*>" if kind == "link" else r"</a\s*>", re.I)
                opening = re.compile(r"<link\b" if kind == "link" else r"<a\b", re.I)
                close = closing.search(line, position)
                reopen = opening.search(line, position)
                target = match.group("attr") if kind == "link" else match.group("href")
                if close and (reopen is None or close.start() < reopen.start()):
                    out.append(self.link(line_number, target, line[position:close.start()]))
                    position = close.end()
                else:
                    rest = line[position:reopen.start() if reopen else len(line)]
                    start, end = unclosed_link_text(rest)
                    out.append(rest[:start])
                    guessed = rest[start:end]
                    self.note(line_number, "link", "legacy-unclosed-link", value=quote(" ".join(token.split())),
                              text=quote(guessed))
                    out.append(self.link(line_number, target, guessed))
                    position += end
            elif kind in ("link", "anchor", "close", "aclose", "tag"):
                self.note(line_number, "markup", "legacy-markup", value=quote(token))
            elif kind == "br":
                out.append("  \n")
            elif kind == "bold":
                out.append("**")
            elif kind == "italic":
                out.append("*")
            elif kind == "url":
                url = token.rstrip(".,;:!?)")
                position = match.start() + len(url)
                page = _page_id(url)
                mapped = self.mapping.get(url) or (self.mapping.get(f"index.php?id={page}") if page else None)
                if mapped:
                    out.append(f"<{mapped}>" if mapped.startswith("http") else f"[{escape_markdown(url)}]({mapped})")
                elif page is not None:
                    self.note(line_number, "url", "legacy-page-id-url", value=quote(url), mapping=self.mapping_name)
                    out.append(f"<{url}>")
                else:
                    clean = clean_url(url)
                    if clean != url:
                        self.note(line_number, "url", "legacy-url-cleaned", value=quote(url), clean=quote(clean))
                    out.append(f"<{clean}>")
            elif kind == "email":
                address = re.sub(r"\s?(?:\(at\)|\[at\])\s?", "@", token)
                self.note(line_number, "email", "legacy-email", value=quote(token), clean=quote(address))
                out.append(f"<{address}>")


def convert(text: str, mapping: dict[str, str], shown: str, mapping_name: str = DEFAULT_MAPPING) -> Conversion:
    """Markdown paragraphs from an old website text (already decoded)."""
    converter = _Converter(mapping, shown, mapping_name)
    paragraphs, lines = [], []
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        for piece in _PARAGRAPH_TAG.split(line):
            if not piece.strip():
                continue
            converted = converter.inline(number, piece.strip())
            paragraphs.append(_escape_paragraph_start(converted.strip()))
            lines.append(number)
    plain = [re.sub(r"<[^>]*>", " ", line) for line in text.replace("\r\n", "\n").split("\n")]
    return Conversion("\n\n".join(paragraphs) + "\n", lines, converter.notes, date_in(plain),
                      participants_in(plain))


def _date(match, which: str) -> datetime.date:
    """Day `which` ("1" or "2") of a date match; the first day borrows what it does not name."""
    group = match.groupdict()
    day = int(group[f"d{which}"])
    month = group.get(f"m{which}") or group.get(f"n{which}") or group.get("m2") or group.get("n2")
    month = int(month) if month.isdigit() else _MONTHS[month.lower()]
    year = int(group.get(f"y{which}") or group["y2"])
    return datetime.date(year, month, day)


def date_in(lines: list[str]) -> tuple[str, str | None, str, int] | None:
    """The first date or date range in the text: (first day, last day or None, as written, line)."""
    for number, line in enumerate(lines, start=1):
        found = []
        for pattern in _DATES:
            for match in pattern.finditer(line):
                try:
                    last = _date(match, "2")
                    first = _date(match, "1") if match.groupdict().get("d1") else last
                except ValueError:
                    continue
                if first <= last:
                    found.append((match.start(), -len(match.group(0)), first, last, match.group(0)))
        if found:
            _, _, first, last, written = min(found, key=lambda f: f[:2])
            return first.isoformat(), (last.isoformat() if last != first else None), written, number
    return None


def participants_in(lines: list[str]) -> tuple[dict[str, int], str, int] | None:
    """Groups with a count in brackets, as a proposed `participants` mapping, with where they stand."""
    groups, written, first_line = {}, [], None
    for number, line in enumerate(lines, start=1):
        for match in _GROUP.finditer(line):
            words = []  # the words right before the noun, back to the first article or preposition
            for word in reversed(match.group(1).split()):
                if word.lower() in _NOT_IN_A_GROUP:
                    break
                words.insert(0, word)
            name = " ".join(words + [match.group(2)])
            name = name[0].upper() + name[1:]
            if name not in groups:
                groups[name] = int(match.group(3))
                written.append(f"{' '.join(words + [match.group(2)])} ({match.group(3)})")
                first_line = first_line or number
    return (groups, " … ".join(written), first_line) if groups else None
