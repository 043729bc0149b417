"""What a partner country's page answers first: the key facts, its envoys
both ways, its visits both ways, and its agreements and mechanisms.

Derived once, here, from what content already holds (events' kinds, dates
and participants, people's roles, presence entries, figures); plan.py puts
the results in the country page's context and templates/facts.html formats
them. Nothing is guessed: a row with nothing to show is empty, and the page
says "not stated in the sources".

Each shown fact is a `Fact`: its words as `parts` (strings, entities to
link, dates to format), the citations it rests on, and a dispute when the
sources disagree. Every citation a fact carries is numbered among the page's
notes (`cite_on`), so the box's marks lead to the page's own citations list.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import paginate, people, relations
from .dates import PartialDate
from .graph import Entity, Graph, kind_then_title
from .i18n import gettext as _
from .urls import timeline_path

# Event kinds each row reads.
ESTABLISHMENT = "establishment-of-relations"
VISIT = "visit"
CREDENTIALS = "credentials"
MECHANISM_KINDS = ("consultations", "working-group", "agreement")
TRADE_METRICS = relations.TRADE_METRICS

# The content model has no "envoy" field: an envoy is a person holding a role
# whose title names an ambassador; "non-resident" in that title says the
# envoy resides elsewhere (content writes both words in titles as the sources do).
ENVOY_WORD = "ambassador"
NON_RESIDENT = "non-resident"


@dataclass(frozen=True)
class Fact:
    parts: tuple                 # str | Entity (linked) | PartialDate (formatted)
    cite: tuple = ()             # Citations
    inferred: str = ""           # why the fact's date is inferred
    dispute: object = None       # graph.Dispute
    figure: object = None        # graph.Figure, formatted with its qualifier and unit


@dataclass(frozen=True)
class KeyFact:
    label: str
    facts: tuple


@dataclass(frozen=True)
class Envoy:
    """One office of one envoy: `direction` is relations.HUB_IN_COUNTRY or
    COUNTRY_IN_HUB; `residence` is 'resident', 'non-resident' or '' (not
    stated); `resident_post` the office held where a non-resident envoy
    resides, when the sources give it; `credentials` the event of presenting them."""
    person: Entity
    role: dict
    direction: str
    residence: str
    resident_post: dict | None
    credentials: Entity | None

    @property
    def date(self) -> PartialDate | None:
        return self.role.get("as_of") or self.role.get("start") or self.role.get("end")

    @property
    def resident_in(self) -> str:
        """Where the envoy resides, as the content lets us say it; '' when it does not."""
        if self.resident_post is not None:
            return _("%(country)s (also %(office)s)") % {"country": self.resident_post["country"].title,
                                                          "office": self.resident_post["title"]}
        if self.residence == "resident":
            return _("%(country)s (resident embassy)") % {"country": self.role["country"].title}
        return ""

    @property
    def cite(self) -> tuple:
        cites = [*self.role["cite"], *(self.resident_post["cite"] if self.resident_post else [])]
        if self.credentials is not None:
            cites.append(self.credentials["citations"][0])
        return tuple(dict.fromkeys(cites))


@dataclass(frozen=True)
class Visit:
    event: Entity
    direction: str               # relations.HUB_IN_COUNTRY: the hub's people visited the country
    visitors: tuple              # participant dicts: person, role

    @property
    def cite(self) -> tuple:
        return (self.event["citations"][0],)


# --- envoys ----------------------------------------------------------------------------

def is_envoy_role(role: dict) -> bool:
    return ENVOY_WORD in role["title"].casefold()


def _date_key(date) -> tuple:
    return date.sort_key() if date else ((), ())


def envoys(graph: Graph, hub: Entity, country: Entity) -> list[Envoy]:
    """Every envoy office between the hub and the country, both ways (the
    hub's first), each side oldest first. The hub's envoy to the country: a hub-side person's ambassador
    role whose `country` is the country; the country's envoy to the hub: a
    person of the country's side (not the hub's) whose role's `country` is the hub."""
    found = []
    for person in graph.by_kind["people"]:
        sides = person.get("countries", [])
        for role in person.get("roles", []):
            if not is_envoy_role(role):
                continue
            if role.get("country") is country and hub in sides:
                direction = relations.HUB_IN_COUNTRY
            elif role.get("country") is hub and country in sides and hub not in sides:
                direction = relations.COUNTRY_IN_HUB
            else:
                continue
            found.append(_envoy(person, role, direction, country))
    return sorted(found, key=lambda e: (e.direction != relations.HUB_IN_COUNTRY, _date_key(e.date),
                                        e.person.slug, e.role["title"]))


