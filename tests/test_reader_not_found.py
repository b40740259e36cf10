"""Issue 11, item 12: the 404 page is German, says what happened, and offers search and the start
page, with links that work when the site is deployed in a subfolder."""
from __future__ import annotations

import functools
import http.server
import threading

import pytest

from conftest import ROOT, run_build


@pytest.fixture(scope="module")
def subfolder_site(tmp_path_factory):
    """The handbook built for https://…/handbuch/ and served from that subfolder by a server
    that answers a missing address with 404.html, as static hosts do."""
    folder = tmp_path_factory.mktemp("deployed")
    site = folder / "handbuch"
    port_holder = {}

    class Host(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def send_error(self, code, message=None, explain=None):
            if code != 404:
                return super().send_error(code, message, explain)
            body = (site / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Host, directory=str(folder)))
    port_holder["base"] = f"http://127.0.0.1:{server.server_port}/handbuch/"
    build = run_build(ROOT, site, env={"HANDBOOK_SITE_URL": port_holder["base"], "HANDBOOK_EDITIONS": "de"})
    assert build.returncode == 0, build.output
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield port_holder["base"]
    server.shutdown()
    server.server_close()


def test_missing_page_explains_in_german_and_leads_on(subfolder_site, page):
    response = page.goto(subfolder_site + "cases/gibt-es-nicht/")
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("h1").inner_text() == "Seite nicht gefunden"
    assert "keine Seite" in page.locator("article").inner_text()
    assert "Not found" not in page.content()
    # The theme's stylesheet loads from the subfolder, so the page looks like the handbook.
    assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    page.get_by_role("link", name="Alle Fälle").click()
    page.wait_for_load_state("load")
    assert page.url == subfolder_site + "cases/" and page.locator("h1").inner_text() == "Fälle"
    page.go_back()
    page.get_by_role("link", name="Startseite").click()
    page.wait_for_load_state("load")
    assert page.url == subfolder_site


def test_missing_page_search_finds_cases(subfolder_site, page):
    page.goto(subfolder_site + "methoden/alt.html")
    page.locator("article").get_by_label("Im Handbuch suchen").fill("Skopje")
    page.locator("article").get_by_role("button", name="Suchen").click()
    page.wait_for_load_state("load")
    assert page.url == subfolder_site + "suche/?q=Skopje"
    results = page.locator("#hb-search-results a")
    results.first.wait_for(timeout=20000)
    assert any("Skopje" in text for text in results.all_inner_texts())
    assert page.outside_requests == []
