"""Issue 10: contributed content is data. Every class of hostile body the issue lists is
reported by `check` with its line and taken out by the sanitiser; the site's Markdown
configuration is the one the sanitiser's check renders with; the policy hashes only the
theme's own inline scripts."""
from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT


def loader():
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !ENV in mkdocs.yml
    return Loader


def test_check_renders_bodies_with_the_sites_markdown_configuration():
    from municipal_handbook.sanitiser import MARKDOWN_CONFIG, MARKDOWN_EXTENSIONS

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=loader())
    extensions = config["markdown_extensions"]
    if isinstance(extensions, list):  # mkdocs.yml may list them or map them to their options
        extensions = dict(next(iter(e.items())) if isinstance(e, dict) else (e, {}) for e in extensions)
    site = {name: options or {} for name, options in extensions.items()}
    assert list(site) == list(MARKDOWN_EXTENSIONS)
    assert {name: options for name, options in site.items() if options} == MARKDOWN_CONFIG


# (body, line of the body it starts on (1 = first body line), text the report must contain)
HOSTILE = {
    "attr_list on a link": ("[x](#){: onclick=alert(1) }", 1, "'{: onclick=' is not allowed in contributed content "
                            "(event attribute onclick=)"),
    "attr_list on an image": ("![x](bild.png){: onerror=alert(1) }", 1, "(event attribute onerror=)"),
    "attr_list on a paragraph": ("Absatz\n{: onmouseover=alert(1) }", 2, "(event attribute onmouseover=)"),
    "attr_list on a heading": ("## Titel {: onclick=alert(1) }", 1, "(event attribute onclick=)"),
    "attr_list inside md_in_html": ('<div markdown="1">\n[x](#){: onclick=alert(1) }\n</div>', 2,
                                    "(event attribute onclick=)"),
    "style through attr_list": ("Text\n{: style='background:url(https://evil.example/x)' }", 2,
                                "(style attribute)"),
    "class through md_in_html": ('<div markdown="1" class="md-button">x</div>', 1, "(attribute class= on <div>)"),
    "quoted >": ('<img src=">" onerror=alert(1)>', 1, "(event attribute onerror=)"),
    "slash between attributes": ("<img/src=x.png/ onerror=alert(1)>", 1, "(event attribute onerror=)"),
    "slash after the tag name": ("<svg/onload=alert(1)>", 1, "(raw <svg> element)"),
    "no space between attributes": ('<div><img src="x"onerror=alert(1)></div>', 1, "(event attribute onerror=)"),
    "tag split across lines": ("<img\nsrc=x\nonerror=alert(1)>", 3, "(event attribute onerror=)"),
    "reference link to javascript:": ("[x][1]\n\n[1]: javascript:alert(1)", 3, "(javascript: URL)"),
    "reference URL on the next line": ("[x][1]\n\n[1]:\n    javascript:alert(1)", 4, "(javascript: URL)"),
    "entity-obfuscated javascript:": ("[x](&#106;avascript:alert(1))", 1, "(javascript: URL)"),
    "tab-obfuscated javascript:": ('<a href="jav&#x09;ascript:alert(1)">x</a>', 1, "(javascript: URL)"),
    "control character before javascript:": ('<a href="&#1;javascript:alert(1)">x</a>', 1, "is not allowed"),
    "svg animate sets href": ('<svg><a><animate attributeName="href" values="javascript:alert(1)"/>'
                              '<text y="20">x</text></a></svg>', 1, "(raw <animate> element)"),
    "svg set": ('<svg><set attributeName="onmouseover" to="alert(1)"/></svg>', 1, "(raw <set> element)"),
    "script": ("<script>alert(1)</script>", 1, "(raw <script> element)"),
    "remote image (HTML)": ("<img src=https://evil.example/x.png>", 1, "images must be files in the repository"),
    "remote image (Markdown)": ("![x](https://evil.example/x.png)", 1, "images must be files in the repository"),
    "protocol-relative image": ("![x](//evil.example/x.png)", 1, "images must be files in the repository"),
    "backslash image": ("![x](/\\evil.example/x.png)", 1, "images must be files in the repository"),
    "srcset": ('<img src="a.png" srcset="https://evil.example/x.png 2x">', 1, "(attribute srcset= on <img>)"),
    "video poster": ('<video poster="https://evil.example/x.png"></video>', 1, "(raw <video> element)"),
    "style attribute": ('<p style="background:url(https://evil.example/x)">x</p>', 1, "(style attribute)"),
    "stylesheet link": ('<link rel=stylesheet href="//evil.example/x.css">', 1, "(raw <link> element)"),
    "svg image": ('<svg><image href="https://evil.example/x.png"/></svg>', 1, "(raw <image> element)"),
    "table background": ('<table background="https://evil.example/x.png"><tr><td>x</td></tr></table>', 1,
                         "(attribute background= on <table>)"),
    "feImage": ('<svg><filter><feImage href="https://evil.example/x.png"/></filter></svg>', 1,
                "(raw <feimage> element)"),
    "iframe": ("<iframe src='https://example.org'></iframe>", 1, "(raw <iframe> element)"),
    "link to another scheme": ("[x](tel:123)", 1, "links must start with https://"),
    "protocol-relative link": ("[x](//evil.example/)", 1, "links must start with https://"),
    "id shadowing the theme": ("## Titel {: #__search }", 1, "(attribute id= on <h2>)"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_check_reports_what_the_sanitiser_removes_with_line_and_fix(name):
    from municipal_handbook.sanitiser import body_problems, removals, render_body, sanitise

    body, line, expected = HOSTILE[name]
    problems = body_problems("cases/x.md", body, 10)
    reports = [p.format("en") for p in problems]
    assert any(expected in r for r in reports), reports
    assert any(r.startswith(f"cases/x.md:{9 + line}: body: ") for r in reports), reports
    clean = sanitise(render_body(body))
    assert not removals(clean), clean  # what is left is all allowed
    assert not re.search(r"\son\w+\s*=|javascript:|style=|evil\.example", clean, re.I), clean


VALID_PROSE = """\
## Ablauf

Ein Absatz mit *Betonung*, **Fett**, `Code`, einem [Link](https://example.org/a?b=1#c), einer
[Methode](../../methods/arbeitsgruppen.md), [Mail](mailto:info@example.org) und einem
![Bild](../../assets/images/bild.png "Titel").

!!! note "Hinweis"
    Eingerückter Text.

| Links | Rechts |
|:--|--:|
| 1 | 2 |

Begriff
:   Erklärung

<details><summary>Mehr</summary>
<p>Text</p>
</details>
"""


def test_prose_markdown_is_kept_unchanged():
    from municipal_handbook.sanitiser import body_problems, render_body, sanitise

    assert body_problems("cases/x.md", VALID_PROSE, 8) == []
    html = render_body(VALID_PROSE)
    clean = sanitise(html)
    for kept in ('href="https://example.org/a?b=1#c"', 'src="../../assets/images/bild.png"', 'class="admonition note"',
                 'align="right"', 'id="ablauf"', 'class="headerlink"', "<dd>", "<details>"):
        assert kept in clean, kept


def test_every_current_case_and_method_passes_check_unchanged():
    from municipal_handbook import load_handbook

    result = load_handbook(ROOT)
    assert result.problems == [], [p.format() for p in result.problems]


def test_policy_hashes_only_scripts_outside_the_content():
    from municipal_handbook import csp

    page = ("<head><meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'self' 'hb-inline-scripts'\">"
            "<script>theme()</script></head><body><article><script>injected()</script></article>"
            '<script id="__config" type="application/json">{}</script><script src="x.js"></script>'
            "<script>after()</script></body>")
    filled = csp.with_script_hashes(page)
    assert csp.script_hash("theme()") in filled and csp.script_hash("after()") in filled
    assert csp.script_hash("injected()") not in filled and csp.script_hash("{}") not in filled
    assert csp.PLACEHOLDER not in filled


def test_build_reports_removed_markup_of_every_file_with_its_line(build_tree):
    front = ("---\ntitle: {title} (Beispiel)\ndate: 2018-04-10\ninstrument: network-meeting\nsectors: [mobility]\n"
             "location: {{city: Köln, country: DE}}\n---\n")
    result = build_tree({
        "cases/2018-04-10-a.md": front.format(title="A") + "Text.\n\n[x](#){: onclick=alert(1) }\n",
        "cases/2018-04-10-b.md": front.format(title="B") + "![x](https://evil.example/x.png)\n",
    })
    assert result.returncode == 1
    assert "cases/2018-04-10-a.md:10: body: '{: onclick=' is not allowed in contributed content" in result.output
    assert "cases/2018-04-10-b.md:8: body: '](https:' is not allowed in contributed content" in result.output
    assert "Traceback" not in result.output


def test_every_built_page_carries_the_policy_with_its_hashes_filled_in(project_build):
    pages = list(project_build.site.rglob("*.html"))
    assert any(p.name == "404.html" for p in pages)
    for path in pages:
        html = path.read_text(encoding="utf-8")
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
        assert policy, path
        assert "'hb-inline-scripts'" not in policy.group(1) and "'unsafe-inline'" not in policy.group(1), path
        assert "'sha256-" in policy.group(1), path
        assert html.index("Content-Security-Policy") < html.index("<script"), path
