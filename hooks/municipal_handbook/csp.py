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


def with_script_hashes(html: str) -> str:
    """The page with the policy's placeholder replaced by the hashes of its theme scripts."""
    if PLACEHOLDER not in html:
        return html
    scripts = set(theme_scripts(html))
    return html.replace(PLACEHOLDER, " ".join(sorted(script_hash(s) for s in scripts)), 1)


def allow_script(html: str, script: str) -> str:
    """The page with one more inline script allowed: the live-reload script `mkdocs serve`
    adds to each response (it differs per request, so only the response can be hashed)."""
    return html.replace("script-src 'self'", f"script-src 'self' {script_hash(script)}", 1)
