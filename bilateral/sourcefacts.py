"""What a source page says about the document itself (issue 16): enough to
find the original. Planned (plan.py), so the template only formats it; where
the entry records nothing, the page says so rather than leaving a gap."""
from __future__ import annotations

from dataclasses import dataclass

NOT_STATED = "not stated in the source"
NO_ADDRESS = "address not recorded"

# BCP 47 codes the sources use, in words; any other code is shown as it is.
LANGUAGES = {"en": "English", "es": "Spanish", "pt": "Portuguese", "az": "Azerbaijani",
             "ru": "Russian", "fr": "French", "tr": "Turkish"}

PRECISION = {"day": "to the day", "month": "to the month", "year": "to the year",
             "range": "a range", "before": "by a date"}


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
        headline=source.get("headline") or NOT_STATED,
        publisher=source.get("publisher") or NOT_STATED,
        byline=source.get("author") or NOT_STATED,
        date=source.get("date"),
        precision=PRECISION.get(source.date.precision, "") if source.get("date") else "",
        inferred=source.get("date_inferred", ""),
        language=f"{LANGUAGES[code]} ({code})" if code in LANGUAGES else code,
        url=source.get("url", ""),
        file=source.get("file", ""),
    )
