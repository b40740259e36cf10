"""Contributed content is data: template syntax shows literally, front-matter values are escaped
on every generated page, and contributors' front matter cannot switch on macros or templates."""
import pytest

HOSTILE_TITLE = "Treffen {{ 7*7 }} {% if true %}x{% endif %} & *Co* [a](b) | ${x} :smile:"

FILES = {
    "methods/m.md": """
        ---
        title: "Methode {{ config.site_name }}"
        instruments: [dialogue-event]
        summary: "Zusammenfassung {{ cycler.__init__.__globals__.os.getcwd() }}"
        ---
        Ablauf mit {{ cycler.__init__.__globals__.os.getcwd() }} und {% raw %} im Text.
        """,
    "cases/2018-01-01-a.md": f"""
        ---
        title: "{HOSTILE_TITLE}"
        date: 2018-01-01
        instrument: dialogue-event
        sectors: [mobility]
        location: {{city: "Köln", country: DE}}
        methods: [m]
        summary: "Kurz {{{{ 6*7 }}}} 3 < 5 > 4 <!-- x"
        participants: {{"Verwaltung {{{{ 1+1 }}}}": 3}}
        recommendations:
          - {{theme: impacts, text: "Empfehlung {{{{ 2*21 }}}} & 1 < 2"}}
        ---
        Bericht mit {{{{ 7*7 }}}} und {{% for i in range(3) %}}{{{{ i }}}}{{% endfor %}}.
        """,
}


def test_html_in_front_matter_text_is_rejected_in_one_run(tmp_path):
    from conftest import make_tree, run_build

    files = {name: text.replace('city: "Köln"', 'city: "Köln <i>x</i>"').replace("3 < 5 > 4 <!-- x", "<b>fett</b>")
             .replace("& 1 < 2", "<em>x</em>") for name, text in FILES.items()}
    result = run_build(make_tree(tmp_path, files), tmp_path / "site")
    assert result.returncode == 1
    assert "location.city: 'Köln <i>x</i>' contains HTML; write plain text" in result.output
    assert "summary: 'Kurz {{ 6*7 }} <b>fett</b>' contains HTML; write plain text" in result.output
    assert "recommendations[0].text: 'Empfehlung {{ 2*21 }} <em>x</em>' contains HTML" in result.output


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from conftest import built_site

    return built_site(tmp_path_factory, "untrusted", FILES)


def visible_text(html: str) -> str:
    import html as html_module
    import re

    return html_module.unescape(re.sub(r"<[^>]+>", "", html))


def test_jinja_in_bodies_is_shown_literally_never_evaluated(site):
    case = site.html("cases/2018-01-01-a/")
    text = visible_text(case)
    assert "Bericht mit {{ 7*7 }} und {% for i in range(3) %}{{ i }}{% endfor %}." in text
    assert "012" not in text
    method = visible_text(site.html("methods/m/"))
    assert "{{ cycler.__init__.__globals__.os.getcwd() }}" in method
    assert str(site.root) not in method


@pytest.mark.parametrize("page", ["cases/2018-01-01-a/", "cases/", "instruments/dialogue-event/",
                                  "sectors/mobility/", "recommendations/", "methods/m/", ""])
def test_front_matter_values_show_literally_on_every_page(site, page):
    html = site.html(page)
    text = visible_text(html)
    assert HOSTILE_TITLE in text
    assert "<em>Co</em>" not in html and "49" not in text.replace("2018", "")


def test_page_title_element_is_escaped(site):
    html = site.html("cases/2018-01-01-a/")
    title = html[html.index("<title>"):html.index("</title>")]
    assert "&amp; *Co*" in title and "<" not in title[len("<title>"):]


def test_summary_recommendation_and_participant_group_escaped(site):
    html = site.html("cases/2018-01-01-a/")
    assert "3 &#60; 5 &#62; 4 &#60;!-- x" in html  # shown as text, not an HTML comment
    text = visible_text(html)
    assert "Kurz {{ 6*7 }} 3 < 5 > 4 <!-- x" in text
    assert "Empfehlung {{ 2*21 }} & 1 < 2" in visible_text(site.html("recommendations/"))
    assert "Verwaltung {{ 1+1 }} 3" in text


def test_contributor_front_matter_cannot_turn_macros_on(tmp_path):
    from conftest import make_tree, run_build

    files = {"cases/2018-01-01-a.md": """
        ---
        title: Test (Beispiel)
        date: 2018-01-01
        instrument: dialogue-event
        sectors: [mobility]
        location: {city: Köln, country: DE}
        render_macros: true
        ---
        {{ 7*7 }}
        """}
    result = run_build(make_tree(tmp_path, files), tmp_path / "site")
    assert result.returncode == 1
    assert "render_macros: unknown field 'render_macros'" in result.output
