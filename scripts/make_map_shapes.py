"""Convert Natural Earth country shapes (world-atlas TopoJSON) into the map data
the site vendors: projected SVG path strings, keyed by ISO 3166 alpha-2 code.

Run once, by hand, when the shapes should change; the build only reads the
output, so nothing is fetched at build or view time:

    cd /tmp && npm pack world-atlas && tar xzf world-atlas-2.0.2.tgz
    python scripts/make_map_shapes.py /tmp/package/countries-50m.json [content/site.yml]

What to draw is the site's setting, `map` in site.yml: `countries` (ISO codes
drawn as linkable shapes), `extent` (the window, in degrees), `insets`
(countries drawn in a box of their own, not to scale) and `shapes` (the output
file, relative to the content folder).

Source: Natural Earth 1:50m admin-0 countries (public domain), as packaged in
the `world-atlas` npm package (ISC licence, Mike Bostock).
"""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pycountry
import yaml

SITE_YML = Path(__file__).resolve().parent.parent / "content" / "site.yml"

# Set from site.yml's `map` by main(): the countries drawn as shapes, the ones
# drawn in an inset, and the window in degrees.
COUNTRIES: tuple = ()
INSETS: tuple = ()
WEST = EAST = NORTH = SOUTH = 0.0

SCALE = 7.0                # plate carrée scale, px per degree
INSET_SIZE = 90.0          # inset box, px
TOLERANCE = 0.35           # Douglas-Peucker tolerance, px


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list) -> list[tuple[float, float]]:
    points: list = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygons(geometry: dict, arcs: list) -> list[list[list]]:
    if geometry["type"] == "Polygon":
        return [[ring(r, arcs) for r in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[ring(r, arcs) for r in poly] for poly in geometry["arcs"]]
    return []


def simplify(points: list, tolerance: float) -> list:
    """Douglas-Peucker on an open polyline."""
    if len(points) < 3:
        return points
    (ax, ay), (bx, by) = points[0], points[-1]
    dx, dy = bx - ax, by - ay
    length = math.hypot(dx, dy) or 1e-9
    far, index = -1.0, 0
    for i in range(1, len(points) - 1):
        px, py = points[i]
        d = abs(dy * px - dx * py + bx * ay - by * ax) / length
        if d > far:
            far, index = d, i
    if far <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: index + 1], tolerance)[:-1] + simplify(points[index:], tolerance)


def simplify_ring(points: list, tolerance: float) -> list:
    """Split a closed ring at its farthest point so it never collapses to a line."""
    start = points[0]
    far = max(range(len(points)), key=lambda i: math.dist(start, points[i]))
    out = simplify(points[: far + 1], tolerance)[:-1] + simplify(points[far:], tolerance)
    return out if len({p for p in out}) >= 3 else points[:4]


def path(rings: list[list], project) -> str:
    parts = []
    for r in rings:
        projected = simplify_ring([project(lon, lat) for lon, lat in r], TOLERANCE)
        parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in projected) + "Z")
    return "".join(parts)


def main_projection(lon: float, lat: float) -> tuple[float, float]:
    return ((lon - WEST) * SCALE, (NORTH - lat) * SCALE)


def in_window(poly: list[list]) -> bool:
    lons = [lon for lon, _ in poly[0]]
    lats = [lat for _, lat in poly[0]]
    return max(lons) >= WEST and min(lons) <= EAST and max(lats) >= SOUTH and min(lats) <= NORTH


def inset_projection(rings: list[list]):
    lons = [lon for r in rings for lon, _ in r]
    lats = [lat for r in rings for _, lat in r]
    k = math.cos(math.radians(sum(lats) / len(lats)))  # keep the shape's proportions
    w, h = (max(lons) - min(lons)) * k, max(lats) - min(lats)
    scale = (INSET_SIZE - 10) / max(w, h)
    ox, oy = (INSET_SIZE - w * scale) / 2, (INSET_SIZE - h * scale) / 2
    return lambda lon, lat: (ox + (lon - min(lons)) * k * scale, oy + (max(lats) - lat) * scale)


def alpha2(numeric: str) -> str | None:
    country = pycountry.countries.get(numeric=numeric)
    return country.alpha_2 if country else None


def main(source: str, site_yml: Path = SITE_YML) -> None:
    global COUNTRIES, INSETS, WEST, EAST, NORTH, SOUTH
    settings = yaml.safe_load(Path(site_yml).read_text(encoding="utf-8"))["map"]
    COUNTRIES, INSETS = tuple(settings["countries"]), tuple(settings.get("insets", ()))
    extent = settings["extent"]
    WEST, EAST, NORTH, SOUTH = (float(extent[k]) for k in ("west", "east", "north", "south"))
    out = (Path(site_yml).parent / settings["shapes"]).resolve()
    topo = json.loads(Path(source).read_text())
    arcs = decode_arcs(topo)
    shapes, insets, land = {}, {}, []
    for geometry in topo["objects"]["countries"]["geometries"]:
        code = alpha2(geometry.get("id", ""))
        polys = [p for p in polygons(geometry, arcs) if p and p[0]]
        if code in INSETS:
            rings = [r for p in polys for r in p]
            insets[code] = {"name": geometry["properties"]["name"],
                            "path": path(rings, inset_projection(rings))}
            continue
        visible = [p for p in polys if in_window(p)]
        if not visible:
            continue
        rings = [r for p in visible for r in p]
        if code in COUNTRIES:
            shapes[code] = {"name": geometry["properties"]["name"], "path": path(rings, main_projection)}
        else:
            land.append(path(rings, main_projection))
    data = {
        "source": "Natural Earth 1:50m admin-0 countries (public domain), via the world-atlas "
                  "npm package 2.0.2 (ISC licence); converted by scripts/make_map_shapes.py",
        "projection": f"plate carrée, {SCALE} px per degree, window {WEST}..{EAST} E, {SOUTH}..{NORTH} N",
        "width": round((EAST - WEST) * SCALE), "height": round((NORTH - SOUTH) * SCALE),
        "inset_size": INSET_SIZE,
        "background": "".join(land),
        "shapes": dict(sorted(shapes.items())),
        "insets": insets,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {out}: {len(shapes)} shapes, {len(insets)} insets, {out.stat().st_size} bytes")


if __name__ == "__main__":
    main(*sys.argv[1:3])
