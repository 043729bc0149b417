"""sitemap.xml of every page (from the plan the renderer uses) and a
robots.txt that points at it. Sitemaps must list absolute URLs, so both are
written only when site.yml sets `site_url`."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from .plan import Plan
from .urls import Urls

PATH = "sitemap.xml"
NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
# Pages that are not content of their own: moved-page stubs and the 404 page.
SKIP_TEMPLATES = {"redirect.html", "404.html"}


def listed_paths(plan: Plan) -> list[str]:
    return sorted(page.path for page in plan.pages if page.template not in SKIP_TEMPLATES)


def sitemap(plan: Plan, urls: Urls) -> dict[str, str]:
    if not urls.has_site_url:
        return {}
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}urlset")
    for path in listed_paths(plan):
        ET.SubElement(ET.SubElement(root, f"{{{NS}}}url"), f"{{{NS}}}loc").text = urls.absolute(path)
    ET.indent(root)
    return {
        PATH: '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n",
        "robots.txt": f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute(PATH)}\n",
    }
