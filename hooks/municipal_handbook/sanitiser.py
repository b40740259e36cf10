"""Contributed Markdown bodies become prose HTML and nothing else.

The guarantee is an allowlist sanitiser (nh3, the binding of the Rust crate Ammonia, which
parses like a browser), applied to the HTML of a contributed body where it is rendered, not
patterns over source lines. What it keeps: elements and attributes fit for prose, links to
http(s), mailto or relative addresses, images from the repository only. Everything else
(scripts, event handlers, `style`, SVG/MathML, forms, embeds, resources from other hosts,
attributes a contributor adds with `{: … }` or `markdown="1"`) is removed.

`check` renders each body the way the site does and reports every removal with file, line,
reason and what to write instead, so a page is never silently different from its source.
"""
from __future__ import annotations

import html as html_module
import re
from dataclasses import dataclass

import nh3

from .problems import Problem

# Around a contributed body in a page's Markdown; the page's HTML between the first start and
# the last end marker is the contributor's, and only that is sanitised (the generated markup
# around it comes from escaped templates). A body cannot move text before the start marker,
# and a fake end marker inside it only ends up inside the sanitised part.
BODY_START = "<!-- hb:contributed-body -->"
BODY_END = "<!-- /hb:contributed-body -->"

# The site's Markdown, as in mkdocs.yml (tests/test_security.py keeps the two equal).
MARKDOWN_EXTENSIONS = ("attr_list", "md_in_html", "admonition", "tables", "def_list", "toc")
MARKDOWN_CONFIG = {"toc": {"permalink": True, "permalink_title": "Link zu diesem Abschnitt"},
                   "tables": {"use_align_attribute": True}}

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
PROSE_ELEMENTS = frozenset({
    "p", "br", "hr", "blockquote", "pre", "code", "kbd", "samp", "var", "em", "strong", "b", "i", "u",
    "s", "del", "ins", "mark", "small", "sub", "sup", "abbr", "cite", "q", "dfn", "span", "div", "a",
    "img", "figure", "figcaption", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot",
    "tr", "th", "td", "caption", "details", "summary", "time", "bdi", "wbr",
}) | HEADINGS
ATTRIBUTES = {
    "*": {"title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "reversed"},
    "time": {"datetime"},
    "details": {"open"},
    **{heading: {"id"} for heading in HEADINGS},
}
ALIGNED = {cell: {"align": {"left", "center", "right"}} for cell in ("th", "td")}  # Markdown tables
ADMONITIONS = frozenset({
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success", "check",
    "done", "question", "help", "faq", "warning", "caution", "attention", "failure", "fail", "missing",
    "danger", "error", "bug", "example", "quote", "cite"})
CLASSES = {"a": {"headerlink"}, "div": {"admonition", *ADMONITIONS}, "p": {"admonition-title"}}
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\Z")  # heading anchors: never Material's own `__…` ids
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_TAG_NAME = re.compile(r"<([A-Za-z][^\t\n\f\r />]*)")
_URL_NOISE = re.compile(r"[\t\n\r]")  # browsers drop these anywhere in a URL


@dataclass(frozen=True)
class Removal:
    """One thing the sanitiser takes out of a body: an element, an attribute or a URL."""

    kind: str  # "element" | "attribute" | "url"
    element: str
    attribute: str = ""
    value: str = ""
    reason: str = ""  # the Problem code that explains it


def url_refusal(element: str, value: str) -> str | None:
    """Why a link or image address is refused (a Problem code), or None if it is kept.

    Decided on the decoded value, the way a browser reads it: surrounding spaces and control
    characters stripped, tabs and newlines dropped, backslashes taken as slashes.
    """
    url = _URL_NOISE.sub("", value.strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12"
                                         "\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f \t\n\r"))
    image = element == "img"
    if any(ord(c) < 0x20 or c in "\\\x7f" or c.isspace() for c in url):
        return "remote-image" if image else "unsafe-link"
    scheme = _SCHEME.match(url)
    if image:
        return "remote-image" if scheme or url.startswith("/") else None
    if scheme:
        return None if scheme.group(1).lower() in LINK_SCHEMES else "unsafe-link"
    return "unsafe-link" if url.startswith("//") else None


def _keep(element: str, attribute: str, value: str) -> str | None:
    """nh3's attribute filter: the rules an allowlist of names cannot express."""
    if attribute in ("href", "src"):
        return None if url_refusal(element, value) else value
    if attribute == "id":
        return value if _ID.match(value) else None
    return value


def sanitise(html: str) -> str:
    """The body's HTML with only what PROSE_ELEMENTS, ATTRIBUTES and the URL rules allow."""
    return nh3.clean(html, tags=set(PROSE_ELEMENTS), attributes={k: set(v) for k, v in ATTRIBUTES.items()},
                     tag_attribute_values=ALIGNED, allowed_classes=CLASSES, attribute_filter=_keep,
                     url_schemes=set(LINK_SCHEMES), link_rel=None, strip_comments=True)


def sanitise_page(html: str) -> str:
    """A case or method page's HTML with its contributed body sanitised and the markers gone."""
    start = html.find(BODY_START)
    end = html.rfind(BODY_END)
    if start < 0 or end < start:
        raise ValueError("the page has no contributed-body markers; it was not rendered from the templates")
    return html[:start] + sanitise(html[start + len(BODY_START):end]) + html[end + len(BODY_END):]


def contributed_body(html: str) -> str:
    """The HTML between the markers (what `removals` inspects in a built page)."""
    start = html.find(BODY_START)
    end = html.rfind(BODY_END)
    return html[start + len(BODY_START):end] if 0 <= start <= end else html


def removals(html: str) -> list[Removal]:
    """Everything `sanitise` would take out of this HTML, as the same parser sees it.

    nh3 is run once more keeping every element and attribute, and reports each attribute
    to a callback; element names come from a scan that finds every possible start tag.
    """
    found: list[Removal] = []
    names = {m.group(1).lower() for m in _TAG_NAME.finditer(html)}
    found += [Removal("element", name, reason=_element_reason(name)) for name in sorted(names - PROSE_ELEMENTS)]
    # Every scheme that might appear once entities are decoded, so the recording run keeps all URLs.
    schemes = {m.group(1).lower() for m in _SCHEME.finditer(_URL_NOISE.sub("", html_module.unescape(html)))}
    seen: list[tuple[str, str, str]] = []
    nh3.clean(html, tags=names | PROSE_ELEMENTS, clean_content_tags=set(), attributes={},
              generic_attribute_prefixes={""}, attribute_filter=lambda e, a, v: seen.append((e, a, v)) or v,
              url_schemes=schemes | LINK_SCHEMES, link_rel=None, strip_comments=True)
    for element, attribute, value in seen:
        if element not in PROSE_ELEMENTS:
            continue  # the element goes, with its attributes: reported once above
        allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(element, set())
        if attribute in allowed:
            if attribute in ("href", "src") and (reason := url_refusal(element, value)):
                found.append(Removal("url", element, attribute, value, reason))
            elif attribute == "id" and not _ID.match(value):
                found.append(Removal("attribute", element, attribute, value, "unsafe-attribute"))
        elif attribute == "class" and element in CLASSES:
            if not set(value.split()) <= CLASSES[element]:
                found.append(Removal("attribute", element, attribute, value, "unsafe-attribute"))
        elif attribute == "align" and element in ALIGNED and value in ALIGNED[element]["align"]:
            continue
        else:
            found.append(Removal("attribute", element, attribute, value, "unsafe-attribute"))
    return found


def _element_reason(name: str) -> str:
    if name in ("img", "picture", "video", "audio", "source", "track", "image", "embed", "object", "iframe"):
        return "embedded-element"
    return "unsafe-markup"


def render_body(body: str) -> str:
    """A body's HTML as the site renders it (Python-Markdown with the site's extensions)."""
    import markdown

    return markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), extension_configs=MARKDOWN_CONFIG).convert(body)


# ------------------------------------------------------------------ what `check` reports

_OPENERS = {"[": "]", "(": ")", "<": ">"}
_BRACKETS = re.compile(r"[\[\]()<>]")
COST_FACTOR = 20  # Markdown's scans from unclosed brackets, per character of the body
COST_FLOOR = 20_000
MAX_BODY = 512 * 1024  # characters; a long report is a few tens of thousands


def scan_cost(body: str) -> tuple[int, int]:
    """How far Markdown's parsers would scan from every opener to the next closing character
    (to the end for an unclosed one), summed; and the offset of the first opener left open for
    more than 2,000 characters. Openers are what starts such a scan: every '[', a '(' right
    after ']' (a link's address), a '<' before a letter, '/', '!' or '?' (a tag). Linear: one
    pass from the end over the brackets alone (a body is mostly prose without any)."""
    total, worst = 0, -1
    next_close = {closer: len(body) for closer in _OPENERS.values()}
    for index in reversed([match.start() for match in _BRACKETS.finditer(body)]):
        char = body[index]
        if char in next_close:
            next_close[char] = index
            continue
        if char == "(" and (index == 0 or body[index - 1] != "]"):
            continue
        if char == "<" and not (index + 1 < len(body) and (body[index + 1].isalpha() or body[index + 1] in "/!?")):
            continue
        distance = next_close[_OPENERS[char]] - index
        total += distance
        if distance > 2000:
            worst = index
    return total, worst


