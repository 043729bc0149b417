"""Which events a "latest" list may show, and in what order.

An event dated only by an open range `../END` (COP29, the COVID-19
pandemic: a source shows only that it had happened by its own date) has no
date of its own: it never counts as latest and never sorts as if it happened
at END. Timelines show it in an undated "Background" group instead. Context
events (the 2020 war, a port's opening) are background to the relationship,
not news of it, so the home page's latest list leaves them out too.

A sub-event (`part_of`) collapses under the event it belongs to: one visit
is one row, its meetings listed inside it.
"""
from __future__ import annotations

from dataclasses import dataclass

from .graph import Entity


def is_background(event: Entity) -> bool:
    """Undated: known only to have happened by some date."""
    return event.date.start is None


def dated(events) -> list:
    return [e for e in events if not is_background(e)]


def background(events) -> list:
    return [e for e in events if is_background(e)]


@dataclass(frozen=True)
class LatestItem:
    event: Entity
    parts: tuple = ()          # its sub-events in the list, newest first


def newest_first(events) -> list:
    """By each event's own date, newest first; the same date keeps the
    timeline's order, reversed (a vaguer date sorts before a precise one)."""
    return sorted(events, key=lambda e: (e.date.sort_key(), e.title.casefold(), e.slug), reverse=True)


def top(event: Entity) -> Entity:
    while event.get("part_of") is not None:
        event = event["part_of"]
    return event


def latest(events, count: int) -> list[LatestItem]:
    """The `count` newest dated, non-context events, each sub-event folded
    into the topmost event it is part of (which takes its place in the list,
    even if the parent itself is not newer)."""
    eligible = [e for e in dated(events) if not e.get("context")]
    order: list = []
    parts: dict = {}
    for event in newest_first(eligible):
        head = top(event)
        if head.get("context") or is_background(head):
            head = event   # a background parent cannot stand for its dated part
        if head not in parts:
            order.append(head)
            parts[head] = []
        if head is not event:
            parts[head].append(event)
    return [LatestItem(head, tuple(parts[head])) for head in order[:count]]
