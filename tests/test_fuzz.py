"""Issue 10: property-based fuzzing of front matter and bodies with Hypothesis.

Bounded for CI (a few hundred examples each, derandomised so a run is repeatable). A larger run:
    HANDBOOK_FUZZ_EXAMPLES=20000 python -m pytest -q tests/test_fuzz.py
Properties: reading and checking a file never raises, every problem names the file and prints
as UTF-8, no example takes over 10 s or grows the process by 500 MB; the sanitiser's output
holds nothing it would remove, and a body `check` finds nothing in is left as it was.
"""
from __future__ import annotations

import os
import resource
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT

EXAMPLES = int(os.environ.get("HANDBOOK_FUZZ_EXAMPLES", "300"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 1000, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

FRONT_PIECES = [
    "title: Testfall", "date: 2018-04-10", "end_date: 2018-02-30", "instrument: network-meeting",
    "sectors: [mobility]", "location: {city: Köln, country: DE}", "country: [DE]", "summary: ", "language: fr",
    "source: https://example.org/a", "participants: {Verwaltung: 3}", "recommendations:", "  - theme: impacts",
    "    text: X", "methods: [a]", "follows: [b]", "author: ", "&a ", "*a", "<<: ", "!!int ", "!!bool ",
    "!!timestamp ", "!!python/object/apply:os.system ", "!x ", "%YAML 1.1", "---", "...", "? ", "- ", "[", "]",
    "{", "}", ",", ": ", "'", '"', "|", ">", "#", "\t", "  ", "\x00", "\x1b", "\x07", "\u202e", "\ud800",
    '"\\ud800"', '"\\x1b"', "<b>x</b>", "=HYPERLINK(1)", "{{ 7*7 }}", "TODO", "1e9", "-1", "null", "~", "true",
    "Köln", "😀", "\r",
]
BODY_PIECES = [
    "<a", "<img", "<svg>", "<animate attributeName=href values=javascript:alert(1)>", "<script>", "</div>",
    '<div markdown="1">', " src=", " href=", " onerror=", " onclick=alert(1)", " style=", "javascript:",
    "&#106;", "&#x09;", "jav\tascript:", "data:", "https://evil.example/x.png", "//evil.example", "\\", "[", "]",
    "(", ")", "![", "](", "]: ", "{: ", " #__search", " .md-button", "}", "\n", "\n\n", "<!--", "-->", "`", "*",
    "_", "|", ":--", "!!! note\n    ", "    ", '"', "'", ">", "<", "&", "Text ", "Köln ", "😀", "\x00", "<p/", "/",
    "=", "<details open>", "<summary>", "<table background=x>", "<base href=//evil.example/>",
]


def _joined(pieces):
    return st.lists(st.sampled_from(pieces) | st.text(max_size=8), max_size=60).map("".join)


@pytest.fixture(scope="module")
def taxonomy():
    from municipal_handbook.taxonomy import load_taxonomy

    found, problems = load_taxonomy(ROOT / "taxonomy.yml")
    assert found is not None, problems
    return found


@pytest.fixture(scope="module")
def memory():
    """The process's peak memory before the fuzzing, in KiB, to compare with after."""
    start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    yield start
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - start < 500 * 1024


def _assert_named_and_printable(problems, path):
    for problem in problems:
        assert problem.path == path, problem
        problem.format("en").encode("utf-8")
        problem.format("de").encode("utf-8")


@FUZZ
@given(front=st.lists(_joined(FRONT_PIECES), max_size=12).map("\n".join), body=_joined(BODY_PIECES),
       depth=st.integers(0, 3000))
def test_any_front_matter_gives_problems_naming_its_file_never_an_exception(taxonomy, memory, front, body, depth):
    from municipal_handbook.source import parse_document
    from municipal_handbook.validation import validate_case

    text = f"---\n{front}\nsummary: {'[' * depth}{']' * depth}\n---\n{body}\n"
    started = time.monotonic()
    document, problems = parse_document("cases/f.md", text)
    if document is not None:
        case, found = validate_case(document, taxonomy)
        problems = problems + found
        assert case is not None or found
    assert time.monotonic() - started < 10
    _assert_named_and_printable(problems, "cases/f.md")


@FUZZ
@given(body=_joined(BODY_PIECES))
def test_sanitised_bodies_hold_nothing_to_remove_and_clean_bodies_stay_as_written(memory, body):
    from municipal_handbook.sanitiser import body_problems, removals, render_body, sanitise, scan_cost

    started = time.monotonic()
    problems = body_problems("cases/f.md", body, 8)
    _assert_named_and_printable(problems, "cases/f.md")
    cost, _ = scan_cost(body)
    if cost <= 20 * len(body) + 20_000:  # otherwise refused before Markdown sees it
        html = render_body(body)
        clean = sanitise(html)
        assert removals(clean) == [], clean
        assert sanitise(clean) == clean
        if not problems:  # check said nothing: the page is what the contributor wrote
            assert clean == sanitise_nothing(html)
    assert time.monotonic() - started < 10


def sanitise_nothing(html: str) -> str:
    """The same HTML through the same parser and serialiser with nothing removed."""
    import nh3

    from municipal_handbook.sanitiser import PROSE_ELEMENTS

    return nh3.clean(html, tags=set(PROSE_ELEMENTS), clean_content_tags=set(), attributes={},
                     generic_attribute_prefixes={""}, link_rel=None, url_schemes={"http", "https", "mailto"})
