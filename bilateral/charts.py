"""Charts drawn at build time as inline SVG: no script, no request.

A series is a run of figures with the same metric and unit (for one page); a
chart is drawn only for a series of two or more figures, since one bar says
nothing the table beside it does not. The SVG is an image with a title and a
description for screen readers; the figures table on the same page is its
data table.
"""
from __future__ import annotations

from collections import defaultdict

from markupsafe import Markup

WIDTH, HEIGHT = 420, 230
TOP, BOTTOM, LEFT, RIGHT = 30, 40, 8, 8   # room for values above bars, labels below


def series(figures) -> list[list]:
    """Figures grouped by (metric, unit), in the order of their first figure;
    each series in its figures' order (the graph sorts them by period)."""
    groups: dict[tuple, list] = defaultdict(list)
    for fig in figures:
        groups[(fig.metric, fig.unit)].append(fig)
    return [figs for figs in groups.values() if len(figs) >= 2]


def series_title(figs) -> str:
    return f"{figs[0].metric.replace('-', ' ').capitalize()} ({figs[0].unit})"


def _point_label(fig) -> str:
    return fig.period.text() if fig.period else fig.label


def _number(value) -> str:
    value = int(value) if float(value).is_integer() else value
    return f"{value:,}"


def bar_chart(figs, chart_id: str) -> Markup:
    """One bar per figure, scaled from zero so heights compare honestly."""
    top = max(float(f.value) for f in figs) or 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(figs)
    bar_w = min(slot * 0.6, 90)
    title = series_title(figs)
    desc = "; ".join(f"{_point_label(f)}: {_number(f.value)} {f.unit}"
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
            cx, y - 6, _number(fig.value) + (" *" if fig.dispute else "")))
        out.append(Markup('<text class="label" x="{:.1f}" y="{:.1f}">{}</text>').format(
            cx, TOP + plot_h + 24, _point_label(fig)))
    out.append(Markup("</svg>"))
    return Markup("").join(out)
