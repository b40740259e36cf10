"""The built handbook as a reader meets it: case and method pages, links, edit links, navigation."""
import re

import pytest

from corpus import ALL


EDIT = {"HANDBOOK_REPOSITORY": "https://git.example.org/hb"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from conftest import built_site

    return built_site(tmp_path_factory, "site", ALL, env=EDIT)


def links(html: str) -> list[str]:
    import html as html_module

    return [html_module.unescape(href) for href in re.findall(r'href="([^"]+)"', html)]


def test_case_page_opens_with_linked_fact_box(site):
    html = site.html("cases/2017-06-01-testdialog/")
    facts = html[html.index('class="hb-facts"'):html.index("</dl>")]
    assert "1.–3. Juni 2017" in facts
    assert "Teststadt, Deutschland" in facts
    assert '<a href="../../instruments/dialogue-event/">Dialogveranstaltung</a>' in facts
    assert '<a href="../../sectors/mobility/">Mobilität</a>' in facts
    assert '<a href="../../sectors/urban-development/">Stadtentwicklung</a>' in facts
    assert "15 insgesamt: Verwaltung 10, Unternehmen 5" in facts
    assert '<a href="../../methods/gruppenarbeit/">Gruppenarbeit (Testmethode)</a>' in facts
    assert '<a href="https&#58;//example.org/testdialog">Originalbericht</a>' in facts
    assert html.index('class="hb-facts"') < html.index("Zaunkönigsfeder")


def test_online_case_shows_online_as_place(site):
    assert "<dd>online</dd>" in site.html("cases/2020-02-01-testabfall/")


def test_edit_link_opens_the_contributors_file(site):
    html = site.html("cases/2018-03-01-testworkshop/")
    assert 'href="https://git.example.org/hb/edit/main/cases/2018-03-01-testworkshop.md"' in html
    method = site.html("methods/besichtigung/")
    assert 'href="https://git.example.org/hb/edit/main/methods/besichtigung.md"' in method


def test_method_page_lists_instruments_and_cases_newest_first(site):
    html = site.html("methods/gruppenarbeit/")
    assert '<a href="../../instruments/network-meeting/">Netzwerktreffen</a>' in html
    used = html[html.index('id="faelle"'):]
    assert used.index("Testworkshop Radverkehr") < used.index("Testdialog Mobilität")
    assert "Testentsendung" not in used


def test_related_methods_show_on_both_sides(site):
    assert '<a href="../gruppenarbeit/">Gruppenarbeit (Testmethode)</a>' in site.html("methods/besichtigung/")
    assert '<a href="../besichtigung/">Besichtigung (Testmethode)</a>' in site.html("methods/gruppenarbeit/")


def test_unused_method_says_so_and_invites_contribution(site):
    html = site.html("methods/ungenutzt/")
    assert "Noch ist kein Fall dokumentiert" in html
    assert 'href="../../mitmachen/"' in html


def test_every_internal_link_resolves(site):
    for page in site.site.rglob("*.html"):
        if page.name == "404.html":  # served from any depth, so its links are absolute by design
            continue
        html = page.read_text(encoding="utf-8")
        for target in links(html):
            if target.startswith(("http:", "https:", "#", "mailto:", "data:", "javascript:")):
                continue
            path = (page.parent / target.split("#")[0]).resolve()
            if target.split("#")[0].endswith("/") or path.is_dir():
                path = path / "index.html"
            assert path.exists(), f"{page.relative_to(site.site)} links to missing {target}"


def test_navigation_does_not_list_cases_or_methods(site):
    home = site.html("")
    nav = home[home.index('class="md-nav md-nav--primary"'):home.index("</nav>")]
    assert "testdialog" not in nav and "gruppenarbeit" not in nav
    assert nav.count("md-nav__link") < 30


def test_case_page_size_does_not_grow_with_the_corpus(tmp_path, site):
    """The same case page in a corpus three times larger differs only by related-case lines."""
    from conftest import make_tree, run_build

    bigger = dict(ALL)
    for number in range(20):
        bigger[f"cases/2016-01-{number + 1:02d}-zusatzfall-{number}.md"] = f"""
            ---
            title: Zusatzfall {number} (Beispiel)
            date: 2016-01-{number + 1:02d}
            instrument: conference
            sectors: [governance]
            location: {{city: Testort, country: AT}}
            ---
            Testbericht.
            """
    build = run_build(make_tree(tmp_path, bigger), tmp_path / "site", env=EDIT)
    assert build.returncode == 0, build.output
    small = len(site.html("cases/2018-03-01-testworkshop/"))
    large = len(build.html("cases/2018-03-01-testworkshop/"))
    assert abs(large - small) < 200, (small, large)
