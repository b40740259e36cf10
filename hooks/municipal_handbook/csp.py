"""The Content-Security-Policy's hashes for the inline scripts the theme writes into a page.

The policy itself is in `overrides/main.html`; it names `'hb-inline-scripts'` where the
hashes go. Material's inline scripts differ between pages (one holds the page's path to the
site root), so they are hashed per built page. Only scripts outside the page's <article> are
hashed: whatever a page's content holds is never allowed by the policy, even if it got past
the sanitiser.
"""
from __future__ import annotations

import base64
import hashlib
import re

PLACEHOLDER = "'hb-inline-scripts'"
_INLINE_SCRIPT = re.compile(r"<script(\s[^>]*)?>(.*?)</script>", re.S | re.I)
_NOT_JAVASCRIPT = re.compile(r"""\btype\s*=\s*["']?(?!text/javascript|module)[a-z]""", re.I)
_SOURCED = re.compile(r"\bsrc\s*=", re.I)


def script_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def theme_scripts(html: str) -> list[str]:
    """The text of every inline script outside the page's content (its <article>)."""
    start, end = html.find("<article"), html.rfind("</article>")
    outside = html[:start] + html[end:] if 0 <= start < end else html
    return [m.group(2) for m in _INLINE_SCRIPT.finditer(outside)
            if not _SOURCED.search(m.group(1) or "") and not _NOT_JAVASCRIPT.search(m.group(1) or "")]


_FRAME_SCRIPT = re.compile(r"<script>(postMessage=\$\{(\w)\};importScripts=\$\{(\w)\};.*?)<\\/script>", re.S)
_WORKER = re.compile(r'<script id="__config" type="application/json">.*?"search": "([^"]*)"', re.S)


def frame_script(shim: str, html: str) -> str | None:
    """The inline script the vendored iframe-worker shim writes into the frame that runs search
    from file:// (it inherits the page's policy): the shim's template with its two helper
    functions' source text and this page's worker address filled in, as the browser builds it."""
    template, worker = _FRAME_SCRIPT.search(shim), _WORKER.search(html)
    if not template or not worker:
        return None
    text = template.group(1)
    for name in (template.group(2), template.group(3)):
        text = text.replace("${%s}" % name, _function_source(shim, name))
    return text.replace("${e}", worker.group(1))


def _function_source(source: str, name: str) -> str:
    """`function NAME(…){…}` as written in the source (what `${NAME}` turns into), braces matched."""
    start = source.index(f"function {name}(")
    depth, index = 0, source.index("{", start)
    while True:
        depth += {"{": 1, "}": -1}.get(source[index], 0)
        index += 1
        if depth == 0:
            return source[start:index]


def with_script_hashes(html: str, *, shim: str | None = None) -> str:
    """The page with the policy's placeholder replaced by the hashes of its theme scripts
    (and of the iframe-worker shim's frame script, given the shim's source)."""
    if PLACEHOLDER not in html:
        return html
    scripts = set(theme_scripts(html))
    if shim and (framed := frame_script(shim, html)):
        scripts.add(framed)
    return html.replace(PLACEHOLDER, " ".join(sorted(script_hash(s) for s in scripts)), 1)


def allow_script(html: str, script: str) -> str:
    """The page with one more inline script allowed: the live-reload script `mkdocs serve`
    adds to each response (it differs per request, so only the response can be hashed)."""
    return html.replace("script-src 'self'", f"script-src 'self' {script_hash(script)}", 1)