def body_problems(path: str, body: str, body_line: int, html: str | None = None) -> list[Problem]:
    """Problems of a contributed body: too costly to render, or markup the sanitiser removes.

    `html` is the body's HTML if already rendered (the build passes the page's); otherwise it
    is rendered here as the site would.
    """
    if len(body) > MAX_BODY:
        return [Problem(path, body_line, "body", "body-too-long", {"size": len(body), "max": MAX_BODY})]
    cost, worst = scan_cost(body)
    if cost > COST_FACTOR * len(body) + COST_FLOOR:
        line = body_line + body.count("\n", 0, max(worst, 0))
        opener = body[worst] if worst >= 0 else "["
        return [Problem(path, line, "body", "unclosed-brackets", {"value": f"'{opener}'", "char": opener,
                                                                       "closer": _OPENERS[opener]})]
    if html is None:
        html = render_body(body)
    locate = _Locator(body, body_line)
    problems = []
    for removal in dict.fromkeys(removals(html)):
        line, snippet, detail = locate(removal)
        problems.append(Problem(path, line, "body", removal.reason, {"value": _quote(snippet), "detail": detail}))
    return sorted(problems, key=lambda problem: problem.line)


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return f"'{text[:77]}...'" if len(text) > 80 else f"'{text}'"


class _Locator:
    """Finds where in the source a removal comes from: line, the text to quote, the reason."""

    def __init__(self, body: str, body_line: int):
        self.lines = body.split("\n")
        self.decoded = [_URL_NOISE.sub("", html_module.unescape(line)) for line in self.lines]
        self.body_line = body_line
        self.cursor: dict = {}  # pattern -> (line, column) after its previous hit: the next removal of
        # the same kind is found further on, so repeated removals point at their own lines

    def _first(self, pattern: re.Pattern, decoded: bool = False):
        lines = self.decoded if decoded else self.lines
        key = (pattern.pattern, decoded)
        start_line, start_column = self.cursor.get(key, (0, 0))
        for begin in ((start_line, start_column), (0, 0)):
            for offset in range(begin[0], len(lines)):
                match = pattern.search(lines[offset], begin[1] if offset == begin[0] else 0)
                if match:
                    self.cursor[key] = (offset, match.end())
                    return self.body_line + offset, match.group(0)
        return None

    def __call__(self, removal: Removal) -> tuple[int, str, str]:
        name = re.escape(removal.element)
        if removal.kind == "element":
            hit = self._first(re.compile(rf"<\s*{name}\b", re.I))
            return (*(hit or (self.body_line, f"<{removal.element}")), f"raw <{removal.element}> element")
        attribute = re.escape(removal.attribute)
        if removal.kind == "url":
            url = _URL_NOISE.sub("", removal.value).strip()
            scheme = _SCHEME.match(url)
            needle = re.escape(scheme.group(0) if scheme else url[:40] or removal.attribute)
            hit = self._first(re.compile(rf"(?:\]\(\s*<?|\b{attribute}\s*=\s*[\"']?\s*|\]:\s*|<)?\s*{needle}", re.I),
                              decoded=True)
            detail = f"{scheme.group(1).lower()}: URL" if scheme else f"address {url[:40]!r}"
            return (*(hit or (self.body_line, removal.value)), detail)
        value = rf"(?=\s*[\"']?{re.escape(removal.value[:30])})" if removal.value else ""
        hit = (self._first(re.compile(rf"[<{{][^<{{]*?\b{attribute}\s*={value}", re.I))
               or self._first(re.compile(rf"\b{attribute}\s*={value}", re.I))
               or self._first(re.compile(rf"[<{{][^<{{]*?\b{attribute}\s*=", re.I))
               or self._first(re.compile(rf"[<{{][^<{{]*?[\s.#]{attribute}\b", re.I))
               or self._first(re.compile(rf"\b{attribute}\s*=", re.I)))
        if removal.attribute.startswith("on"):
            detail = f"event attribute {removal.attribute}="
        elif removal.attribute == "style":
            detail = "style attribute"
        else:
            detail = f"attribute {removal.attribute}= on <{removal.element}>"
        return (*(hit or (self.body_line, f"{removal.attribute}=")), detail)
