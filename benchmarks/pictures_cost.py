"""What the pictures and method cards cost a build (issue 15: at most 1.2 x the build without them).

    flock /work/bench.lock python benchmarks/pictures_cost.py               # 500 cases, 3 repeats
    flock /work/bench.lock python benchmarks/pictures_cost.py --cases 500 --repeat 5 --keep /tmp/bench

The corpus is build_speed.py's (imported, not copied): the project with N synthetic cases. The
handbook is built as `mkdocs build` builds it (German and English editions) three ways, in turn,
each `--repeat` times; the figures are medians:

* `without`: `HANDBOOK_PICTURES=off`, no map, no timelines, no method cards (the tables stay);
* `cold`: everything, with the card cache (`.cache/handbook-cards/`) emptied before the build;
* `warm`: everything, the cards read from the cache a previous build left.

Then the cards alone, in this process: one edition's deck laid out from scratch, split into
setting up WeasyPrint (import, fontconfig, styles), laying out all cards in one document,
writing the PDF and cutting it into one PDF per card; the cost per card is the layout, writing
and cutting divided by the number of cards.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "hooks"))

from build_speed import make_handbook, timed_build  # noqa: E402

LIMIT = 1.2  # issue 15: a build with every picture and card at most 1.2 x one without


def measure_builds(handbook: Path, base: Path, repeat: int) -> dict[str, list[float]]:
    cache = handbook / ".cache" / "handbook-cards"
    timed_build(handbook, base / "site")  # fills the cache for the first warm build (not counted)
    runs = {"without": [], "cold": [], "warm": []}
    for _ in range(repeat):
        for name in runs:
            if name == "cold":
                shutil.rmtree(cache, ignore_errors=True)
            env = {"HANDBOOK_PICTURES": "off"} if name == "without" else {}
            seconds, _ = timed_build(handbook, base / f"site-{name}", **env)
            runs[name].append(seconds)
            print(f"  {name}: {seconds:.2f} s", file=sys.stderr, flush=True)
    cards = list((base / "site-cold" / "cards").glob("*.pdf"))
    assert cards and not (base / "site-without" / "cards").exists(), "the switch did not switch the cards"
    return runs


def measure_cards(handbook_root: Path) -> dict[str, float]:
    """One edition's cards from scratch, timed step by step (what the build's worker does)."""
    from municipal_handbook import load_handbook
    from municipal_handbook.cards import CardPrinter, _Layout, deck_order
    from municipal_handbook.render import Renderer

    handbook = load_handbook(handbook_root).handbook.edition("de")
    start = time.perf_counter()
    printer = CardPrinter(handbook, Renderer(handbook, "de"), None, "Benchmark")
    printer._weasyprint  # noqa: B018 (set up here, to time it apart from the layout)
    setup = time.perf_counter()
    methods = deck_order(handbook)
    layouts = [_Layout(method, printer._context(method)) for method in methods]
    document = printer._render(layouts, cover=True)
    bounds = printer._first_pages(document, layouts)
    laid_out = time.perf_counter()
    deck = document.write_pdf()
    written = time.perf_counter()
    printer._split(deck, layouts, bounds)
    split = time.perf_counter()
    return {"cards": len(methods), "setup": setup - start, "layout": laid_out - setup,
            "write": written - laid_out, "split": split - written,
            "misfits": sum(bounds[i + 1] - bounds[i] != 2 for i in range(len(layouts)))}


def report(n: int, repeat: int, runs: dict[str, list[float]], cards: dict[str, float]) -> str:
    median = {name: statistics.median(seconds) for name, seconds in runs.items()}
    per_card = (cards["layout"] + cards["write"] + cards["split"]) / cards["cards"]
    lines = [f"{n:,} synthetic cases, both editions (`mkdocs build`), median of {repeat}; "
             f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at the end",
             "",
             "| build | wall s | runs (s) |",
             "| --- | ---: | --- |"]
    for name, label in (("without", "without pictures and cards (HANDBOOK_PICTURES=off)"),
                        ("cold", "with all, card cache empty"), ("warm", "with all, cards from the cache")):
        lines.append(f"| {label} | {median[name]:.2f} | {' '.join(f'{s:.2f}' for s in runs[name])} |")
    lines += ["",
              f"with all / without: cold cache {median['cold'] / median['without']:.2f}, "
              f"warm cache {median['warm'] / median['without']:.2f} (target <= {LIMIT})",
              f"cards of one edition ({cards['cards']} methods, from scratch, in one process): "
              f"setting up WeasyPrint {cards['setup']:.2f} s, laying out the deck {cards['layout']:.2f} s, "
              f"writing it {cards['write']:.2f} s, cutting it into cards {cards['split']:.2f} s; "
              f"{1000 * per_card:.0f} ms per card ({cards['misfits']} card(s) needed a second layout)"]
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=500, help="synthetic cases (default 500)")
    parser.add_argument("--repeat", type=int, default=3, help="builds of each kind (default 3)")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep the tree and sites")
    args = parser.parse_args(argv)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    base = Path(tempfile.mkdtemp(prefix=f"handbook-pictures-{args.cases}-", dir=args.keep))
    try:
        print(f"N = {args.cases:,}: generating and building ...", file=sys.stderr, flush=True)
        handbook = make_handbook(base, args.cases)
        runs = measure_builds(handbook, base, args.repeat)
        cards = measure_cards(handbook)
        print(report(args.cases, args.repeat, runs, cards))
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
