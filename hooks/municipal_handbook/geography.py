"""Country shapes and city positions, projected for an SVG world map at build time.

The shapes are Natural Earth's 1:110m country boundaries (public domain) as shipped by the npm
package world-atlas (TopoJSON), vendored in data/ with their licences; cities come from a small
GeoNames extract (data/cities.csv). Projection: Equal Earth (Šavrič, Patterson, Jenny 2018),
an equal-area projection, so the shaded area of a country is not exaggerated towards the poles.
Everything is computed once per process; no GIS library and no request to another host.
"""
from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
WIDTH = 1000  # SVG user units across the map; coordinates are rounded to whole units
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2
SIMPLIFY = 0.7  # Douglas–Peucker tolerance in SVG units: keeps the home page small


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """Equal Earth projection of degrees to unit coordinates (y grows northwards)."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * lam * math.cos(theta) / (3 * (9 * _A4 * t6 * t2 + 7 * _A3 * t6 + 3 * _A2 * t2 + _A1))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


_X_MAX = equal_earth(180, 0)[0]


def to_svg(lon: float, lat: float) -> tuple[float, float]:
    """Degrees to SVG units: x from 0 to WIDTH, y downwards from the top of the map."""
    x, y = equal_earth(lon, lat)
    scale = WIDTH / (2 * _X_MAX)
    return (x + _X_MAX) * scale, (_TOP - y) * scale


_TOP = equal_earth(0, 84)[1]  # the map starts at 84° N (north of Greenland) …
_BOTTOM_LAT = -56  # … and ends below Tierra del Fuego; Antarctica is left out


def map_height() -> int:
    return math.ceil(to_svg(0, _BOTTOM_LAT)[1])


@dataclass(frozen=True)
class CountryShape:
    code: str  # ISO 3166-1 alpha-2
    path: str  # SVG path data, absolute first point, then relative whole-unit steps
    centre: tuple[float, float]  # centroid of its largest polygon, in SVG units


@cache
def country_shapes() -> dict[str, CountryShape]:
    """Every country Natural Earth draws at 1:110m, by alpha-2 code (Antarctica excluded)."""
    topology = json.loads((DATA / "world-atlas" / "countries-110m.json").read_text(encoding="utf-8"))
    alpha2 = {numeric: a2 for a2, _a3, numeric, _ in json.loads(
        (DATA / "iso-codes" / "codes.json").read_text(encoding="utf-8"))}
    arcs = _decode_arcs(topology)
    shapes = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = alpha2.get(geometry.get("id"))
        if code is None or code == "AQ":  # disputed areas without an ISO code, and Antarctica
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [[to_svg(*point) for point in part]
                 for polygon in polygons for ring in polygon for part in _split(_ring(arcs, ring))]
        outer = [[to_svg(*point) for point in part]
                 for polygon in polygons for part in _split(_ring(arcs, polygon[0]))]
        shapes[code] = CountryShape(code, _path(rings), _centroid(max(outer, key=lambda r: abs(_area(r)))))
    return shapes


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(arcs, indexes) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _split(ring):
    """A ring crossing the antimeridian (Russia, Fiji), as its parts east and west of it.

    Longitudes are unwrapped to one side and clamped at ±180°: on a vertical edge of the map
    clamping is clipping, up to where an edge crosses the line (invisible at this scale).
    """
    if all(abs(b[0] - a[0]) <= 180 for a, b in zip(ring, ring[1:])):
        return [ring]
    east = [(min(lon + 360 if lon < 0 else lon, 180), lat) for lon, lat in ring]
    west = [(max(lon - 360 if lon > 0 else lon, -180), lat) for lon, lat in ring]
    return [part for part in (east, west) if abs(_area(part)) > 1e-9]


def _simplify(points, tolerance):
    """Douglas–Peucker on an open polyline (iterative: no recursion limit on long coasts)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        worst, index = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            distance = (abs(dy * px - dx * py + x2 * y1 - y2 * x1) / length if length
                        else math.hypot(px - x1, py - y1))
            if distance > worst:
                worst, index = distance, i
        if index is not None and worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


def _path(rings) -> str:
    """Rings as compact SVG path data; a ring too small to survive simplification keeps its
    outline at whole units (a small country must still be visible and linkable)."""
    parts = []
    for ring in rings:
        simple = _simplify(ring, SIMPLIFY)
        points = []
        for x, y in (simple if len(simple) >= 4 else ring):
            point = (round(x), round(y))
            if not points or point != points[-1]:
                points.append(point)
        if len(points) < 3:
            x, y = points[0]
            points = [(x, y), (x + 1, y), (x + 1, y + 1), (x, y + 1)]
        (x0, y0), steps = points[0], []
        for (xa, ya), (xb, yb) in zip(points, points[1:]):
            steps.append(f"{xb - xa} {yb - ya}")
        parts.append(f"M{x0} {y0}l" + " ".join(steps) + "z")
    return "".join(parts).replace(" -", "-")


def _area(ring) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1])) / 2


def _centroid(ring) -> tuple[float, float]:
    area = _area(ring)
    if not area:
        return ring[0]
    cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        cross = x1 * y2 - x2 * y1
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    return cx / (6 * area), cy / (6 * area)


@cache
def city_positions() -> dict[tuple[str, str], tuple[float, float]]:
    """(country, city as cases write it) -> position in SVG units, from data/cities.csv."""
    with (DATA / "cities.csv").open(encoding="utf-8", newline="") as file:
        return {(row["country"], row["city"]): to_svg(float(row["lon"]), float(row["lat"]))
                for row in csv.DictReader(file)}


@cache
def city_names() -> dict[tuple[str, str], dict[str, str]]:
    """(country, a city's name in one language) -> its name in every language that has one of
    its own: from CLDR through Babel (the cities that name a time zone: Wien/Vienna, Kairo/Cairo)
    and from data/cities.csv (column `en`, GeoNames' English name where it differs: Köln/Cologne).
    A city in neither keeps the name a case gives it, in every edition."""
    from babel import Locale
    from babel.core import get_global

    from .i18n import languages

    names: dict[tuple[str, str], dict[str, str]] = {}
    territories, aliases = get_global("zone_territories"), get_global("zone_aliases")
    locales = {language: Locale.parse(language) for language in languages()}
    for zone in {zone for locale in locales.values() for zone in locale.time_zones}:
        country = territories.get(zone) or territories.get(aliases.get(zone))
        found = {language: locale.time_zones.get(zone, {}).get("city") for language, locale in locales.items()}
        default = zone.rpartition("/")[2].replace("_", " ")
        found = {language: name or default for language, name in found.items()}
        if country and len(set(found.values())) > 1:
            for name in found.values():
                names[(country, name)] = found
    with (DATA / "cities.csv").open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            if row.get("en"):
                found = {language: row["city"] for language in languages()} | {"en": row["en"]}
                names[(row["country"], row["city"])] = names[(row["country"], row["en"])] = found
    return names
