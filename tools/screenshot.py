"""Screenshot built pages in Debian's headless Chromium, to look at them as a reader would.

    python tools/screenshot.py site/ cases/index.html /tmp/cases.png [--width 1280] [--full]
"""
import argparse
import functools
import http.server
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("page")
    parser.add_argument("png", type=Path)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--full", action="store_true")
    arguments = parser.parse_args()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(arguments.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": arguments.width, "height": arguments.height})
            page.goto(f"http://127.0.0.1:{server.server_port}/{arguments.page}")
            page.screenshot(path=str(arguments.png), full_page=arguments.full)
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
