"""Reading a front-mattered Markdown file into plain data, keeping the line of every field.

Contributors need `path:line` in every error, which a plain `yaml.safe_load` cannot
give; so the YAML is composed into nodes first and the lines are read off them.
Dates stay strings here: YAML's own date parsing raises on `2018-02-30` and
would turn a contributor's typo into a traceback.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import frontmatter
import yaml

from .problems import INVISIBLE, Problem, quote


class _Loader(yaml.SafeLoader):
    """Safe YAML without implicit timestamps (dates are checked by the validator)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

if hasattr(yaml, "CSafeLoader"):
    class _FastLoader(yaml.CSafeLoader):
        """The same, parsed by libyaml: the same nodes and lines, many times faster (thousands of
        cases are read on every build). Its error messages differ, so errors are reported by
        parsing once more with `_Loader`."""

    _FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
else:  # PyYAML built without libyaml
    _FastLoader = None

_FRONT_MATTER = frontmatter.YAMLHandler()
# Markdown link targets: inline `[text](target)` and reference definitions `[label]: target`
# (two patterns: the first starts with a literal, which keeps scanning thousands of bodies fast).
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")
_REFERENCE_LINK = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)", re.M)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_FENCED = re.compile(r"^\s{0,3}(```|~~~).*?^\s{0,3}\1", re.S | re.M)


_NOT_NEWLINE = re.compile(r"[^\n]+")


def _blank(match: re.Match) -> str:
    """The matched text as spaces, its line breaks kept, so what follows keeps its line."""
    return _NOT_NEWLINE.sub(lambda run: " " * len(run.group(0)), match.group(0))


@dataclass(frozen=True)
class SourceDocument:
    """A content file as data: front-matter values, where each sits, and the body."""

    path: str  # relative to the project root, with forward slashes
    meta: dict
    lines: dict  # field path ("location.city", "sectors[1]") -> line in the file
    body: str
    body_line: int  # line of the file on which the body starts
    # mapping field path ("" for the front matter itself) -> (written as {…}, column of its keys,
    # line of its last key): where a missing key would go, for a fix that can be pasted as it is
    mappings: dict = field(default_factory=dict)

    @cached_property  # asked for often by the checks across files
    def slug(self) -> str:
        return Path(self.path).stem

    @cached_property  # read by a check on every load; a live preview keeps unchanged documents
    def links(self) -> tuple[tuple[int, str], ...]:
        """(line in the file, path from the project root) of every relative link in the body that
        a reader sees: not in code blocks, not in HTML comments (templates explain links in one)."""
        body = self.body
        if "](" not in body and "]:" not in body:  # most bodies link nothing relative
            return ()
        if "<!--" in body:
            body = _COMMENT.sub(_blank, body)
        if "```" in body or "~~~" in body:
            body = _FENCED.sub(_blank, body)
        folder = posixpath.dirname(self.path)
        found = []
        matches = list(_INLINE_LINK.finditer(body))
        if "]:" in body:
            matches = sorted(matches + list(_REFERENCE_LINK.finditer(body)), key=lambda m: m.start())
        for match in matches:
            target = match.group(1).split("#")[0].split("?")[0]
            if target and "://" not in target and not target.startswith(("/", "mailto:")):
                found.append((self.body_line + body.count("\n", 0, match.start()),
                              posixpath.normpath(posixpath.join(folder, target))))
        return tuple(found)

    def line_of(self, field: str) -> int:
        """Line of a field, falling back to its parent, then to the front matter's start."""
        while field:
            if field in self.lines:
                return self.lines[field]
            field = field.rpartition("[")[0] if field.endswith("]") else field.rpartition(".")[0]
        return 1


def decode(data: bytes, shown_as: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text, or a problem naming the line and column of the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [Problem(shown_as, line, "file", "not-utf8",
                              {"byte": f"0x{data[error.start]:02X}", "column": column})]


def read_document(root: Path, relative_path: str) -> tuple[SourceDocument | None, list[Problem]]:
    text, problems = decode((root / relative_path).read_bytes(), relative_path)
    if text is None:
        return None, problems
    return parse_document(relative_path, text)


def parse_document(path: str, text: str) -> tuple[SourceDocument | None, list[Problem]]:
    text = text.replace("\r\n", "\n")
    if not _FRONT_MATTER.detect(text):
        return None, [Problem(path, 1, "front matter", "no-front-matter")]
    try:
        front, body = _FRONT_MATTER.split(text)
    except ValueError:  # opened with '---' on line 1, never closed
        return None, [_unclosed(path, text)]
    # The front matter text begins right after the opening '---' on line 1.
    body_line = text.count("\n", 0, len(text) - len(body)) + 1
    meta, lines, problems = load_yaml(path, front)
    if meta is None:
        return None, problems
    if not isinstance(meta, dict):
        return None, [Problem(path, 2, "front matter", "not-mapping", {"value": quote(meta)})]
    return SourceDocument(path, meta, lines, body, body_line, getattr(lines, "mappings", {})), problems


def _unclosed(path: str, text: str) -> Problem:
    """Where the closing '---' probably belongs: before the first empty line after the fields."""
    lines = text.split("\n")
    blank = next((number for number, line in enumerate(lines[1:], start=2) if not line.strip()), None)
    return Problem(path, 1, "front matter", "unclosed-front-matter" if blank else "unclosed-front-matter-end",
                   {"line": blank})


def _tab(path: str, text: str, line: int) -> Problem | None:
    """A tab where YAML wants spaces, on or before the line the parser stopped at."""
    lines = text.split("\n")
    for number in range(min(line, len(lines)), 0, -1):
        column = lines[number - 1].find("\t")
        if column >= 0:
            return Problem(path, number, "front matter", "tab", {"line": number, "column": column + 1})
    return None


MAX_FRONT_MATTER = 64 * 1024  # characters; the longest real front matter is a few kilobytes
MAX_DEPTH = 8  # nesting of lists and mappings; the contract needs 3
MAX_FIELD = 5000  # characters in one value


def refused_construct(path: str, text: str) -> Problem | None:
    """YAML that a case never needs and that makes loading costly or surprising, found in the
    parser's event stream before anything is composed or expanded: anchors and aliases (alias
    bombs, self-reference), merge keys, explicit tags (`!!int`, `!!timestamp`, `!python/…`),
    deep nesting, huge values. None if the text has none of these (or is not YAML at all:
    the normal parse words that error)."""
    if len(text) > MAX_FRONT_MATTER:
        return Problem(path, 1, "front matter", "front-matter-too-long", {"size": len(text), "max": MAX_FRONT_MATTER})
    invisible = INVISIBLE.search(text)  # raw in the file; escapes such as "\a" are checked per field
    if invisible:
        start = text.rfind("\n", 0, invisible.start()) + 1
        end = text.find("\n", invisible.start())
        return Problem(path, text.count("\n", 0, start) + 1, "front matter", "control-character",
                       {"value": quote(text[start:end if end >= 0 else len(text)]),
                        "character": f"U+{ord(invisible.group(0)):04X}", "position": invisible.start() - start + 1})
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_FastLoader or _Loader):
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent):
                return Problem(path, line, "front matter", "yaml-alias", {"value": quote("*" + str(event.anchor))})
            if getattr(event, "anchor", None) is not None:
                return Problem(path, line, "front matter", "yaml-anchor", {"value": quote("&" + str(event.anchor))})
            if getattr(event, "tag", None) is not None:
                return Problem(path, line, "front matter", "yaml-tag", {"value": quote(event.tag)})
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return Problem(path, line, "front matter", "yaml-depth", {"max": MAX_DEPTH})
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            elif isinstance(event, yaml.ScalarEvent):
                if event.value == "<<" and event.implicit[0]:
                    return Problem(path, line, "front matter", "yaml-merge", {})
                if len(event.value) > MAX_FIELD:
                    return Problem(path, line, "front matter", "field-too-long",
                                   {"size": len(event.value), "max": MAX_FIELD})
    except yaml.YAMLError:
        return None
    return None


