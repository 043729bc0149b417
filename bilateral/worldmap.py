"""The map of Latin America and the Caribbean, shaded by depth of relations.

Shapes are vendored in data/map_shapes.json (made by scripts/make_map_shapes.py
from Natural Earth); content countries are matched to them by `iso_code`.
Only countries with a profile become links; the rest of the land is drawn as
one decorative background path.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .graph import Entity, Graph
from .relations import DEPTH_LEVELS, depth, depth_level, hub

SHAPES = Path(__file__).resolve().parent / "data" / "map_shapes.json"


@lru_cache(maxsize=1)
def shapes() -> dict:
    return json.loads(SHAPES.read_text(encoding="utf-8"))


@dataclass
class MapShape:
    country: Entity
    path: str
    depth: int
    level: int


@dataclass
class MapModel:
    width: int
    height: int
    background: str
    shapes: list            # MapShape, linked to profiles
    inset: MapShape | None  # the hub, drawn in its own box
    inset_size: float
    legend: list            # (level, lowest depth, highest depth), non-empty levels only


def map_model(graph: Graph) -> MapModel:
    data = shapes()
    countries = [c for c in graph.by_kind["countries"] if c.iso_code.upper() in data["shapes"]]
    highest = max((depth(c) for c in countries), default=0)
    linked = [MapShape(c, data["shapes"][c.iso_code.upper()]["path"], depth(c),
                       depth_level(depth(c), highest)) for c in countries]
    centre = hub(graph)
    inset = None
    if centre is not None and centre.iso_code.upper() in data["insets"]:
        inset = MapShape(centre, data["insets"][centre.iso_code.upper()]["path"], depth(centre), 0)
    return MapModel(data["width"], data["height"], data["background"], linked, inset,
                    data["inset_size"], legend(highest))


def legend(highest: int) -> list[tuple[int, int, int]]:
    """The depth range each shade stands for (the inverse of depth_level)."""
    rows = []
    for level in range(1, DEPTH_LEVELS + 1):
        low, high = (level - 1) * highest // DEPTH_LEVELS + 1, level * highest // DEPTH_LEVELS
        if low <= high:
            rows.append((level, low, high))
    return rows
