"""An Atom feed of events, newest first by each event's own start (feed.xml),
one per language (es/feed.xml) in a site of several.

Timestamps come from the events' own dates, never from the clock, so two
builds of the same content write the same bytes: a date at any precision
stands for midnight UTC on the first day it covers ('2025-09' -> 2025-09-01).
An event known only to have happened by some date ('../2025-10', "by October
2025": the date of the source that mentions it) has no start, so no entry:
dating it by its source would put an old event at the top of the feed.
Atom ids must be absolute IRIs, so the feed is written only when site.yml
sets `site_url`. A feed reader fetches the whole feed each time it looks,
so it lists only the newest events (paginate.FEED_ENTRIES); the timeline
and the data downloads hold them all.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from . import paginate
from .dates import PartialDate
from .graph import Graph
from .markup import summary_text
from .urls import Urls

PATH = "feed.xml"
ATOM = "http://www.w3.org/2005/Atom"
SUMMARY_LENGTH = 300


def timestamp(date: PartialDate) -> str:
    return date.first_day().isoformat() + "T00:00:00Z"


def feed_events(graph: Graph) -> list:
    """The events the feed lists, newest start first (ties: the timeline's
    order, reversed), at most paginate.FEED_ENTRIES of them."""
    dated = [event for event in graph.timeline if event.date.start is not None]
    newest = sorted(reversed(dated), key=lambda event: event.date.first_day(), reverse=True)
    return newest[:paginate.FEED_ENTRIES]


def atom_feed(plan, urls: Urls) -> dict[str, str]:
    """feed.xml, and in a site of several languages each one's (es/feed.xml),
    from that language's graph."""
    if len(plan.graphs) <= 1:
        return _feed(plan.graph, urls)
    files: dict[str, str] = {}
    for lang, graph in plan.graphs.items():
        files.update(_feed(graph, urls.in_language(lang), lang))
    return files


def _feed(graph: Graph, urls: Urls, lang: str | None = None) -> dict[str, str]:
    events = feed_events(graph)
    if not urls.has_site_url or not events:
        return {}
    title = graph.site.get("title", "")
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang} if lang else {})
    _sub(feed, "id", urls.absolute(PATH))
    _sub(feed, "title", f"{title}: events")
    _sub(feed, "subtitle", " ".join(graph.site.get("description", "").split()))
    _sub(feed, "updated", max(timestamp(e.date) for e in events))
    _sub(_sub(feed, "author"), "name", title)
    _sub(feed, "link", rel="self", type="application/atom+xml", href=urls.absolute(PATH))
    _sub(feed, "link", rel="alternate", type="text/html", href=urls.absolute("events/"))
    for event in events:
        entry = _sub(feed, "entry")
        _sub(entry, "id", urls.absolute(event.path))
        _sub(entry, "title", event.title)
        _sub(entry, "updated", timestamp(event.date))
        _sub(entry, "link", rel="alternate", type="text/html", href=urls.absolute(event.path))
        _sub(entry, "category", term=event.subtype)
        text = summary_text(event, SUMMARY_LENGTH)
        _sub(entry, "summary", f"{event.date.text()}: {text}" if text else event.date.text())
    ET.indent(feed)
    return {urls.localize(PATH): '<?xml version="1.0" encoding="utf-8"?>\n'
                                 + ET.tostring(feed, encoding="unicode") + "\n"}


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    element.text = text
    return element
