"""Citation marks that the notes link back to (↩ a b c).

A page's citation marks are written by two hands: the `cite` filter in the
templates and the body's [cite:N] (markup.py, whose sanitizer keeps no ids).
Both write `<sup class="cite"><a href="#note-N">`. Once the page is rendered,
`link_back` gives each mark an id in reading order (cite-N-1, cite-N-2...) and
fills each note's back-links placeholder (templates/notes.html) with a link to
every place that note is cited. It works on the finished HTML because only
then is the order of the marks known; the same HTML gives the same result.
"""
from __future__ import annotations

import re
from collections import Counter
from string import ascii_lowercase

from markupsafe import escape

from .i18n import gettext as _

MARK = re.compile(r'<sup class="cite"><a href="#note-(\d+)"([^>]*)>')   # the body's also has rel=
BACKREFS = re.compile(r'<span class="backrefs" data-note="(\d+)"></span>')


def link_back(html: str) -> str:
    if 'class="backrefs"' not in html:
        return html
    seen: Counter = Counter()

    def mark(match: re.Match) -> str:
        n = match.group(1)
        seen[n] += 1
        return f'<sup class="cite"><a href="#note-{n}" id="cite-{n}-{seen[n]}"{match.group(2)}>'

    def back(match: re.Match) -> str:
        n = match.group(1)
        places = seen[n]
        if not places:
            return ""
        if places == 1:
            back_to = escape(_("Back to where note %(number)s is cited") % {"number": n})
            return f'<span class="backrefs"><a href="#cite-{n}-1" aria-label="{back_to}">↩</a></span>'
        place = _("Back to citation %(number)s, place %(place)s")   # (in the current language: render_page's)
        links = " ".join(f'<a href="#cite-{n}-{k}" aria-label="{escape(place % {"number": n, "place": label(k)})}">'
                         f'{label(k)}</a>' for k in range(1, places + 1))
        return f'<span class="backrefs">↩ {links}</span>'

    html = MARK.sub(mark, html)
    return BACKREFS.sub(back, html)


def label(k: int) -> str:
    """a, b, ... z, then aa, ab: the letters readers know from footnotes."""
    out = ""
    while k:
        k, rest = divmod(k - 1, 26)
        out = ascii_lowercase[rest] + out
    return out
