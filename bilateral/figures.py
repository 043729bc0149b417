"""How a figure's number reads, in one place: the figures table, the
countries overview and the bar charts all show values through here."""
from __future__ import annotations


def format_number(value) -> str:
    """12345 -> '12,345'; 12.5 -> '12.5'; at most two decimals."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")


def figure_value(fig, unit: bool = True) -> str:
    """'more than 230 USD million': the number as exact as its source says it is."""
    text = format_number(fig.value)
    if fig.qualifier:
        text = f"{fig.qualifier} {text}"
    return f"{text} {fig.unit}" if unit else text
