"""The interface's words that code builds from content values (an event's
kind, a figure's unit, a kind of page), listed here once so that pybabel
extracts them: each is translated where it is shown, with i18n.gettext.

A value content adds that is not listed here (a new metric, say) shows as
its English label until it is added and translated.
"""
from __future__ import annotations

from .i18n import N_, NP_, gettext, pgettext

# timeline.kind_label's English for every event, organization and source
# kind, presence status and metric of the content model and the site.
KIND_LABELS = (
    # events
    N_("Visit"), N_("Consultations"), N_("Meeting"), N_("Lecture"), N_("Credentials"), N_("Interview"),
    N_("Working group"), N_("Commemoration"), N_("Agreement"), N_("Purchase"), N_("Summit"),
    N_("Conflict"), N_("Inauguration"), N_("Statement"), N_("Reported outcome"),
    N_("Establishment of relations"), N_("Other"),
    # organizations
    N_("Multilateral"), N_("Grouping"), N_("Company"), N_("Media"), N_("University"), N_("Parliament"),
    N_("Friendship group"), N_("Ministry"), N_("Government"), N_("Corridor"), N_("Port"), N_("Project"),
    # sources
    N_("News report"), N_("Op ed"), N_("Op-ed"), N_("Press release"),
    # presence statuses (capitalized, as country.html shows them)
    N_("Resident"), N_("Non-resident"), N_("Planned"), N_("None"), N_("Reported"),
    # metrics
    N_("Trade turnover"), N_("Exports"), N_("Gdp"), N_("Distance"), N_("Years of relations"),
)

# Kinds of page: the menu's and indexes' titles (model.KIND_TITLES) and the
# singular (model.SINGULAR) that search results label a page with.
KIND_WORDS = (
    N_("Countries"), N_("People"), N_("Organizations"), N_("Events"), N_("Sources"), N_("Topics"),
    N_("Timeline"),
    N_("country"), N_("person"), N_("organization"), N_("event"), N_("source"), N_("topic"),
)

# Figure units as content writes them, as an axis or a table names them.
UNITS = (N_("USD million"), N_("USD billion"), N_("USD trillion"), N_("years"), N_("km"))


# What the site's scripts write (static/page.js, search.js, cite.js), by key:
# a page in another language than English hands them over translated in
# <body data-ui> (script_messages); a script without them writes the English.
# {name} is filled in by the script. (A message that is also a template's
# plural, "Source:", takes a context of its own.)
SCRIPT_MESSAGES = {
    "accessed": N_("Accessed {date}."),
    "copied": N_("Copied."),
    "selected": N_("Selected: copy it with your device's copy command."),
    "searching": N_("Searching…"),
    "no-match": N_("No page matches “{query}”."),
    "did-you-mean": N_("Did you mean"),
    "pages-one": N_("{count} page"),
    "pages-other": N_("{count} pages"),
    "the-best": N_(" (the best {count})"),
    "for-query": N_(" for “{query}”."),
    "source": ("citation preview", NP_("citation preview", "Source:")),
    "full-note": N_("Full note {number}"),
    "source-page": N_("Source page"),
    "citation": N_("Citation {number}"),
    "why-inferred": N_("Why this is inferred"),
    # the timeline's filters and year strip (static/timeline.js)
    "tl-outside": N_("Outside the selection: shown for its related events that match."),
    "tl-none": N_("No events match this selection."),
    "tl-clear": N_("Clear the filters"),
    "tl-showing": N_("Showing {shown} of {total} events"),
    "tl-matching": N_("Events matching the filter"),
    "tl-parts-match": N_("{inside} of {total} related events match"),
    "tl-cell-one": N_("{country}, {year}: {count} event in the selection"),
    "tl-cell-other": N_("{country}, {year}: {count} events in the selection"),
    "tl-strip": N_("In the selection: {kept} of {total} events on the strip"),
    "tl-gives-none": N_("No events with the current filters"),
}


def script_messages() -> dict:
    return {key: pgettext(*message) if isinstance(message, tuple) else gettext(message)
            for key, message in SCRIPT_MESSAGES.items()}


class Translated(dict):
    """A mapping whose values read in the current language: templates look
    up kind_titles[kind] as before, one environment serving every language."""

    def __getitem__(self, key):
        return gettext(super().__getitem__(key))

    def get(self, key, default=None):
        return self[key] if key in self else default

    def values(self):
        return [self[key] for key in self]

    def items(self):
        return [(key, self[key]) for key in self]
