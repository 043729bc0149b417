"""The map of the partner region, shaded by the hub's diplomatic presence
(relations.presence: one cited category per country; the legend says what
each means and which sources it rests on).

Shapes are vendored in the file site.yml's `map.shapes` names (made by
scripts/make_map_shapes.py from Natural Earth); content countries are
matched to them by `iso_code`. A site without a `map` setting has no map.
Only countries with a profile become links; the rest of the land is drawn as
one decorative background path.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import ContentError
from .graph import Entity, Graph
from .load import DATA_FOLDER
from .yamlines import line_of
from .relations import HUB_IN_COUNTRY, Presence, categories, _distinct, hub, presence

@lru_cache(maxsize=4)
def shapes(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def shapes_file(graph: Graph) -> Path | None:
    settings = graph.site.get("map")
    if not settings or graph.root is None:
        return None
    return (Path(graph.root) / settings["shapes"]).resolve()


def check_map_setting(content) -> list[ContentError]:
    """site.yml's map.shapes must name a readable shapes file in the content's
    maps/ folder: never a file elsewhere on the machine that builds the site."""
    site = content.site
    settings = site.meta.get("map") if site is not None else None
    if not isinstance(settings, dict) or not isinstance(settings.get("shapes"), str):
        return []  # absent, or a shape error the model check reports
    folder = (Path(content.root) / DATA_FOLDER).resolve()
    path = (Path(content.root) / settings["shapes"]).resolve()
    line = line_of(site.lines, ("map", "shapes"))
    if folder not in path.parents:
        return [ContentError(site.path, line, f"map shapes '{settings['shapes']}' must be a file "
                                              f"in the content folder's {DATA_FOLDER}/ folder")]
    try:
        data = shapes(path)
    except (OSError, ValueError) as exc:
        return [ContentError(site.path, line, f"cannot read map shapes '{settings['shapes']}': "
                                              f"{getattr(exc, 'strerror', None) or exc}")]
    if not isinstance(data, dict) or not {"width", "height", "shapes"} <= data.keys():
        return [ContentError(site.path, line, f"map shapes '{settings['shapes']}' is not a file "
                                              "made by scripts/make_map_shapes.py")]
    return []


LABEL_AREA = 900.0   # px²: countries whose largest landmass is at least this big get a label


@dataclass
class MapShape:
    country: Entity
    path: str
    presence: Presence | None
    label_at: tuple | None = None   # (x, y) of the label, for the larger countries


@dataclass
class MapModel:
    title: str              # the region, as site.yml's map.title names it
    width: int
    height: int
    background: str
    shapes: list            # MapShape, linked to profiles
    inset: MapShape | None  # the hub, drawn in its own box
    inset_size: float
    legend: list            # LegendRow, one per category, in CATEGORIES order
    hub_links: list         # (x1, y1, x2, y2): covering country to covered one


@dataclass
class LegendRow:
    category: str
    name: str
    meaning: str
    countries: list         # Presence of each country shown in this category
    sources: list           # the source entities its countries' categories rest on


def map_model(graph: Graph) -> MapModel | None:
    path = shapes_file(graph)
    if path is None:
        return None
    data = shapes(path)
    centre = hub(graph)
    countries = [c for c in graph.by_kind["countries"]
                 if c.iso_code.upper() in data["shapes"] and c is not centre]
    linked = [MapShape(c, data["shapes"][c.iso_code.upper()]["path"], presence(graph, c, HUB_IN_COUNTRY))
              for c in countries]
    place_labels(linked)
    inset = None
    if centre is not None and centre.iso_code.upper() in data["insets"]:
        inset = MapShape(centre, data["insets"][centre.iso_code.upper()]["path"], None)
    return MapModel(graph.site["map"]["title"], data["width"], data["height"], data["background"], linked, inset,
                    data["inset_size"], legend(linked, graph), hub_links(linked))


def legend(linked: list, graph: Graph) -> list:
    rows = []
    for key, name, meaning in categories(graph):
        members = [s.presence for s in linked if s.presence.category == key]
        if key == "other" and not members:
            continue      # a category no country is in says nothing
        sources = [] if key == "none" else _distinct(src for p in members for src in p.sources)
        rows.append(LegendRow(key, name, meaning, members, sources))
    return rows


def hub_links(linked: list) -> list:
    """A line from each covering country's label point to each country it covers."""
    where = {s.country: _centre(s.path) for s in linked}
    lines = []
    for s in linked:
        covering = s.presence.covering
        if covering is not None and covering.country in where:
            (x1, y1), (x2, y2) = where[covering.country], where[s.country]
            lines.append((x1, y1, x2, y2))
    return lines


# --- label points: the centroid of a country's largest ring -----------------------

@lru_cache(maxsize=None)   # the same shapes are measured by every plan of a process
def _rings(path: str) -> tuple:
    rings = []
    for part in path.split("M")[1:]:
        points = [tuple(map(float, xy.split(","))) for xy in re.findall(r"-?[\d.]+,-?[\d.]+", part)]
        if len(points) >= 3:
            rings.append(points)
    return tuple(rings)


def _area_centroid(ring: list) -> tuple:
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if area == 0:
        return 0.0, ring[0]
    return abs(area) / 2, (cx / (3 * area), cy / (3 * area))


@lru_cache(maxsize=None)
def _centre(path: str) -> tuple:
    rings = _rings(path)
    if not rings:
        return (0.0, 0.0)
    _, (x, y) = max((_area_centroid(r) for r in rings), key=lambda ac: ac[0])
    return (round(x, 1), round(y, 1))


LABEL_CHAR_W, LABEL_H = 7.0, 13.0   # px per character and line height at the labels' font size


def place_labels(linked: list) -> None:
    """Label the larger countries, biggest first, leaving out a label that
    would overlap one already placed (Chile's next to Argentina's)."""
    boxes: list = []
    candidates = []
    for s in linked:
        point = label_point(s.path)
        if point is not None:
            candidates.append((-_largest_area(s.path), s.country.slug, s, point))
    for _, _, s, (x, y) in sorted(candidates, key=lambda c: c[:2]):
        half = len(s.country.get("short_title") or s.country.title) * LABEL_CHAR_W / 2
        box = (x - half, y - LABEL_H / 2, x + half, y + LABEL_H / 2)
        if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes):
            boxes.append(box)
            s.label_at = (x, y)


@lru_cache(maxsize=None)
def _largest_area(path: str) -> float:
    return max((_area_centroid(r)[0] for r in _rings(path)), default=0.0)


@lru_cache(maxsize=None)
def label_point(path: str) -> tuple | None:
    """Where a country's name goes: the centroid of its largest landmass, for
    a landmass big enough to hold a name and that holds its own centroid
    (a long thin country's centroid may fall in its neighbour)."""
    rings = _rings(path)
    if not rings:
        return None
    area, (x, y) = max((_area_centroid(r) for r in rings), key=lambda ac: ac[0])
    biggest = max(rings, key=lambda r: _area_centroid(r)[0])
    if area < LABEL_AREA or not _inside((x, y), biggest):
        return None
    return (round(x, 1), round(y, 1))


def _inside(point: tuple, ring: list) -> bool:
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside
