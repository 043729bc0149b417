"""What the site says about each partner country at a glance: its diplomatic
presence, resolved to one category per side (the map shades by the hub's
side), and the rows of the overview table.

The hub, the country every other one relates to, is site.yml's `hub` (a
country slug); partner countries are the others, unless `partner: false`.

A side of a country's presence (the hub's mission in the country, or the
country's in the hub) resolves to the first category that its entries and
the people's roles support, in this order:

- resident: a `resident` entry (an embassy in the country);
- covered from another country: a `non-resident` entry, and one person who
  serves the sending country holds, attested on the same date, an office for
  this country and one for a country where the sending country is resident
  (Azerbaijan's ambassador to Mexico is also its non-resident ambassador to
  six countries). The covering country's capital is named only when its
  profile states one (`capital`); otherwise the country;
- non-resident: a `non-resident` entry, with no station the content states;
- other: only `reported`, `planned` or `none` entries, or only disputed
  ones, told on the profile;
- not stated in the sources: no entry.

A side that holds one side of a dispute carries the dispute, so the table
can flag it. Nothing here counts records: how many entries, events or
figures the site holds about a country says how much the sources report,
not how close two governments are.
"""
from __future__ import annotations

from dataclasses import dataclass

from .graph import Entity, Graph
from .i18n import N_
from .i18n import gettext as _
from .latest import dated

TRADE_METRICS = ("trade-turnover",)   # figures the table's trade column shows
# Money units in USD million, so the table sorts trade figures given in different units.
USD_MILLIONS = {"USD million": 1, "USD billion": 1_000, "USD trillion": 1_000_000}


# The two sides of a country's diplomatic presence, as content names them:
# the hub's mission in the country, and the country's in the hub.
HUB_IN_COUNTRY, COUNTRY_IN_HUB = DIRECTIONS = ("hub-in-country", "country-in-hub")

# The presence categories, in the order a side resolves to them: key, the
# legend's name, and what it means (the map's legend and the countries page
# say this; {hub} is the hub's name).
# (Translated where shown: N_ marks them for extraction; {hub} stays as it is.)
CATEGORIES = (
    ("resident", N_("Resident embassy"),
     N_("{hub} has an embassy in the country, according to the cited source.")),
    ("covered", N_("Covered from another country"),
     N_("{hub}'s ambassador resident in another country of the region is also accredited "
        "to this one, according to the cited source.")),
    ("non-resident", N_("Non-resident, station not stated"),
     N_("A source says {hub} works with the country through a non-resident mission, "
        "without saying from where.")),
    ("other", N_("Other reports"),
     N_("The sources mention {hub}'s mission only as reported, planned or absent; the profile tells what they say.")),
    ("none", N_("Not stated in the sources"),
     N_("No source says whether {hub} has a mission for the country.")),
)
# What an entry of the "other" category says, in a table cell.
OTHER_LABELS = {"planned": N_("planned"), "none": N_("none reported"),
                "reported": N_("reported, residence not stated")}
CATEGORY_KEYS = tuple(key for key, _, _ in CATEGORIES)
CATEGORY_NAMES = {key: name for key, name, _ in CATEGORIES}


def categories(graph: Graph) -> list[tuple[str, str, str]]:
    """(key, name, meaning) of every category, the meaning naming the hub."""
    centre = hub(graph)
    name = centre.title if centre is not None else _("The hub country")
    return [(key, _(label), _(meaning).format(hub=name)) for key, label, meaning in CATEGORIES]


def hub(graph: Graph) -> Entity | None:
    slug = graph.site.get("hub")
    return graph.lookup.get(("countries", slug)) if slug else None


def partners(graph: Graph) -> list[Entity]:
    return [c for c in graph.by_kind["countries"] if c.partner]


def presence_in(country: Entity, direction: str) -> list[dict]:
    return [p for p in country.get("presence", []) if p["direction"] == direction]


@dataclass(frozen=True)
class Covering:
    """Who accredits a country from where: the person, their office for the
    covered country, and their office for the covering one."""
    person: Entity
    role: dict
    home_role: dict

    @property
    def country(self) -> Entity:
        return self.home_role["country"]

    @property
    def place(self) -> str:
        return self.country.get("capital") or self.country.title