def _envoy(person: Entity, role: dict, direction: str, country: Entity) -> Envoy:
    resident_post = None
    if NON_RESIDENT in role["title"].casefold():
        residence = "non-resident"
        # where the envoy resides: the same person's resident ambassador office
        # that the sources attest at the same date (Talibov: Mexico, October 2025)
        resident_post = next((r for r in person.get("roles", [])
                              if r is not role and is_envoy_role(r)
                              and NON_RESIDENT not in r["title"].casefold()
                              and r.get("as_of") == role.get("as_of")
                              and r.get("country") is not role.get("country")), None)
    elif any(p["status"] == "resident" and not p.get("dispute")
             for p in relations.presence_in(country, direction)):
        residence = "resident"
    else:
        residence = ""
    return Envoy(person, role, direction, residence, resident_post, _credentials(person, country))


def _credentials(person: Entity, country: Entity) -> Entity | None:
    return next((e for e in person.timeline if e.subtype == CREDENTIALS
                 and country in e.get("countries", [])
                 and any(p["person"] is person for p in e.get("people", []))), None)


def latest_per_person(found: list[Envoy]) -> list[Envoy]:
    """Each person's latest office in one direction (the box shows one line each)."""
    latest: dict = {}
    for envoy in found:   # oldest first, so the last one wins
        latest[envoy.person] = envoy
    return list(latest.values())


def envoy_fact(envoy: Envoy) -> Fact:
    parts: list = [envoy.person, f", {envoy.role['title']}"]
    if envoy.resident_post is not None:
        parts += [_("; accredited from %(country)s (also %(office)s)") % {
            "country": envoy.resident_post["country"].title, "office": envoy.resident_post["title"]}]
    if envoy.credentials is not None:
        parts += [_("; credentials presented "), envoy.credentials.date, " (", envoy.credentials, ")"]
    if envoy.role.get("as_of"):
        parts += [_("; as of "), envoy.role["as_of"]]
    elif envoy.role.get("start"):
        parts += [_("; since "), envoy.role["start"]]
    inferred = envoy.role.get("as_of_inferred", "") if envoy.role.get("as_of") else envoy.role.get("start_inferred", "")
    return Fact(tuple(parts), envoy.cite, inferred)


# --- presence --------------------------------------------------------------------------

def embassy_fact(country: Entity, direction: str) -> tuple:
    """What the presence entries say of a mission, in one line: a resident
    embassy, a disputed one, or accreditation from elsewhere."""
    entries = relations.presence_in(country, direction)
    disputed = [p for p in entries if p.get("dispute")]
    resident = [p for p in entries if p["status"] == "resident" and not p.get("dispute")]
    non_resident = [p for p in entries if p["status"] == "non-resident" and not p.get("dispute")]
    facts = []
    if resident:
        facts.append(Fact((_("Resident embassy"),), _cites(resident)))
    elif non_resident:
        # "no resident embassy stated" only when no source claims one (a dispute says more below)
        words = (_("Represented by a non-resident envoy") if disputed
                 else _("Represented by a non-resident envoy; no resident embassy stated"))
        facts.append(Fact((words,), _cites(non_resident)))
    for dispute_id in dict.fromkeys(p["dispute"].id for p in disputed):
        sides = [p for p in disputed if p["dispute"].id == dispute_id]
        dispute = sides[0]["dispute"]
        facts.append(Fact((_("Embassy: the sources disagree"),), _cites(sides), dispute=dispute))
    return tuple(facts)


def _cites(entries: list) -> tuple:
    return tuple(dict.fromkeys(c for p in entries for c in p["cite"]))


# --- visits and mechanisms ----------------------------------------------------------

