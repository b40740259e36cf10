"""Web addresses written out in Markdown become links a reader can tap.

Source lists are written as "- Title: https://…" or "- Title, https://…"; the title becomes the
link text. Any other bare address becomes a link labelled with its host and path. Addresses in
code, in existing links and in angle brackets stay as they are.
"""
from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(.*?)\1")
# A list item whose title is followed by its address: "- Connective Cities: Skopje, https://…",
# perhaps with more after it ("(englisch: https://…)").
_SOURCE_ITEM = re.compile(r"^(\s*(?:[-*+]|\d+[.)])\s+)(?!\[)(\S(?:(?!://).)*?)\s*[:,]\s+(https?://[^\s<>]+?)"
                          r"([.;]?(?:\s.*)?)$")
# A bare address: not the target of a Markdown link, not in <…>, not part of a longer word.
_BARE = re.compile(r"(?<![\w(<\[\"'=/])https?://[^\s<>\[\]\"'`]+")
_TRAILING = ".,;:!?)"


def label(url: str) -> str:
    """Host and path, readable: 'connective-cities.net/termine/radverkehr'."""
    parts = urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    return unquote(host + parts.path.rstrip("/"))


def _markdown_text(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", text)


def _link_bare(text: str) -> str:
    def link(match: re.Match) -> str:
        url = match.group(0)
        tail = ""
        while url and url[-1] in _TRAILING and not (url[-1] == ")" and "(" in url):
            url, tail = url[:-1], url[-1] + tail
        return f"[{_markdown_text(label(url))}]({url}){tail}"

    pieces = []
    last = 0
    for code in _CODE_SPAN.finditer(text):  # addresses in code spans are code
        pieces += [_BARE.sub(link, text[last:code.start()]), code.group(0)]
        last = code.end()
    return "".join(pieces) + _BARE.sub(link, text[last:])


def link_addresses(markdown: str) -> str:
    """The Markdown with every written-out web address outside code turned into a link."""
    if "://" not in markdown:
        return markdown
    lines = []
    fenced = False
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and "://" in line:
            item = _SOURCE_ITEM.match(line)
            if item and "](" not in item.group(2) and "`" not in item.group(2):
                prefix, title, url, rest = item.groups()
                line = f"{prefix}[{title}]({url}){_link_bare(rest)}"
            else:
                line = _link_bare(line)
        lines.append(line)
    return "\n".join(lines)
