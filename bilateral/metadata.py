"""Machine-readable page metadata: schema.org JSON-LD, titles for <head>,
the share image and a citation string.

Templates call these in <head> and the "cite this page" block; they are
registered in render.make_environment. The JSON-LD states only what the
content states: no organizer, place or date is guessed from a related field,
an empty value is left out, and without the site's absolute address
(`site_url`) no URL is written at all, since a relative one would be wrong
wherever the data is read.
"""
from __future__ import annotations

import json

from markupsafe import Markup

from .graph import Entity
from .i18n import gettext as _
from .urls import Urls

# schema.org type of each kind's page subject.
SCHEMA_TYPES = {"countries": "Country", "people": "Person", "events": "Event",
                "organizations": "Organization", "sources": "CreativeWork",
                "topics": "DefinedTerm"}

# Longest <title> search engines show in full; a longer title is cut (the
# `short_title` field exists for entities whose full name is longer).
TITLE_LIMIT = 70
TITLE_SEPARATOR = " · "

# The share image (og:image) of each kind's pages, and of every other page.
# scripts/make_share_images.py draws them; tests check they exist.
SHARE_IMAGE = "static/share/{name}.png"
SHARE_IMAGE_SIZE = (1200, 630)

# In a <script> element only "</script" or "<!--" could end or confuse the data;
# escaping every <, > and & as JSON \u escapes rules both out and keeps valid JSON.
_SCRIPT_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


def script_json(data) -> Markup:
    """`data` as JSON that is safe inside <script type="application/ld+json">."""
    # compact: only without indent does json use its C encoder, and this runs per page
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in _SCRIPT_SAFE.items():
        text = text.replace(char, escape)
    return Markup('<script type="application/ld+json">\n' + text + '\n</script>')  # text is safe now


def short_title(entity: Entity) -> str:
    """The name for <title>, og:title and lists: `short_title` when the
    content gives one, else the title (the page's <h1> is always the title)."""
    return entity.get("short_title") or entity.title


def head_title(name: str, site_title: str) -> str:
    """'Name · Site', or the name alone when both would not fit TITLE_LIMIT."""
    full = f"{name}{TITLE_SEPARATOR}{site_title}" if site_title else name
    return full if len(full) <= TITLE_LIMIT else name


def share_image(kind: str | None = None) -> str:
    """Site-relative path of the share image for a kind's pages (None: any other page)."""
    return SHARE_IMAGE.format(name=kind if kind in SCHEMA_TYPES else "site")


class Metadata:
    """Metadata helpers bound to one site's URLs and settings."""

    def __init__(self, urls: Urls, site: dict):
        self.urls = urls
        self.site = site
        self._refs: dict[Entity, dict] = {}   # an entity is referred to from many pages

    def json_ld(self, page: Entity, description: str = "") -> Markup:
        return script_json(self.describe(page, str(description).strip()))

    def describe(self, page: Entity, description: str) -> dict:
        """The page as a schema.org WebPage `about` its entity. The page's
        citations belong to the page (schema.org's `citation` is a
        CreativeWork's), not to the person, country or event it is about."""
        url = self._absolute(page.path)
        subject = {"@type": SCHEMA_TYPES[page.kind], "@id": url and url + "#subject",
                   "name": page.title,
                   "alternateName": _unique(n for n in [page.get("native_name"), *page.get("aliases", [])] if n)}
        subject.update(getattr(self, "_" + page.kind)(page))
        return _pruned({
            "@context": "https://schema.org", "@type": "WebPage", "@id": url, "url": url,
            "name": page.title, "description": description,
            "inLanguage": self.site.get("language"),
            "license": self.site.get("license_url"),
            "isPartOf": {"@type": "WebSite", "name": self.site.get("title"), "url": self._absolute("")},
            "about": subject,
            "citation": [self._ref(s) for s in _unique(c.source for c in page.notes)],
        })

    def citation(self, title: str, path: str) -> str:
        """A stable citation string: no access date, so two builds agree.
        Without the site's address it names the path, which is all there is."""
        return f"“{title}”. {self.site.get('title', '')}. {self.urls.absolute(path)}"

    def _absolute(self, path: str) -> str | None:
        """The absolute URL of a site path, or None when the site's address is unknown."""
        return self.urls.absolute(path) if self.urls.has_site_url else None

    def _ref(self, entity: Entity) -> dict:
        ref = self._refs.get(entity)
        if ref is None:
            ref = self._refs[entity] = _pruned({"@type": SCHEMA_TYPES[entity.kind], "name": entity.title,
                                                "url": self._absolute(entity.path)})
        return ref

    def _countries(self, page: Entity) -> dict:
        return {"identifier": page.iso_code,
                "containsPlace": {"@type": "City", "name": page.get("capital")}}

    def _people(self, page: Entity) -> dict:
        # `countries` (served or represented) is not a nationality: not stated here
        return {"jobTitle": _unique(r["title"] for r in page.roles),
                "affiliation": [self._ref(o) for o in
                                _unique(r["organization"] for r in page.roles if r.get("organization"))]}

    def _events(self, page: Entity) -> dict:
        # Only what the event's own fields say: `organizers` and `place` are
        # stated by the editor; the countries and organizations "involved"
        # are neither organizers nor a location.
        return {**_event_dates(page.date),
                "location": {"@type": "Place", "name": page.get("place")},
                "organizer": [self._ref(o) for o in page.get("organizers", [])],
                "attendee": [self._ref(p["person"]) for p in page.get("people", [])],
                "superEvent": page.get("part_of") and self._ref(page.part_of)}

    def _organizations(self, page: Entity) -> dict:
        return {}  # `countries` (belongs to) has no schema.org property that says only that

    def _sources(self, page: Entity) -> dict:
        single = page.date.start is not None and page.date.end is None  # schema.org takes one date
        return {"inLanguage": page.language, "genre": page.subtype,
                "datePublished": page.date.start.iso() if single else None,
                "publisher": {"@type": "Organization", "name": page.get("publisher")},
                "creditText": page.get("author"),
                "sameAs": page.get("url")}

    def _topics(self, page: Entity) -> dict:
        return {"inDefinedTermSet": {"@type": "DefinedTermSet",
                                     "name": _("%(site)s: topics") % {"site": self.site.get('title', '')},
                                     "url": self._absolute("topics/")}}


def _event_dates(date) -> dict:
    """startDate and endDate of a date or range. An open range ("by
    October 2025") gives neither: its end is when a source reported it,
    not when the event ended."""
    if date.start is None:
        return {}
    return {"startDate": date.start.iso(), "endDate": (date.end or date.start).iso()}


def _pruned(value):
    """`value` without empty values (None, "", [], {}) at any depth, and
    without objects left holding only their @type."""
    if isinstance(value, dict):
        kept = {}
        for key, item in value.items():
            item = _pruned(item)
            if not _empty(item):
                kept[key] = item
        return kept if len(kept) > ("@type" in kept) else {}
    if isinstance(value, list):
        return [item for item in map(_pruned, value) if not _empty(item)]
    return value


def _empty(value) -> bool:
    # (0 and False are values, not empty: only these four are)
    return value is None or (isinstance(value, (str, list, dict)) and not value)


def _unique(items) -> list:
    """Items in first-seen order, without repeats."""
    return list(dict.fromkeys(items))
