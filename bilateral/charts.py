"""Charts drawn at build time as inline SVG: no script, no request.

A chart never says more than its figures. Three kinds, planned per page:

- a series: one country's figures of one metric and unit, none of them
  disputed, whose periods are alike (all years, or all ranges of the same
  length): vertical bars in period order, which may be read as a trend;
- claims: the figures of one dispute, as horizontal bars on one scale, each
  labelled with its period and source, titled as claims that disagree, never
  joined into a series;
- a comparison: one metric and unit across two or more countries (a topic
  page): horizontal bars on one scale, each labelled with its country,
  period and source; disputed figures stay separate bars, flagged.

A page draws a chart only for two or more figures: one bar says nothing its
table does not. Each chart has a title saying what, where and when, a
labelled value axis from zero, and a source line (the figcaption, with
links); the SVG is an image with a title and a description (every value,
period and source) for screen readers, and the figures table on the same
page is its data table.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from markupsafe import Markup

from .figures import figure_value, unit_label
from .i18n import NP_, ngettext, pgettext
from .i18n import gettext as _
from .timeline import kind_label

WIDTH, HEIGHT = 420, 250
TOP, BOTTOM, LEFT, RIGHT = 30, 56, 12, 8   # room for values above bars, labels and the axis name below
ROW, BAR = 46, 16                          # horizontal charts: px per figure, bar thickness
H_TOP, H_BOTTOM = 8, 40                    # horizontal charts: room for the axis and its name
SERIES, CLAIMS, COMPARISON = "series", "claims", "comparison"


@dataclass
class Chart:
    kind: str       # SERIES, CLAIMS or COMPARISON
    title: str      # what, where and when
    axis: str       # the value axis's name: the unit
    figures: list
    sources: list = field(default_factory=list)   # source entities, numbered in this order
    dispute: object = None                        # the dispute a CLAIMS chart draws

    @property
    def disputed(self) -> bool:
        return any(f.dispute for f in self.figures)

    def source_number(self, fig) -> int:
        return self.sources.index(fig.cite[0].source) + 1


def series(figures) -> list[Chart]:
    """The charts for one page's figures, in the order of their first figure."""
    by_metric: dict[tuple, list] = defaultdict(list)
    for fig in figures:
        by_metric[(fig.metric, fig.unit)].append(fig)
    charts = []
    for (metric, unit), figs in by_metric.items():
        countries = _distinct(f.country for f in figs)
        if len(countries) > 1:
            # grouped by country, so one country's claims sit together
            figs = sorted(figs, key=lambda f: countries.index(f.country))
            charts.append(_chart(COMPARISON, _comparison_title(figs), unit, figs))
            continue
        settled = [f for f in figs if f.dispute is None]
        if len(settled) >= 2 and _alike_periods(settled):
            charts.append(_chart(SERIES, _series_title(settled), unit, settled))
        for dispute in _distinct(f.dispute for f in figs if f.dispute is not None):
            sides = [f for f in figs if f.dispute is dispute]
            if len(sides) >= 2:
                charts.append(_chart(CLAIMS, _claims_title(sides), unit, sides, dispute))
    return charts


def _chart(kind, title, unit, figs, dispute=None) -> Chart:
    return Chart(kind, title, unit, figs, _distinct(f.cite[0].source for f in figs), dispute)


def _distinct(items) -> list:
    out = []
    for item in items:
        if not any(item is seen for seen in out):
            out.append(item)
    return out


def _alike_periods(figs) -> bool:
    """Periods a series may join: every one dated from its start (not 'by
    April 2025'), all of one precision, ranges all of one length."""
    periods = [f.period for f in figs]
    if any(p is None or p.start is None for p in periods):
        return False
    if len({p.precision for p in periods}) != 1:
        return False
    lengths = [(p.last_day() - p.first_day()).days for p in periods]
    return max(lengths) - min(lengths) <= 3


def _where(fig) -> str:
    return fig.country.title if fig.country is not None else _("not stated")


def _when(figs) -> str:
    texts = list(dict.fromkeys(_period(f) for f in figs))
    return texts[0] if len(texts) == 1 else _("%(first)s to %(last)s") % {"first": texts[0], "last": texts[-1]}


def _period(fig) -> str:
    return fig.period.text() if fig.period else _("period not stated")


def _series_title(figs) -> str:
    return f"{kind_label(figs[0].metric)}, {_where(figs[0])}, {_when(figs)}"


# (counts of claims: feminine where a language inflects them, as afirmación is)
CLAIMS_COUNT = "count of claims"
NUMBERS = {2: NP_("count of claims", "two"), 3: NP_("count of claims", "three"),
           4: NP_("count of claims", "four"), 5: NP_("count of claims", "five")}


def _claims_title(figs) -> str:
    periods = _(" and ").join(dict.fromkeys(_period(f) for f in figs))
    count = pgettext(CLAIMS_COUNT, NUMBERS[len(figs)]) if len(figs) in NUMBERS else str(len(figs))
    return ngettext("%(metric)s, %(where)s: %(count)s claim that disagrees (%(periods)s)",
                    "%(metric)s, %(where)s: %(count)s claims that disagree (%(periods)s)", len(figs)) % {
        "metric": kind_label(figs[0].metric), "where": _where(figs[0]), "count": count, "periods": periods}


