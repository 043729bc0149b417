"""People as a country page and the people index show them: which side
they are on, their offices merged into readable lines, and a surname to
sort by."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .graph import Entity
from .i18n import gettext as _

# Lower-case words that start a surname ("Cesar Augusto de las Casas Dias").
PARTICLES = {"de", "del", "della", "da", "das", "do", "dos", "la", "las", "los", "van", "von", "y"}


def surname_key(person: Entity) -> tuple:
    """Sort by surname: from the first lower-case particle of the title to
    its end, else its last word (the sources' own short form: "Minister
    Salcedo", "Ambassador Talibov"); accents folded, so Álvarez sorts with
    Alvarez. Then the whole title, then the slug, so the order is total."""
    words = person.title.split()
    start = next((i for i, w in enumerate(words) if i and w in PARTICLES), len(words) - 1)
    surname = " ".join(w for w in words[start:] if w not in PARTICLES) or person.title
    return (_fold(surname), _fold(person.title), person.slug)


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class RoleLine:
    """One line of offices: the same office at the same date for several
    countries reads once, naming them all."""
    title: str
    countries: tuple
    period: object          # plan.Period
    cite: tuple


def role_lines(roles: list) -> list[RoleLine]:
    from .plan import role_period, roles_by_time   # plan imports this module
    groups: dict = {}
    for role in roles_by_time(roles):
        country = role.get("country")
        pattern = role["title"].replace(country.title, "{}") if country and country.title in role["title"] else None
        period = role_period(role)
        key = (pattern, period) if pattern else (role["title"], period, id(role))
        groups.setdefault(key, []).append(role)
    lines = []
    for (pattern, period, *_), members in groups.items():
        countries = tuple(dict.fromkeys(r["country"] for r in members if r.get("country")))
        title = pattern.format(_and([c.title for c in countries])) if len(members) > 1 else members[0]["title"]
        cite = tuple(dict.fromkeys(c for r in members for c in r["cite"]))
        lines.append(RoleLine(title, countries, period, cite))
    return lines


def _and(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return _("%(others)s and %(last)s") % {"others": ", ".join(names[:-1]), "last": names[-1]}


def key_people(country: Entity) -> list[Entity]:
    """The people whose entries name the country, and those who took part
    in its events (context events aside: a war's leaders are not its envoys)."""
    found = [e for e in country.mentioned_in if e.kind == "people"]
    for event in country.timeline:
        if not event.get("context"):
            found += [p["person"] for p in event.get("people", [])]
    return list(dict.fromkeys(found))


@dataclass(frozen=True)
class PersonLine:
    person: Entity
    lines: tuple


def sides(people: list, hub: Entity, country: Entity, memo: dict | None = None) -> list[tuple]:
    """(heading, person lines) for the hub's side, the country's and any
    other: a person's side is the countries they serve (`countries`).
    `memo`, kept between calls for one graph, holds each person's line and
    sort key, which are the same on every country page that lists them."""
    memo = {} if memo is None else memo
    groups = {f"{hub.title}": [], f"{country.title}": [], "Others": []}
    for person in people:
        mine = person.get("countries", [])
        side = hub.title if hub in mine else country.title if country in mine else "Others"
        if person not in memo:
            memo[person] = (surname_key(person), PersonLine(person, tuple(role_lines(person.get("roles", [])))))
        groups[side].append(memo[person])
    return [(name, [line for _, line in sorted(lines, key=lambda kl: kl[0])])
            for name, lines in groups.items() if lines]


def index(graph) -> dict:
    """The people index: everyone by surname, and grouped by the countries
    they serve (a person under each of theirs; those with none last)."""
    people = sorted(graph.by_kind["people"], key=surname_key)
    by_country = [(c, [p for p in people if c in p.get("countries", [])])
                  for c in graph.by_kind["countries"]]
    unplaced = [p for p in people if not p.get("countries")]
    return {"entries": people, "by_country": [(c, ps) for c, ps in by_country if ps], "unplaced": unplaced}
