"""The map of the partner region, shaded by depth of relations.

Shapes are vendored in the file site.yml's `map.shapes` names (made by
scripts/make_map_shapes.py from Natural Earth); content countries are
matched to them by `iso_code`. A site without a `map` setting has no map.
Only countries with a profile become links; the rest of the land is drawn as
one decorative background path.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import ContentError
from .graph import Entity, Graph
from .load import DATA_FOLDER
from .yamlines import line_of
from .relations import DEPTH_LEVELS, depth, depth_level, hub

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


@dataclass
class MapShape:
    country: Entity
    path: str
    depth: int
    level: int


@dataclass
class MapModel:
    title: str              # the region, as site.yml's map.title names it
    width: int
    height: int
    background: str
    shapes: list            # MapShape, linked to profiles
    inset: MapShape | None  # the hub, drawn in its own box
    inset_size: float
    legend: list            # (level, lowest depth, highest depth), non-empty levels only


def map_model(graph: Graph) -> MapModel | None:
    path = shapes_file(graph)
    if path is None:
        return None
    data = shapes(path)
    countries = [c for c in graph.by_kind["countries"] if c.iso_code.upper() in data["shapes"]]
    highest = max((depth(c) for c in countries), default=0)
    linked = [MapShape(c, data["shapes"][c.iso_code.upper()]["path"], depth(c),
                       depth_level(depth(c), highest)) for c in countries]
    centre = hub(graph)
    inset = None
    if centre is not None and centre.iso_code.upper() in data["insets"]:
        inset = MapShape(centre, data["insets"][centre.iso_code.upper()]["path"], depth(centre), 0)
    return MapModel(graph.site["map"]["title"], data["width"], data["height"], data["background"], linked, inset,
                    data["inset_size"], legend(highest))


def legend(highest: int) -> list[tuple[int, int, int]]:
    """The depth range each shade stands for (the inverse of depth_level)."""
    rows = []
    for level in range(1, DEPTH_LEVELS + 1):
        low, high = (level - 1) * highest // DEPTH_LEVELS + 1, level * highest // DEPTH_LEVELS
        if low <= high:
            rows.append((level, low, high))
    return rows