def _comparison_title(figs) -> str:
    periods = "; ".join(dict.fromkeys(_period(f) for f in figs))
    return _("%(metric)s by country, as the sources give it (periods: %(periods)s)") % {
        "metric": kind_label(figs[0].metric), "periods": periods}


def _bar_label(chart: Chart, fig) -> str:
    where = f"{_where(fig)} · " if chart.kind == COMPARISON else ""
    flag = " · " + _("disputed") if fig.dispute and chart.kind == COMPARISON else ""
    return f"{where}{_period(fig)} · " + _("source %(number)s") % {"number": chart.source_number(fig)} + flag


def _description(chart: Chart) -> str:
    parts = []
    for fig in chart.figures:
        where = f"{_where(fig)}, " if chart.kind == COMPARISON else ""
        parts.append(f"{where}{_period(fig)}: {figure_value(fig)} "
                     + _("(source %(number)s: %(title)s)") % {
                         "number": chart.source_number(fig),
                         "title": chart.sources[chart.source_number(fig) - 1].title}
                     + (" " + _("(disputed)") if fig.dispute else ""))
    return "; ".join(parts)


def _open(chart: Chart, chart_id: str, height: float) -> list:
    return [Markup('<svg class="chart chart-{k}" viewBox="0 0 {w} {h}" role="img" '
                   'aria-labelledby="{id}-title {id}-desc" id="{id}">').format(
                k=chart.kind, w=WIDTH, h=round(height), id=chart_id),
            Markup('<title id="{}-title">{}</title>').format(chart_id, chart.title),
            Markup('<desc id="{}-desc">{}</desc>').format(chart_id, _description(chart))]


def _axis_name(chart: Chart) -> str:
    return _("%(unit)s, from zero") % {"unit": unit_label(chart.axis)}


def draw(chart: Chart, chart_id: str) -> Markup:
    return (bar_chart if chart.kind == SERIES else claim_chart)(chart, chart_id)


def bar_chart(chart: Chart, chart_id: str) -> Markup:
    """One vertical bar per figure, in period order, scaled from zero."""
    figs = chart.figures
    top = max(float(f.value) for f in figs) or 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(figs)
    bar_w = min(slot * 0.6, 90)
    out = _open(chart, chart_id, HEIGHT)
    out.append(Markup('<line class="axis" x1="{0}" x2="{1}" y1="{2}" y2="{2}"/>').format(
        LEFT, WIDTH - RIGHT, TOP + plot_h))
    for i, fig in enumerate(figs):
        h = plot_h * float(fig.value) / top
        x = LEFT + slot * i + (slot - bar_w) / 2
        y = TOP + plot_h - h
        cx = x + bar_w / 2
        out.append(Markup('<rect class="bar" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}"/>').format(
            x, y, bar_w, h))
        out.append(Markup('<text class="value" x="{:.1f}" y="{:.1f}">{}</text>').format(
            cx, y - 6, figure_value(fig, unit=False)))
        out.append(Markup('<text class="label" x="{:.1f}" y="{:.1f}">{}</text>').format(
            cx, TOP + plot_h + 22, _period(fig)))
    out.append(Markup('<text class="axis-name" x="{}" y="{}">{}</text>').format(
        WIDTH / 2, HEIGHT - 8, _axis_name(chart)))
    out.append(Markup("</svg>"))
    return Markup("").join(out)


def claim_chart(chart: Chart, chart_id: str) -> Markup:
    """One horizontal bar per figure on one scale from zero, each labelled
    with its period and source (and country, comparing countries): separate
    claims, not a run."""
    figs = chart.figures
    top = max(float(f.value) for f in figs) or 1.0
    height = H_TOP + ROW * len(figs) + H_BOTTOM
    plot_w = WIDTH - LEFT - RIGHT - 140       # room for the value after the longest bar
    axis_y = H_TOP + ROW * len(figs)
    out = _open(chart, chart_id, height)
    for i, fig in enumerate(figs):
        y = H_TOP + ROW * i
        w = plot_w * float(fig.value) / top
        css = "bar disputed" if fig.dispute else "bar"
        out.append(Markup('<text class="label start" x="{}" y="{:.1f}">{}</text>').format(
            LEFT, y + 14, _bar_label(chart, fig)))
        out.append(Markup('<rect class="{}" x="{}" y="{:.1f}" width="{:.1f}" height="{}"/>').format(
            css, LEFT, y + 20, w, BAR))
        out.append(Markup('<text class="value start" x="{:.1f}" y="{:.1f}">{}</text>').format(
            LEFT + w + 6, y + 33, figure_value(fig, unit=False)))
    out.append(Markup('<line class="axis" x1="{0}" x2="{0}" y1="{1}" y2="{2}"/>').format(LEFT, H_TOP, axis_y))
    out.append(Markup('<line class="axis" x1="{0}" x2="{1}" y1="{2}" y2="{2}"/>').format(
        LEFT, LEFT + plot_w, axis_y))
    out.append(Markup('<text class="axis-name start" x="{}" y="{}">{}</text>').format(
        LEFT, axis_y + 24, _axis_name(chart)))
    out.append(Markup("</svg>"))
    return Markup("").join(out)
