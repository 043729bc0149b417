"""What the site says about each partner country at a glance: the depth-of-
relations measure the map shades by, and the rows of the overview matrix.

The hub, the country every other one relates to, is site.yml's `hub` (a
country slug); partner countries are the others, unless `partner: false`.

Depth of relations = events involving the country + diplomatic presence
entries on its profile + figures about it. It counts what the sources report,
not how close two governments are; docs/explore.md says the same to readers.
"""
from __future__ import annotations

from dataclasses import dataclass

from .graph import Entity, Graph
from .latest import dated

TRADE_METRICS = ("trade-turnover",)   # figures the matrix's trade column shows
DEPTH_LEVELS = 4                      # shades on the map, besides "none"
# Money units in USD million, so the matrix sorts trade figures given in different units.
USD_MILLIONS = {"USD million": 1, "USD billion": 1_000, "USD trillion": 1_000_000}


# The two sides of a country's diplomatic presence, as content names them:
# the hub's mission in the country, and the country's in the hub.
HUB_IN_COUNTRY, COUNTRY_IN_HUB = DIRECTIONS = ("hub-in-country", "country-in-hub")


def hub(graph: Graph) -> Entity | None:
    slug = graph.site.get("hub")
    return graph.lookup.get(("countries", slug)) if slug else None


def partners(graph: Graph) -> list[Entity]:
    return [c for c in graph.by_kind["countries"] if c.partner]


def depth(country: Entity) -> int:
    return len(country.timeline) + len(country.get("presence", [])) + len(country.figures)


def depth_level(value: int, highest: int) -> int:
    """0 for no recorded relations, else 1..DEPTH_LEVELS relative to the deepest country."""
    if value <= 0 or highest <= 0:
        return 0
    return max(1, -(-value * DEPTH_LEVELS // highest))   # ceiling division


def presence_in(country: Entity, direction: str) -> list[dict]:
    return [p for p in country.get("presence", []) if p["direction"] == direction]


@dataclass
class OverviewRow:
    country: Entity
    hub_in_country: list             # presence entries
    country_in_hub: list
    events: list                     # the country's timeline
    latest_event: Entity | None
    latest_trade: object | None      # a Figure
    depth: int

    @property
    def accreditation(self) -> list:
        """The non-resident entries of both sides: who is accredited from where."""
        return [p for p in self.hub_in_country + self.country_in_hub if p["status"] == "non-resident"]

    @property
    def latest_trade_usd_million(self) -> float | None:
        if self.latest_trade is None or self.latest_trade.unit not in USD_MILLIONS:
            return None
        return float(self.latest_trade.value) * USD_MILLIONS[self.latest_trade.unit]


def overview(graph: Graph) -> list[OverviewRow]:
    rows = []
    for country in partners(graph):
        trade = [f for f in country.figures if f.metric in TRADE_METRICS and f.period]
        rows.append(OverviewRow(
            country=country,
            hub_in_country=presence_in(country, HUB_IN_COUNTRY),
            country_in_hub=presence_in(country, COUNTRY_IN_HUB),
            events=country.timeline,
            latest_event=latest_dated[-1] if (latest_dated := dated(country.timeline)) else None,
            latest_trade=max(trade, key=lambda f: f.period.sort_key()) if trade else None,
            depth=depth(country)))
    return rows