def load_yaml(path: str, text: str) -> tuple[object, dict, list[Problem]]:
    """Data, the line of every field, and problems (data is None if the YAML is broken or
    uses what `refused_construct` refuses).

    Lines are counted from the start of `text`, which for front matter begins on
    the line of the opening '---', so the counts match the file.
    """
    refused = refused_construct(path, text)
    if refused:
        return None, {}, [refused]
    if _FastLoader is not None:
        try:
            loader = _FastLoader(text)
            try:
                node = loader.get_single_node()
                data = loader.construct_document(node) if node is not None else {}
            finally:
                loader.dispose()
        except yaml.YAMLError:
            node = False  # parse again below, for PyYAML's wording of the error
        if node is not False:
            return _with_lines(path, node, data)
    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.YAMLError as error:
        # An unclosed bracket or quote is noticed lines later; point at where it opened.
        opened = getattr(error, "context_mark", None)
        noticed = getattr(error, "problem_mark", None)
        mark = opened or noticed
        detail = " ".join(str(getattr(error, "problem", None) or error).split())
        if opened and noticed and noticed.line != opened.line:
            detail += f" (noticed on line {noticed.line + 1})"
        tab = _tab(path, text, noticed.line + 1) if noticed and "'\\t'" in detail else None
        if tab:
            return None, {}, [tab]
        return None, {}, [Problem(path, mark.line + 1 if mark else 1, "front matter", "yaml", {"detail": detail})]
    finally:
        if loader is not None:
            loader.dispose()
    return _with_lines(path, node, data)


class FieldLines(dict):
    """Field path -> line, and in `mappings` the layout of every mapping (see SourceDocument)."""

    mappings: dict


def _with_lines(path: str, node, data) -> tuple[object, dict, list[Problem]]:
    lines = FieldLines()
    lines.mappings = {}
    problems: list[Problem] = []
    _record_lines(node, "", lines, problems, path, lines.mappings)
    return data, lines, problems


def _record_lines(node, prefix: str, lines: dict, problems: list, path: str, mappings: dict) -> None:
    """Walk the YAML nodes, noting each field's line, any key given twice, and each mapping's layout."""
    if node is None:
        return
    if isinstance(node, yaml.MappingNode):
        if node.value:
            first, last = node.value[0][0], node.value[-1][0]
            mappings[prefix] = (bool(node.flow_style), first.start_mark.column, last.start_mark.line + 1)
        else:
            mappings[prefix] = (True, node.start_mark.column, node.start_mark.line + 1)
        for key_node, value_node in node.value:
            name = f"{prefix}.{key_node.value}" if prefix else str(key_node.value)
            line = key_node.start_mark.line + 1
            if name in lines:
                problems.append(Problem(path, line, name, "duplicate-key", {"first": lines[name]}))
                continue
            lines[name] = line
            _record_lines(value_node, name, lines, problems, path, mappings)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            name = f"{prefix}[{index}]"
            lines[name] = item.start_mark.line + 1
            _record_lines(item, name, lines, problems, path, mappings)
