"""How a figure's number reads, in one place: the figures table, the
countries overview and the bar charts all show values through here.
English keeps its own forms; other languages follow CLDR (Babel): their
separators, scale words ('230 millones') and currency symbols."""
from __future__ import annotations

from babel import Locale
from babel.numbers import format_compact_decimal, format_decimal, get_currency_symbol
from babel.units import format_unit

from . import i18n
from .i18n import gettext as _

# Money units as content writes them: the currency and the scale of a value.
MONEY = {"USD million": ("USD", 10 ** 6), "USD billion": ("USD", 10 ** 9), "USD trillion": ("USD", 10 ** 12)}
# Other units with a CLDR name: each language's own abbreviation or word.
CLDR_UNITS = {"km": ("length-kilometer", "short"), "years": ("duration-year", "long")}


def format_number(value) -> str:
    """12345 -> '12,345'; 12.5 -> '12.5'; at most two decimals ('12.345,5' in Spanish)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if i18n.current() != "en":
        return format_decimal(round(value, 2), format="#,##0.##", locale=i18n.babel_locale())
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")


def qualified(qualifier: str | None, text: str) -> str:
    """'more than 230': the qualifier the source gives, in the current language."""
    if not qualifier:
        return text
    forms = {"about": _("about %(value)s"), "more than": _("more than %(value)s"),
             "less than": _("less than %(value)s"), "at least": _("at least %(value)s")}
    return forms[qualifier] % {"value": text}


def figure_value(fig, unit: bool = True) -> str:
    """'more than 230 USD million': the number as exact as its source says it is
    ('más de 230 millones de US$', 'mais de US$ 230 milhões')."""
    if i18n.current() != "en":
        return qualified(fig.qualifier, _local_value(fig) if unit else format_number(fig.value))
    text = format_number(fig.value)
    if fig.qualifier:
        text = f"{fig.qualifier} {text}"
    return f"{text} {fig.unit}" if unit else text


def _local_value(fig) -> str:
    locale = i18n.babel_locale()
    if fig.unit in MONEY:
        currency, scale = MONEY[fig.unit]
        amount = format_compact_decimal(fig.value * scale, format_type="long", locale=locale, fraction_digits=6)
        return i18n.pgettext("money", "%(amount)s %(currency)s") % {
            "amount": amount, "currency": get_currency_symbol(currency, locale=locale)}
    if fig.unit in CLDR_UNITS:
        name, length = CLDR_UNITS[fig.unit]
        return format_unit(fig.value, name, length=length, format="#,##0.##", locale=locale)
    return f"{format_number(fig.value)} {unit_label(fig.unit)}"


def unit_label(unit: str) -> str:
    """A unit as an axis or a table column names it ('millones de US$')."""
    return _(unit) if unit else unit


def percent_change(change) -> str:
    """'+12%', a change over the previous period, as the language writes a percentage."""
    if i18n.current() == "en":
        return "%+g%%" % change
    locale = i18n.babel_locale()
    # the locale's percent pattern ('#,##0 %' in Spanish) with up to two decimals
    pattern = Locale.parse(locale).percent_formats[None].pattern.replace("0", "0.##", 1)
    text = format_decimal(abs(change) / 100, format=pattern, locale=locale)
    return ("+" if change >= 0 else "-") + text
