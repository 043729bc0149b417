"""What a source page says about the document itself (issue 16): enough to
find the original. Planned (plan.py), so the template only formats it; where
the entry records nothing, the page says so rather than leaving a gap."""
from __future__ import annotations

from dataclasses import dataclass

from babel import Locale

from . import i18n
from .i18n import N_
from .i18n import gettext as _

NOT_STATED = N_("not stated in the source")
NO_ADDRESS = N_("address not recorded")

PRECISION = {"day": N_("to the day"), "month": N_("to the month"), "year": N_("to the year"),
             "range": N_("a range"), "before": N_("by a date")}


@dataclass(frozen=True)
class SourceFacts:
    headline: str          # the document's own headline, or NOT_STATED
    publisher: str
    byline: str
    date: object           # a PartialDate
    precision: str         # 'to the day', ...
    inferred: str          # why the date is inferred, or ''
    language: str          # 'English (en)'
    url: str               # '' when not recorded
    file: str              # the document's original file name (a record, out of the way)


def source_facts(source) -> SourceFacts:
    code = source.get("language", "")
    return SourceFacts(
        headline=source.get("headline") or _(NOT_STATED),
        publisher=source.get("publisher") or _(NOT_STATED),
        byline=source.get("author") or _(NOT_STATED),
        date=source.get("date"),
        precision=_(PRECISION[source.date.precision]) if source.get("date") else "",
        inferred=source.get("date_inferred", ""),
        language=language_name(code),
        url=source.get("url", ""),
        file=source.get("file", ""),
    )


def language_name(code: str) -> str:
    """'English (en)'; 'inglés (en)' in Spanish, from CLDR's names; a code
    CLDR does not name is shown as it is."""
    name = Locale.parse(i18n.babel_locale()).languages.get(code)
    return f"{name} ({code})" if name else code