def visits(hub: Entity, country: Entity) -> list[Visit]:
    """The country's visit events with the hub, oldest first. The direction
    comes from the event's `place`, which names the host country in words
    ("Lima, Peru"); a visit whose place names neither is left out."""
    found = []
    for event in country.timeline:
        if event.subtype != VISIT or hub not in event.get("countries", []):
            continue
        direction = visit_direction(event, hub, country)
        if direction:
            visitors = tuple(p for p in event.get("people", [])
                             if (hub if direction == relations.HUB_IN_COUNTRY else country)
                             in p["person"].get("countries", []))
            found.append(Visit(event, direction, visitors))
    return found


def visit_direction(event: Entity, hub: Entity, country: Entity) -> str:
    place = event.get("place", "")
    if country.title in place:
        return relations.HUB_IN_COUNTRY
    if hub.title in place:
        return relations.COUNTRY_IN_HUB
    return ""


def visit_fact(visit: Visit) -> Fact:
    parts: list = []
    for i, p in enumerate(visit.visitors):
        parts += [", ", p["person"]] if i else [p["person"]]
        if p.get("role"):
            parts.append(f" ({p['role']})")
    parts += [": " if parts else "", visit.event, ", ", visit.event.date]
    return Fact(tuple(parts), visit.cite, visit.event.get("date_inferred", ""))


def mechanisms(hub: Entity, country: Entity) -> list[Entity]:
    """Consultations, working groups and agreements between the two, oldest
    first; context events (a third country's agreement) are not theirs."""
    return [e for e in country.timeline
            if e.subtype in MECHANISM_KINDS and hub in e.get("countries", []) and not e.get("context")]


def event_fact(event: Entity) -> Fact:
    return Fact((event, ", ", event.date), (event["citations"][0],), event.get("date_inferred", ""))


# --- the box --------------------------------------------------------------------------

def latest_trade(country: Entity):
    """The trade figure whose period ends last (an open 'by April 2025' ends
    then; it never outranks a period known to end later)."""
    trade = [f for f in country.figures if f.metric in TRADE_METRICS and f.period]
    return max(trade, key=lambda f: (f.period.last_day(), f.id)) if trade else None


def key_facts(graph: Graph, hub: Entity, country: Entity, found: list | None = None,
              trips: list | None = None) -> tuple:
    """`found` and `trips`: the country's envoys and visits, when already derived."""
    established = [e for e in country.timeline
                   if e.subtype == ESTABLISHMENT and hub in e.get("countries", [])]
    found = envoys(graph, hub, country) if found is None else found
    trips = visits(hub, country) if trips is None else trips
    rows = [KeyFact(_("Diplomatic relations established"), tuple(event_fact(e) for e in established))]
    in_ = _("%(sender)s in %(host)s")
    for direction, label in ((relations.HUB_IN_COUNTRY, in_ % {"sender": hub.title, "host": country.title}),
                             (relations.COUNTRY_IN_HUB, in_ % {"sender": country.title, "host": hub.title})):
        facts = embassy_fact(country, direction)
        facts += tuple(envoy_fact(e) for e in latest_per_person([e for e in found if e.direction == direction]))
        rows.append(KeyFact(label, facts))
    for direction, label in ((relations.HUB_IN_COUNTRY, _("Latest visit to %(country)s") % {"country": country.title}),
                             (relations.COUNTRY_IN_HUB, _("Latest visit to %(country)s") % {"country": hub.title})):
        mine = [v for v in trips if v.direction == direction]
        rows.append(KeyFact(label, (visit_fact(mine[-1]),) if mine else ()))
    rows.append(KeyFact(_("Agreements and mechanisms"), tuple(event_fact(e) for e in mechanisms(hub, country))))
    trade = latest_trade(country)
    rows.append(KeyFact(_("Latest trade figure"), () if trade is None else (
        Fact((" (", trade.period, "): ", trade.label), tuple(trade.cite), trade.period_inferred,
             trade.dispute, trade),)))
    return tuple(rows)


def citations(value) -> list:
    """Every citation in key facts, envoys or visits, in the order shown."""
    found: list = []
    for item in value if isinstance(value, (list, tuple)) else [value]:
        if isinstance(item, KeyFact):
            found += citations(item.facts)
        elif isinstance(item, (Fact, Envoy, Visit)):
            found += list(item.cite)
    return found


