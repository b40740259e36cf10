"""`mkdocs serve` picks up edits to cases, methods and the taxonomy without a restart."""
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import make_tree
from corpus import ALL


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    last = ""
    while time.monotonic() < deadline:
        try:
            last = fetch(url)
            if text in last:
                return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{text!r} did not appear at {url} within {seconds} s")


@pytest.fixture
def server(tmp_path):
    root = make_tree(tmp_path, ALL)
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                               cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        wait_for(f"http://127.0.0.1:{port}/", "Methodenhandbuch")
        yield root, f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_serve_reloads_on_case_method_and_taxonomy_edits(server):
    root, base = server
    case = root / "cases" / "2018-03-01-testworkshop.md"
    case.write_text(case.read_text(encoding="utf-8").replace("sectors: [mobility]", "sectors: [wastewater]"),
                    encoding="utf-8")
    wait_for(base + "sectors/wastewater/", "Testworkshop Radverkehr")
    method = root / "methods" / "besichtigung.md"
    method.write_text(method.read_text(encoding="utf-8").replace("Testtext.", "Geänderter Ablauf."),
                      encoding="utf-8")
    wait_for(base + "methods/besichtigung/", "Geänderter Ablauf.")
    taxonomy = root / "taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8").replace("de: Abwasser", "de: Abwasserentsorgung"),
                        encoding="utf-8")
    wait_for(base + "sectors/", "Abwasserentsorgung")


def _children(pid: int) -> list[int]:
    found = []
    for stat in os.listdir("/proc"):
        if stat.isdigit():
            try:
                fields = open(f"/proc/{stat}/stat", encoding="utf-8").read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(stat))
    return found


def _running(pid: int) -> bool:
    try:
        return open(f"/proc/{pid}/stat", encoding="utf-8").read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_server_stopped_by_a_signal_leaves_no_process_behind(server):
    """The method cards' worker goes with the server, even when the server cannot shut it down."""
    root, base = server
    (serve,) = [p for p in _children(os.getpid()) if "serve" in open(f"/proc/{p}/cmdline").read()]
    workers = _children(serve)
    assert workers, "the server has its card worker"
    os.kill(serve, 15)
    deadline = time.monotonic() + 10
    while any(map(_running, workers)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [p for p in workers if _running(p)]
