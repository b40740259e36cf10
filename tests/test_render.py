"""Generated HTML is handed past Python-Markdown (it is slow on long lists): the pages must read
exactly as if Markdown had passed the HTML through itself."""
import re

import pytest

from conftest import ROOT, make_tree
from corpus import ALL
from municipal_handbook.sanitiser import BODY_END, BODY_START, render_body  # Markdown as the site has it


def _html(text: str) -> str:
    return re.sub(r"\n+", "\n", render_body(text)).strip()


def _pages(root, language):
    """Every generated page of the corpus at root, as the hook renders it."""
    from municipal_handbook import load_handbook
    from municipal_handbook.render import Renderer
    from municipal_handbook.site import PageSizes, breadcrumb, plan_pages

    handbook = load_handbook(root).handbook
    renderer = Renderer(handbook, language)
    plans = plan_pages(handbook, renderer.language.gettext, renderer.formats.label, renderer.formats.country_name,
                       PageSizes())
    for path, plan in plans.items():
        yield path, renderer.render_page(plan.template, url=lambda target: target, title=plan.title,
                                         trail=breadcrumb(plans, plan), **plan.context())


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_generated_page_reads_as_if_markdown_had_converted_its_html(language, tmp_path):
    set_aside = left = 0  # bytes of generated HTML
    for root in (ROOT, make_tree(tmp_path, ALL)):  # the real corpus; the fixtures (untranslated texts)
        for path, page in _pages(root, language):
            html = page.fill(render_body(page.markdown))
            assert _html(page.filled_markdown()) == _html(html), path
            assert not re.search(r"hb-html-[0-9a-f]+-\d+", html), path
            set_aside += sum(map(len, page.blocks.values()))
            generated = re.sub(f"{BODY_START}.*?{BODY_END}", "", page.markdown, flags=re.S)
            left += sum(len(line) for line in generated.split("\n") if line.startswith("<"))
    assert set_aside / (set_aside + left) > 0.95  # fact boxes, lists, tables: the parser skips nearly all


def test_contributed_bodies_and_markdown_blocks_are_never_set_aside():
    from municipal_handbook.render import set_aside_html

    text = "\n\n".join([
        '<dl class="facts"><div><dt>a</dt><dd>b</dd></div></dl>',
        BODY_START, "<p>contributed</p>", "<div>\n\n*spans a blank line*\n\n</div>", BODY_END,
        '<div lang="en" markdown>', "*Markdown*", "</div>",
        "<table>\n<tr><td>1</td></tr>", "<tr><td>2</td></tr>\n</table>",
        "<div>\n<p>a</p>", '<div lang="de" markdown>\n*parsed*\n</div>', "</div>",
        "<h3>Theme</h3>\n<ul>\n<li>one</li>\n</ul>",
        "<hr>", "<p>after a rule</p>",
        "# A heading\n<p>under it</p>",
    ])
    page = set_aside_html(text, "hb-html-test-")
    assert sorted(page.blocks.values()) == sorted([
        '<dl class="facts"><div><dt>a</dt><dd>b</dd></div></dl>',
        "<table>\n<tr><td>1</td></tr>\n\n<tr><td>2</td></tr>\n</table>",
        "<h3>Theme</h3>\n<ul>\n<li>one</li>\n</ul>",
        "<p>after a rule</p>",
    ])
    assert page.filled_markdown() == text
    assert "<p>contributed</p>" in page.markdown and "*parsed*" in page.markdown


def test_a_contributor_cannot_forge_a_placeholder():
    """A body that spells out another build's placeholders keeps them as text: every renderer's
    placeholders hold a fresh secret."""
    earlier, this = (next(page for _, page in _pages(ROOT, "de") if page.blocks) for _ in range(2))
    assert earlier.prefix != this.prefix
    forged = "".join(f"<p>{token}</p>" for token in earlier.blocks)
    assert this.fill(forged) == forged