def cite_on(page: Entity, cites: list) -> None:
    """Number citations drawn from other pages (roles, events) among this
    page's notes, after its own; the source's page then lists this page too.
    Runs once per graph, in the graph stage (cite_partner_facts)."""
    for citation in dict.fromkeys(cites):
        page.notes.add("keyfacts", citation)
    page.notes.finish()   # numbers only the citations it has not numbered yet
    for source in dict.fromkeys(c.source for c in cites):
        if page not in source.cited_by:
            source.cited_by = sorted([*source.cited_by, page], key=kind_then_title)


# --- derived once per graph --------------------------------------------------------------

PARTNER = "partner facts"   # graph.derived[(PARTNER, country)]: partner_facts()


def partner_facts(graph: Graph, hub: Entity, country: Entity, memo: dict | None = None) -> dict:
    """A partner country's key facts, visits, envoys and people by side, as
    its page shows them; `memo` as for people.sides."""
    found, trips = envoys(graph, hub, country), visits(hub, country)
    return {"key_facts": key_facts(graph, hub, country, found, trips), "visits": trips, "envoys": found,
            **bounded_people(country, hub, memo)}


def bounded_people(country: Entity, hub: Entity, memo: dict | None = None) -> dict:
    """A partner's key people by side: everyone its entries name or its events
    list, or, when they are too many to list (paginate.py), those its entries
    name and those of the latest events its page shows, with `people_more`
    saying so and leading to its full timeline (None when all are listed)."""
    everyone = people.key_people(country)
    shown, more = everyone, None
    if len(everyone) > paginate.ENTITY_PEOPLE:
        named = {e for e in country.mentioned_in if e.kind == "people"}
        events = paginate.latest_events(country.timeline, paginate.ENTITY_EVENTS, paginate.LATEST)
        recent = {p["person"] for e in events if not e.get("context") for p in e.get("people", [])}
        shown = [p for p in everyone if p in named or p in recent]
        more = paginate.Bounded(tuple(everyone), len(shown), timeline_path("country", country.slug))
    return {"sides": people.sides(shown, hub, country, memo), "people_more": more}


def cite_partner_facts(graph: Graph) -> None:
    """The graph stage's last step: derive each partner country's facts once,
    keep them for the plan (partner_facts_of) and number the citations they
    draw from roles and events among the country's notes (cite_on), so that
    planning only reads the graph."""
    hub = relations.hub(graph)
    if hub is None:
        return
    memo: dict = {}   # a person's role lines, the same on every country page listing them
    for country in graph.by_kind["countries"]:
        if country is hub or not country.partner:
            continue
        derived = partner_facts(graph, hub, country, memo)
        role_cites = [c for _, lines in derived["sides"] for p in lines for line in p.lines for c in line.cite]
        cite_on(country, citations([*derived["key_facts"], *derived["visits"], *derived["envoys"]]) + role_cites)
        graph.derived[(PARTNER, country)] = derived


def partner_facts_of(graph: Graph, country: Entity) -> dict:
    """What cite_partner_facts derived for this partner country."""
    return graph.derived[(PARTNER, country)]


# --- site-wide: visits and mechanisms by country ---------------------------------------

@dataclass(frozen=True)
class CountryRecord:
    """One partner country's visits (both ways) and mechanisms, for /visits/."""
    country: Entity
    visits: tuple
    mechanisms: tuple


def by_country(graph: Graph, hub: Entity) -> list[CountryRecord]:
    """Every partner country with at least one visit or mechanism, by title."""
    records = [CountryRecord(c, tuple(visits(hub, c)), tuple(mechanisms(hub, c)))
               for c in graph.by_kind["countries"] if c.partner and c is not hub]
    return [r for r in records if r.visits or r.mechanisms]


def direction_label(direction: str, hub: Entity, country: Entity) -> str:
    to = _("%(from)s to %(to)s")
    return (to % {"from": hub.title, "to": country.title} if direction == relations.HUB_IN_COUNTRY
            else to % {"from": country.title, "to": hub.title})
