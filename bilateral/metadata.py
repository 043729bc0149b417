"""Machine-readable page metadata: schema.org JSON-LD and a citation string.

Templates call `json_ld(page, description)` in <head> and `citation(title)`
in the "cite this page" block; both are registered in render.make_environment.
"""
from __future__ import annotations

import json

from markupsafe import Markup

from .dates import PartialDate
from .graph import Entity
from .urls import Urls

# schema.org type of each kind's page subject.
SCHEMA_TYPES = {"countries": "Country", "people": "Person", "events": "Event",
                "organizations": "Organization", "sources": "CreativeWork",
                "topics": "DefinedTerm"}

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


class Metadata:
    """Metadata helpers bound to one site's URLs and title."""

    def __init__(self, urls: Urls, site: dict):
        self.urls = urls
        self.site = site
        self._refs: dict[Entity, dict] = {}   # an entity is referred to from many pages

    def json_ld(self, page: Entity, description: str = "") -> Markup:
        return script_json(self.describe(page, str(description).strip()))

    def describe(self, page: Entity, description: str) -> dict:
        url = self.urls.absolute(page.path)
        data = {"@context": "https://schema.org", "@type": SCHEMA_TYPES[page.kind],
                "@id": url, "url": url, "name": page.title}
        names = [n for n in [page.get("native_name"), *page.get("aliases", [])] if n]
        if names:
            data["alternateName"] = names
        if description:
            data["description"] = description
        data.update(getattr(self, "_" + page.kind)(page))
        sources = _unique(c.source for c in page.notes)
        if sources:
            data["citation"] = [self._ref(s) for s in sources]
        data["mainEntityOfPage"] = url
        return data

    def citation(self, title: str, path: str) -> str:
        """A stable citation string: no access date, so two builds agree."""
        return f"“{title}”. {self.site.get('title', '')}. {self.urls.absolute(path)}"

    def _ref(self, entity: Entity) -> dict:
        ref = self._refs.get(entity)
        if ref is None:
            ref = self._refs[entity] = {"@type": SCHEMA_TYPES[entity.kind], "name": entity.title,
                                        "url": self.urls.absolute(entity.path)}
        return ref

    def _countries(self, page: Entity) -> dict:
        data = {"identifier": page.iso_code}
        if page.get("capital"):
            data["containsPlace"] = {"@type": "City", "name": page.capital}
        return data

    def _people(self, page: Entity) -> dict:
        data = {"jobTitle": _unique(r["title"] for r in page.roles)}
        orgs = _unique(r["organization"] for r in page.roles if r.get("organization"))
        if orgs:
            data["affiliation"] = [self._ref(o) for o in orgs]
        if page.get("countries"):
            data["nationality"] = [self._ref(c) for c in page.countries]
        return data

    def _events(self, page: Entity) -> dict:
        date: PartialDate = page.date
        data = {"endDate": (date.end or date.start).iso(),
                "eventStatus": "https://schema.org/EventScheduled",
                "location": ([{"@type": "Place", "name": page.place}] if page.get("place") else [])
                + [self._ref(c) for c in page.countries]}
        if date.start:  # an open range ("by October 2025") has no known start
            data["startDate"] = date.start.iso()
        people = [self._ref(p["person"]) for p in page.get("people", [])]
        if people:
            data["attendee"] = people
        if page.get("organizations"):
            data["organizer"] = [self._ref(o) for o in page.organizations]
        if page.get("part_of"):
            data["superEvent"] = self._ref(page.part_of)
        return data

    def _organizations(self, page: Entity) -> dict:
        if page.get("countries"):
            return {"areaServed": [self._ref(c) for c in page.countries]}
        return {}

    def _sources(self, page: Entity) -> dict:
        data = {"inLanguage": page.language, "genre": page.subtype}
        if page.date.start is not None and page.date.end is None:  # schema.org takes one date, not a range
            data["datePublished"] = page.date.start.iso()
        if page.get("publisher"):
            data["publisher"] = {"@type": "Organization", "name": page.publisher}
        if page.get("author"):
            data["creditText"] = page.author
        if page.get("url"):
            data["sameAs"] = page.url
        return data

    def _topics(self, page: Entity) -> dict:
        return {"inDefinedTermSet": {"@type": "DefinedTermSet",
                                     "name": f"{self.site.get('title', '')}: topics",
                                     "url": self.urls.absolute("topics/")}}


def _unique(items) -> list:
    """Items in first-seen order, without repeats."""
    return list(dict.fromkeys(items))
