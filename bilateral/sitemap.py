"""sitemap.xml of every page (from the plan the renderer uses), each with
a <lastmod> taken from the content, and a robots.txt that points at it.

Sitemaps must list absolute URLs, so both are written only when the site's
address is known (`site_url` in site.yml, or `build --site-url`). Crawlers
read robots.txt only at a host's root: a site under a sub-path (a GitHub
Pages project site) cannot serve one, so none is written there (`notices`
says so); the sitemap is still linked from every page's <head>.

<lastmod> never comes from the clock or from git, so two builds of the same
content agree. The rule: an entity page's date is the latest (the one that
starts last) of the dates its content gives (its own `date`, its roles' and
figures' dates, the dates of the events on its timeline) and of the
publication dates of the sources it cites; a page with none of these has no
<lastmod>. A list of a kind's entities takes the latest of theirs, and every
other page (home, timeline, data) the latest of the whole site. Each is
written at the precision the content gives it ('2025-10'), which the
sitemap protocol allows.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from .dates import PartialDate, Point
from .graph import Entity, Graph
from .plan import Page, Plan
from .urls import Urls

PATH = "sitemap.xml"
NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"   # hreflang alternates (Google's sitemap extension)
# Pages that are not content of their own: moved-page stubs and the 404 page.
SKIP_TEMPLATES = {"redirect.html", "404.html"}


def listed_pages(plan: Plan) -> list[Page]:
    pages = [page for page in plan.pages if page.template not in SKIP_TEMPLATES]
    return sorted(pages, key=lambda page: page.path)


def at_host_root(urls: Urls) -> bool:
    """Whether the site is served from its host's root, where robots.txt is read."""
    return urls.base == "/" and urlsplit(urls.site_url).path.strip("/") == ""


def sitemap(plan: Plan, urls: Urls) -> dict[str, str]:
    if not urls.has_site_url:
        return {}
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}urlset")
    dated = LastModified(plan.graph)
    languages = list(plan.graphs) if len(plan.graphs) > 1 else []
    if languages:
        ET.register_namespace("xhtml", XHTML)
    for page in listed_pages(plan):
        entry = ET.SubElement(root, f"{{{NS}}}url")
        ET.SubElement(entry, f"{{{NS}}}loc").text = urls.absolute(page.path)
        lastmod = dated.of(page)
        if lastmod is not None:
            ET.SubElement(entry, f"{{{NS}}}lastmod").text = lastmod.iso()
        if languages:   # the page in every language, as its <head> lists them
            local = page.path.removeprefix(urls.in_language(page.lang).prefix)
            for lang, href in urls.alternates(local):
                ET.SubElement(entry, f"{{{XHTML}}}link", rel="alternate", hreflang=lang, href=href)
    ET.indent(root)
    files = {PATH: '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"}
    if at_host_root(urls):
        files["robots.txt"] = f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute(PATH)}\n"
    return files


def notices(urls: Urls) -> list[str]:
    """What the build should tell its user about outputs it left out, one line each."""
    said = []
    if not urls.has_site_url:
        said.append("no site address: canonical links, og:url, og:image, JSON-LD URLs, the feed and "
                    "the sitemap are left out; `--site-url URL` (or site_url in site.yml) adds them")
    if not at_host_root(urls):
        sub_path = urlsplit(urls.site_url).path.rstrip("/") or urls.base.rstrip("/")
        said.append(f"robots.txt not written: crawlers read it only at the host's root, which a site "
                    f"under {sub_path}/ (a GitHub Pages project site) cannot serve; the sitemap is "
                    "linked from every page's <head> instead")
    return said


class LastModified:
    """The content-derived <lastmod> of each page (the rule is in the module's docstring)."""

    def __init__(self, graph: Graph):
        # by (kind, slug): each language's graph has its own entities, on the same dates
        self.entities = {(e.kind, e.slug): _latest(_own_points(e)) for kind in graph.by_kind.values() for e in kind}
        self.kinds = {kind: _latest(self.entities[(e.kind, e.slug)] for e in entities)
                      for kind, entities in graph.by_kind.items()}
        self.site = _latest(self.kinds.values())

    def of(self, page: Page) -> Point | None:
        if page.about is not None:
            return self.entities[(page.about.kind, page.about.slug)]
        if page.template == "index.html":
            return self.kinds[page.context["kind"]]
        return self.site


def _own_points(entity: Entity):
    """Every date point an entity's page shows as its own, and its sources' publication dates."""
    dates = [entity.get("date")]
    dates += [role.get(name) for role in entity.get("roles", []) for name in ("start", "end", "as_of")]
    dates += [figure.period for figure in entity.figures]
    dates += [event.date for event in entity.timeline]
    dates += [citation.source.get("date") for citation in entity.notes]
    for date in dates:
        if isinstance(date, PartialDate):
            yield date.end or date.start


def _latest(points) -> Point | None:
    """The point that starts last: a vague date ('2025') does not outrank the
    precise ones it contains ('2025-10-12'), which say more about when."""
    points = [p for p in points if p is not None]
    if not points:
        return None
    return max(points, key=lambda p: (p.first_day(), p.last_day()))
