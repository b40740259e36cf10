"""What the map and the timeline show: countries, cities and years with their cases.

The same rows are published as open data (export.py: data/countries.json, data/years.json),
so a picture never shows a figure the files do not. Drawing is left to the templates
(`_pictures.md.j2`); this module only decides positions, sizes and shades.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from .geography import WIDTH, city_positions, country_shapes, map_height
from .handbook import Handbook
from .model import Case
from .slug import slugify

# Shades of a country by its number of cases: (first count of the shade, shade number).
SHADES = (1, 2, 5, 10, 25)
# The environment variable that leaves out the map, the timelines and the method cards (the
# tables stay): what benchmarks/pictures_cost.py compares a build with.
PICTURES_SETTING = "HANDBOOK_PICTURES"


def pictures_wanted(value: str | None) -> bool:
    """Whether a build draws the pictures and prints the cards: `on` (the default) or `off`."""
    if value is None or value.strip().lower() in ("", "on"):
        return True
    if value.strip().lower() == "off":
        return False
    raise ValueError(f"{PICTURES_SETTING}={value!r} is not a setting: use on (the default: map, timelines and "
                     f"method cards) or off (none of them, the tables stay), e.g. {PICTURES_SETTING}=off mkdocs build")


@dataclass(frozen=True)
class CountryRow:
    code: str
    hosted: tuple[Case, ...]  # cases that took place there, newest first
    partner: tuple[Case, ...]  # cases elsewhere that people from there joined

    @property
    def total(self) -> int:
        return len(self.hosted) + len(self.partner)

    @property
    def page_path(self) -> str:
        return country_page_path(self.code)

    @property
    def cities(self) -> list[tuple[str, int]]:
        """The cities its hosted cases name, with their case counts, most cases first."""
        counts = Counter(c.location.city for c in self.hosted if c.location.city)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def country_page_path(code: str) -> str:
    return f"countries/{code.lower()}.md"


def city_key(country: str | None, city: str) -> str:
    """How the case filter names a city (`#city=de-koeln`): with its country, as two places
    may share a name, and without spaces, which the filter splits on."""
    return slugify(f"{country or ''} {city}", max_length=200)


def cities(handbook: Handbook) -> list[tuple[str | None, str]]:
    """(country, city) of every city a case names, by name (what the "Stadt" filter offers)."""
    return sorted({(c.location.country, c.location.city) for c in handbook.cases if c.location.city},
                  key=lambda pair: (pair[1].casefold(), pair[0] or ""))


def country_rows(handbook: Handbook) -> list[CountryRow]:
    """Every country with a case, hosted or joined, most cases first, then by code."""
    hosted, partner = defaultdict(list), defaultdict(list)
    for case in handbook.cases:
        if case.location.country:
            hosted[case.location.country].append(case)
        for code in case.participating_countries:
            partner[code].append(case)
    rows = [CountryRow(code, tuple(hosted[code]), tuple(partner[code])) for code in set(hosted) | set(partner)]
    return sorted(rows, key=lambda row: (-row.total, row.code))


def shade(count: int) -> int:
    return max(i for i, first in enumerate(SHADES, 1) if count >= first)


def shade_ranges() -> list[tuple[int, int, int | None]]:
    """(shade, first count, last count or None for open-ended): the map's legend."""
    return [(i, first, SHADES[i] - 1 if i < len(SHADES) else None) for i, first in enumerate(SHADES, 1)]


@dataclass(frozen=True)
class MapCountry:
    row: CountryRow
    path: str
    shade: int


@dataclass(frozen=True)
class MapCity:
    country: str
    name: str
    count: int
    x: float
    y: float
    radius: float
    approximate: bool  # not in data/cities.csv: drawn at the country's centre


@dataclass(frozen=True)
class CityCluster:
    """Cities whose points would overlap at world scale (Köln, Bonn, Düsseldorf …): drawn as one
    numbered point that leads to the list of its cities beside the map."""
    cities: tuple[MapCity, ...]  # most cases first
    x: float
    y: float
    radius: float

    @property
    def count(self) -> int:
        return sum(city.count for city in self.cities)

    @property
    def countries(self) -> list[str]:
        return list(dict.fromkeys(city.country for city in self.cities))


def _radius(count: int) -> float:
    return round(2.5 + 1.5 * math.sqrt(count), 1)