@dataclass(frozen=True)
class Presence:
    """One side of a country's presence, resolved: the category, the entries
    and offices it rests on, and the disputes among its entries."""
    country: Entity
    direction: str
    category: str
    entries: tuple = ()
    covering: Covering | None = None
    disputes: tuple = ()

    @property
    def label(self) -> str:
        """The status in a few words, as a table cell gives it."""
        if self.category == "resident":
            return _("resident embassy")
        if self.category == "covered":
            return _("accredited from %(place)s") % {"place": self.covering.place}
        if self.category == "non-resident":
            # the station is derived for the hub's side only (see covered_from)
            return _("non-resident, station not stated") if self.direction == HUB_IN_COUNTRY else _("non-resident")
        if self.category == "other":
            settled = [p["status"] for p in self.entries if not p.get("dispute")]
            return _(OTHER_LABELS[settled[0]]) if settled else _("disputed")
        return _("not stated in the sources")

    @property
    def citations(self) -> list:
        cites = [c for p in self.entries for c in p["cite"]]
        if self.covering is not None:
            cites += list(self.covering.role["cite"]) + list(self.covering.home_role["cite"])
        return _distinct(cites)

    @property
    def sources(self) -> list:
        return _distinct(c.source for c in self.citations)


def _distinct(items) -> list:
    seen, out = set(), []
    for item in items:
        key = (item.source.slug, item.quote) if hasattr(item, "quote") else id(item)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def presence(graph: Graph, country: Entity, direction: str = HUB_IN_COUNTRY) -> Presence:
    entries = presence_in(country, direction)
    disputes = tuple(_distinct(p["dispute"] for p in entries if p.get("dispute")))
    settled = [p for p in entries if not p.get("dispute")]

    def of(status):
        return tuple(p for p in settled if p["status"] == status)

    if of("resident"):
        return Presence(country, direction, "resident", of("resident"), disputes=disputes)
    if of("non-resident"):
        covering = covered_from(graph, country, direction)
        category = "covered" if covering else "non-resident"
        return Presence(country, direction, category, of("non-resident"), covering, disputes)
    if entries:
        return Presence(country, direction, "other", tuple(entries), disputes=disputes)
    return Presence(country, direction, "none", disputes=disputes)


def covered_from(graph: Graph, country: Entity, direction: str) -> Covering | None:
    """The office that accredits the hub's mission to `country` from a country
    where the hub is resident (see the module's docstring); None when the
    content shows none. Only the hub's side: the content records no residence
    of partner countries' missions in third countries."""
    centre = hub(graph)
    if direction != HUB_IN_COUNTRY or centre is None:
        return None
    for person in graph.by_kind["people"]:
        if centre not in person.get("countries", []):
            continue
        roles = person.get("roles", [])
        for role in roles:
            if role.get("country") is not country:
                continue
            for home in roles:
                other = home.get("country")
                if (other is None or other is country or other is centre
                        or not _same_date(role, home)
                        or not any(p["status"] == "resident" and not p.get("dispute")
                                   for p in presence_in(other, HUB_IN_COUNTRY))):
                    continue
                return Covering(person, role, home)
    return None


def _same_date(a: dict, b: dict) -> bool:
    when = [(r.get("as_of") or r.get("start")) for r in (a, b)]
    return when[0] is not None and when[0] == when[1]


@dataclass
class TradeCell:
    """The latest trade figure, or, when it is one side of a dispute, every
    figure of the dispute ('52 or more than 230'), lowest first."""
    figures: list
    dispute: object = None

    @property
    def sort_value(self) -> float | None:
        values = [usd_millions(f) for f in self.figures]
        return None if None in values or not values else max(values)


@dataclass
class OverviewRow:
    country: Entity
    hub_side: Presence               # the hub's mission in the country
    country_side: Presence           # the country's in the hub
    events: list                     # the country's timeline
    latest_event: Entity | None
    trade: TradeCell | None


def usd_millions(fig) -> float | None:
    if fig.unit not in USD_MILLIONS:
        return None
    return float(fig.value) * USD_MILLIONS[fig.unit]


def latest_trade(country: Entity) -> TradeCell | None:
    trade = [f for f in country.figures if f.metric in TRADE_METRICS and f.period]
    if not trade:
        return None
    latest = max(trade, key=lambda f: f.period.sort_key())
    if latest.dispute is None:
        return TradeCell([latest])
    sides = [f for f in trade if f.dispute is latest.dispute]
    return TradeCell(sorted(sides, key=lambda f: (usd_millions(f) or 0, f.id)), latest.dispute)


def overview(graph: Graph) -> list[OverviewRow]:
    return [OverviewRow(
        country=country,
        hub_side=presence(graph, country, HUB_IN_COUNTRY),
        country_side=presence(graph, country, COUNTRY_IN_HUB),
        events=country.timeline,
        latest_event=latest_dated[-1] if (latest_dated := dated(country.timeline)) else None,
        trade=latest_trade(country)) for country in partners(graph)]
