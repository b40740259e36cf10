"""What past workshops recommend: every case's recommendations, merged where they agree."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .model import Case, Recommendation, Taxonomy, specific_instruments, specific_sectors

_FINAL_PUNCTUATION = re.compile(r"[\s.!?;:…]+$")


@functools.lru_cache(maxsize=1 << 16)  # every text is normalised to group and again to sort; a preview repeats it
def normalise(text: str) -> str:
    """Case, whitespace and final punctuation do not make two recommendations different."""
    return _FINAL_PUNCTUATION.sub("", " ".join(text.casefold().split()))


@dataclass(frozen=True)
class RecommendationEntry:
    """One recommendation as the recommendations page shows it, with every case behind it."""

    theme: str
    text: str
    sources: tuple[Case, ...]  # newest first
    id: str | None = None
    # The instrument and sector pages that show it (see model.specific_sectors/specific_instruments)
    instruments: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        return len(self.sources)


def merge_recommendations(cases, taxonomy: Taxonomy) -> list[RecommendationEntry]:
    """Entries grouped by theme in taxonomy order, most supported first.

    Two recommendations are one entry when they share an explicit `id` or the same
    normalised text within a theme; the wording shown is that of the newest case.
    """
    groups: dict[tuple, list[tuple[Recommendation, Case]]] = {}
    for case in sorted(cases, key=lambda c: c.sort_key):
        for recommendation in case.recommendations:
            key = (("id", recommendation.id) if recommendation.id
                   else ("text", recommendation.theme, normalise(recommendation.text)))
            groups.setdefault(key, []).append((recommendation, case))
    theme_order = {key: index for index, key in enumerate(taxonomy.themes)}
    entries = []
    for members in groups.values():
        first, _ = members[0]
        sources = tuple({case.slug: case for _, case in members}.values())
        instruments = tuple(dict.fromkeys(key for r, _ in members for key in specific_instruments(r)))
        sectors = tuple(dict.fromkeys(key for r, case in members for key in specific_sectors(r, case)))
        entries.append(RecommendationEntry(theme=first.theme, text=first.text, sources=sources, id=first.id,
                                           instruments=instruments, sectors=sectors))
    entries.sort(key=lambda e: (theme_order[e.theme], -e.count, normalise(e.text), e.id or ""))
    return entries