def _clusters(cities: list[MapCity]) -> tuple[list[MapCity], list[CityCluster]]:
    """Cities alone, and groups of cities whose points touch (directly or through another)."""
    group = list(range(len(cities)))

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for i, a in enumerate(cities):
        for j in range(i):
            b = cities[j]
            if math.hypot(a.x - b.x, a.y - b.y) < a.radius + b.radius + 1:
                group[root(i)] = root(j)
    members: dict[int, list[MapCity]] = defaultdict(list)
    for i, city in enumerate(cities):
        members[root(i)].append(city)
    alone = [found[0] for found in members.values() if len(found) == 1]
    clusters = []
    for found in (found for found in members.values() if len(found) > 1):
        count = sum(city.count for city in found)
        clusters.append(CityCluster(tuple(sorted(found, key=lambda city: (-city.count, city.name))),
                                    round(sum(city.x * city.count for city in found) / count, 1),
                                    round(sum(city.y * city.count for city in found) / count, 1),
                                    max(_radius(count), 6.5)))  # room for its number
    return alone, sorted(clusters, key=lambda cluster: -cluster.count)


@dataclass(frozen=True)
class WorldMap:
    width: int
    height: int
    background: str  # one path for every country without cases
    countries: list[MapCountry]
    cities: list[MapCity]  # cities drawn alone
    clusters: list[CityCluster]  # cities too close together to tell apart, listed beside the map
    unmapped: list[CountryRow]  # countries too small for Natural Earth's 1:110m map
    online: list[Case]  # events without a place, newest first


def world_map(handbook: Handbook) -> WorldMap:
    shapes = country_shapes()
    rows = country_rows(handbook)
    with_cases = {row.code for row in rows}
    positions = city_positions()
    cities = []
    for row in rows:
        for name, count in row.cities:
            position = positions.get((row.code, name))
            if position is None and row.code not in shapes:
                continue
            x, y = position or shapes[row.code].centre
            cities.append(MapCity(row.code, name, count, round(x, 1), round(y, 1), _radius(count), position is None))
    alone, clusters = _clusters(cities)
    alone.sort(key=lambda city: -city.count)  # small points drawn last, on top of big ones
    return WorldMap(
        width=WIDTH, height=map_height(),
        background="".join(shape.path for code, shape in sorted(shapes.items()) if code not in with_cases),
        countries=[MapCountry(row, shapes[row.code].path, shade(row.total)) for row in rows if row.code in shapes],
        cities=alone,
        clusters=clusters,
        unmapped=[row for row in rows if row.code not in shapes],
        online=[case for case in handbook.cases if case.location.online],
    )


@dataclass(frozen=True)
class YearRow:
    year: int
    counts: dict[str, int]  # instrument key -> cases, in taxonomy order, instruments with cases only

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def year_rows(handbook: Handbook, cases=None) -> list[YearRow]:
    """Cases per year and instrument, every year from the first to the last (empty ones too,
    so a gap in the exchange shows as a gap)."""
    cases = handbook.cases if cases is None else cases
    counts: dict[int, Counter] = defaultdict(Counter)
    for case in cases:
        counts[case.date.year][case.instrument] += 1
    if not counts:
        return []
    order = list(handbook.taxonomy.instruments)
    return [YearRow(year, {key: counts[year][key] for key in order if counts[year][key]})
            for year in range(min(counts), max(counts) + 1)]


@dataclass(frozen=True)
class Bar:
    year: int
    instrument: str
    count: int
    x: float
    y: float
    height: float
    colour: int  # the instrument's place in the taxonomy: its colour class


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    plot_top: int
    plot_bottom: int
    bar_width: float
    rows: list[YearRow]
    bars: list[Bar]
    ticks: list[tuple[int, float]]  # (count, y) gridlines
    labels: list[tuple[int, float]]  # (year, x of the bar's centre)
    instruments: list[tuple[str, int]]  # (key, colour) of those with cases, in taxonomy order: the legend


def timeline(handbook: Handbook, cases=None) -> Timeline | None:
    """Stacked bars of cases per year by instrument, in SVG units; None without cases."""
    rows = year_rows(handbook, cases)
    if not rows:
        return None
    order = list(handbook.taxonomy.instruments)
    step, left, top, bottom = 34, 34, 10, 170
    width = max(320, left + step * len(rows) + 8)
    highest = max(row.total for row in rows)
    tick = next(t for t in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10**9) if highest / t <= 5)
    top_value = math.ceil(highest / tick) * tick
    scale = (bottom - top) / top_value
    bars, labels = [], []
    every = 1 if len(rows) <= 16 else 5
    for index, row in enumerate(rows):
        x = left + step * index + 4
        base = bottom
        for key, count in row.counts.items():
            height = count * scale
            base -= height
            bars.append(Bar(row.year, key, count, x, round(base, 2), round(height, 2), order.index(key)))
        if row.year % every == 0 or every == 1:
            labels.append((row.year, x + (step - 8) / 2))
    used = {bar.instrument for bar in bars}
    return Timeline(width, bottom + 22, top, bottom, step - 8, rows, bars,
                    [(value, round(bottom - value * scale, 2)) for value in range(0, top_value + 1, tick)],
                    labels, [(key, order.index(key)) for key in order if key in used])
