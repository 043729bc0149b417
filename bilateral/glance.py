"""The home page at a glance: the relationship in brief (a topic page that
site.yml's `brief` names, written and cited in content), the key numbers,
the key people and where to start. Every number is counted from entries
that are cited on the pages it links to; none is typed in."""
from __future__ import annotations

from dataclasses import dataclass

from . import keyfacts, people, relations
from .graph import Entity, Graph
from .i18n import gettext as _


@dataclass(frozen=True)
class KeyNumber:
    value: str
    label: str
    links: tuple = ()       # the pages that cite it
    figure: object = None   # a trade figure, shown with its qualifier, period and dispute


def brief(graph: Graph) -> Entity | None:
    slug = graph.site.get("brief")
    return graph.lookup.get(("topics", slug)) if slug else None


def key_numbers(graph: Graph, hub: Entity) -> list[KeyNumber]:
    partners = [c for c in relations.partners(graph) if c is not hub]
    resident = [c for c in partners
                if any(p["status"] == "resident" and not p.get("dispute")
                       for p in relations.presence_in(c, relations.HUB_IN_COUNTRY))]
    numbers = [KeyNumber(str(len(resident)),
                         _("partner countries with a resident embassy of %(hub)s") % {"hub": hub.title},
                         tuple(resident))]
    covered: dict = {}     # the country of an envoy's resident post -> countries covered from it
    for country in partners:
        for envoy in keyfacts.partner_facts_of(graph, country)["envoys"]:
            if envoy.direction == relations.HUB_IN_COUNTRY and envoy.resident_post is not None:
                covered.setdefault(envoy.resident_post["country"], []).append(country)
    if covered:
        post, countries = max(covered.items(), key=lambda kv: (len(set(kv[1])), kv[0].title))
        countries = list(dict.fromkeys(countries))
        numbers.append(KeyNumber(str(len(countries)),
                                 _("countries to which %(hub)s's ambassador in %(post)s is also accredited")
                                 % {"hub": hub.title, "post": post.title},
                                 tuple(countries)))
    consultations = [e for e in graph.timeline if e.subtype == "consultations"
                     and hub in e.get("countries", []) and e.date.start is not None]
    if consultations:
        first = consultations[0]
        numbers.append(KeyNumber(first.date.text(), _("first political consultations recorded"), (first,)))
    trade = [f for c in partners if (f := keyfacts.latest_trade(c)) is not None]
    if trade:
        latest = max(trade, key=lambda f: (f.period.last_day(), f.id))
        numbers.append(KeyNumber("", _("latest trade figure"), (latest.country,), latest))
    return numbers


def key_people(graph: Graph, hub: Entity) -> list[people.PersonLine]:
    """The envoys and visitors between the hub and its partners, by
    surname, each with their latest office."""
    found: list = []
    for country in relations.partners(graph):
        if country is hub:
            continue
        derived = keyfacts.partner_facts_of(graph, country)
        found += [e.person for e in derived["envoys"]]
        found += [p["person"] for v in derived["visits"] for p in v.visitors]
    related = {hub, *relations.partners(graph)}
    lines = []
    for person in sorted(dict.fromkeys(found), key=people.surname_key):
        offices = people.role_lines(person.get("roles", []))
        # the latest office that concerns the hub or a partner (de las Casas:
        # Peru's ambassador to Azerbaijan, not his later-attested post in Türkiye)
        offices = [o for o in offices if related & set(o.countries)] or offices
        lines.append(people.PersonLine(person, tuple(offices[-1:])))
    return lines


def start_here(graph: Graph) -> list:
    """Where a new reader starts: the partner country the site documents most
    (the most events, presence entries and figures: a count of records, so the
    link says 'documented', never 'closest'), then the site-wide views."""
    partners = [c for c in relations.partners(graph)]
    links: list = []
    if partners:
        most = max(partners, key=lambda c: (len(c.timeline) + len(c.get("presence", [])) + len(c.figures),
                                            c.title))
        links.append((_("%(country)s, the most documented country") % {"country": most.title}, most))
    links += [(_("Visits and agreements"), "visits/"), (_("Every country at a glance"), "countries/"),
              (_("The timeline"), "timeline/"), (_("About the sources and the method"), "about/")]
    return links
