"""Finding one's way on a long page (issue 16): breadcrumbs and "On this page".

`breadcrumbs(entity)` is planned (plan.py puts it in the page's context): the
trail from the index of the entity's kind, and for an event that is part of
another, through that event (Events › COP29 › a session at it).

`on_this_page(html)` runs on the rendered page, as citemarks.link_back does:
which sections a page has is what its template rendered, so the list is read
off the page itself. A page with at least MIN_SECTIONS sections (an <h2> with
an id inside <main>) gets a list of links to them after its opening: after
its lead paragraph when it has one, so that the answer comes first (on a
phone a long list would fill the first screen), else right after its title.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .i18n import gettext as _
from .model import KIND_TITLES

MIN_SECTIONS = 4

H1_END = re.compile(r"</h1>")
LEAD = re.compile(r'<p class="lead"[^>]*>.*?</p>', re.S)
SECTION = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
TAG = re.compile(r"<[^>]+>")
COUNT = re.compile(r'<span class="count">.*?</span>')


@dataclass(frozen=True)
class Crumb:
    title: str
    path: str      # site-relative


def breadcrumbs(entity) -> tuple:
    """The trail above an entity page, outermost first; the page itself is not in it."""
    trail = [Crumb(_(KIND_TITLES[entity.kind]), f"{entity.kind}/")]
    parents = []
    parent = entity.get("part_of") if entity.kind == "events" else None
    while parent is not None and parent not in parents and parent is not entity:
        parents.append(parent)
        parent = parent.get("part_of")
    trail += [Crumb(p.title, p.path) for p in reversed(parents)]
    return tuple(trail)


def on_this_page(html: str) -> str:
    main = html.find("<main")
    if main < 0:
        return html
    sections = SECTION.findall(html, main)
    if len(sections) < MIN_SECTIONS:
        return html
    end = H1_END.search(html, main)
    if end is None:
        return html
    lead = LEAD.search(html, end.end(), SECTION.search(html, main).start())
    at = lead.end() if lead else end.end()
    items = "".join(f'<li><a href="#{anchor}">{TAG.sub("", COUNT.sub("", title)).strip()}</a></li>'
                    for anchor, title in sections)
    heading = _("On this page")   # (outside the f-string, where pybabel finds it)
    nav = (f'\n<nav class="on-this-page" aria-labelledby="on-this-page-h" data-pagefind-ignore>'
           f'<p id="on-this-page-h">{heading}</p><ol>{items}</ol></nav>')
    return html[:at] + nav + html[at:]
