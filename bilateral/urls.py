"""The one place internal URLs are made, so a base path (GitHub Pages project
sites live under /repo/) applies to every link and asset alike."""
from __future__ import annotations


def normalize_base(base: str) -> str:
    """'/', 'sub', '/sub', '/sub/' -> '/' or '/sub/'."""
    base = "/" + (base or "").strip().strip("/")
    return base if base == "/" else base + "/"


def page_path(kind: str, slug: str) -> str:
    """Site-relative path of an entity page, without the base: 'people/x/'."""
    return f"{kind}/{slug}/"


def timeline_path(facet: str | None = None, value: str | None = None) -> str:
    """Site-relative path of the timeline or one of its pre-built filtered views:
    'timeline/', 'timeline/country/peru/', 'timeline/no-context/'."""
    if facet is None:
        return "timeline/"
    return f"timeline/{facet}/" + (f"{value}/" if value else "")


def output_file(path: str) -> str:
    """Where a site-relative path is written: 'people/x/' -> 'people/x/index.html'."""
    if path == "" or path.endswith("/"):
        return path + "index.html"
    return path


class Urls:
    def __init__(self, base: str = "/", site_url: str = ""):
        self.base = normalize_base(base)
        self.site_url = (site_url or "").rstrip("/")

    def __call__(self, path: str = "") -> str:
        """Base-aware URL of a site-relative path ('timeline/', 'static/site.css')."""
        return self.base + path.lstrip("/")

    def entity(self, entity) -> str:
        return self(page_path(entity.kind, entity.slug))

    @property
    def has_site_url(self) -> bool:
        """Whether absolute URLs can be made: feeds and sitemaps need them."""
        return bool(self.site_url)
    def timeline(self, facet: str | None = None, value: str | None = None) -> str:
        return self(timeline_path(facet, value))

    def absolute(self, path: str = "") -> str:
        """Absolute URL for sitemaps and canonical links (site_url already holds any sub-path)."""
        return f"{self.site_url}/{path.lstrip('/')}" if self.site_url else self(path)
