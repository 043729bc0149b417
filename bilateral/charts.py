"""Charts drawn at build time as inline SVG: no script, no request.

A series is a run of figures with the same metric and unit (for one page); a
chart is drawn only for a series of two or more figures, since one bar says
nothing the table beside it does not. The SVG is an image with a title and a
description for screen readers; the figures table on the same page is its
data table.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup

from .figures import figure_value
from .timeline import kind_label

WIDTH, HEIGHT = 420, 230
TOP, BOTTOM, LEFT, RIGHT = 30, 40, 8, 8   # room for values above bars, labels below


@dataclass
class Series:
    title: str      # 'Trade turnover (USD million)', with the country's name where a page has several
    figures: list

    @property
    def disputed(self) -> bool:
        return any(f.dispute for f in self.figures)


def series(figures) -> list[Series]:
    """Figures grouped by (metric, unit, country), in the order of their first
    figure; each series in its figures' order (the graph sorts them by
    period). A topic page holds several countries' figures: each gets its own
    chart, named after its country, as bars of different countries side by
    side would read as one run."""
    groups: dict[tuple, list] = defaultdict(list)
    for fig in figures:
        groups[(fig.metric, fig.unit, fig.country)].append(fig)
    countries = {country for _, _, country in groups}
    return [Series(_title(figs[0], named=len(countries) > 1), figs)
            for figs in groups.values() if len(figs) >= 2]


def _title(fig, named: bool) -> str:
    where = f", {fig.country.title}" if named and fig.country is not None else ""
    return f"{kind_label(fig.metric)} ({fig.unit}){where}"


def _point_label(fig) -> str:
    return fig.period.text() if fig.period else fig.label


def bar_chart(chart: Series, chart_id: str) -> Markup:
    """One bar per figure, scaled from zero so heights compare honestly."""
    figs, title = chart.figures, chart.title
    top = max(float(f.value) for f in figs) or 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(figs)
    bar_w = min(slot * 0.6, 90)
    desc = "; ".join(f"{_point_label(f)}: {figure_value(f)}"
                     + (" (disputed)" if f.dispute else "") for f in figs)
    out = [Markup('<svg class="chart" viewBox="0 0 {w} {h}" role="img" '
                  'aria-labelledby="{id}-title {id}-desc" id="{id}">').format(w=WIDTH, h=HEIGHT, id=chart_id),
           Markup('<title id="{}-title">{}</title>').format(chart_id, title),
           Markup('<desc id="{}-desc">{}</desc>').format(chart_id, desc),
           Markup('<line class="axis" x1="{0}" x2="{1}" y1="{2}" y2="{2}"/>').format(
               LEFT, WIDTH - RIGHT, TOP + plot_h)]
    for i, fig in enumerate(figs):
        h = plot_h * float(fig.value) / top
        x = LEFT + slot * i + (slot - bar_w) / 2
        y = TOP + plot_h - h
        cx = x + bar_w / 2
        css = "bar disputed" if fig.dispute else "bar"
        out.append(Markup('<rect class="{}" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}"/>').format(
            css, x, y, bar_w, h))
        out.append(Markup('<text class="value" x="{:.1f}" y="{:.1f}">{}</text>').format(
            cx, y - 6, figure_value(fig, unit=False) + (" *" if fig.dispute else "")))
        out.append(Markup('<text class="label" x="{:.1f}" y="{:.1f}">{}</text>').format(
            cx, TOP + plot_h + 24, _point_label(fig)))
    out.append(Markup("</svg>"))
    return Markup("").join(out)
