"""The language pages are planned and rendered in, and the interface's words in it.

One language is current at a time (a ContextVar: `with language("es"):`
plans or renders in Spanish); `gettext`, `ngettext` and `pgettext` answer in
it from the catalogues in `locale/<lang>/LC_MESSAGES/messages.po`, which
`scripts/update_catalogues.sh` keeps in step with the sources (pybabel).
English is the identity: a message id is its English text.

The .po files are compiled in memory, once per language per process, so no
binary .mo sits in the repository to fall out of step with its .po. A
language without a catalogue reads as English.
"""
from __future__ import annotations

import contextlib
import gettext as _gettext
import io
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

DEFAULT = "en"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"

# The CLDR locale each language's dates and numbers follow: Portuguese is Brazil's.
BABEL_LOCALES = {"en": "en", "es": "es", "pt": "pt_BR"}

_current: ContextVar[str] = ContextVar("language", default=DEFAULT)


def current() -> str:
    """The language being planned or rendered ('en', 'es', 'pt')."""
    return _current.get()


@contextlib.contextmanager
def language(code: str):
    """Plan or render in this language until the block ends."""
    token = _current.set(code)
    try:
        yield code
    finally:
        _current.reset(token)


def babel_locale(code: str | None = None) -> str:
    code = code or current()
    return BABEL_LOCALES.get(code, code)


def catalogue_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=None)
def translations(code: str) -> _gettext.NullTranslations:
    """The language's catalogue, compiled from its .po (fuzzy entries left out,
    as msgfmt does). English, or a language with no catalogue: the identity."""
    path = catalogue_path(code)
    if code == DEFAULT or not path.exists():
        return _gettext.NullTranslations()
    with path.open("rb") as po:
        catalog = read_po(po, locale=babel_locale(code), domain=DOMAIN)
    mo = io.BytesIO()
    write_mo(mo, catalog, use_fuzzy=False)
    mo.seek(0)
    return Translations(mo, domain=DOMAIN)


def gettext(message: str) -> str:
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return translations(current()).pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return translations(current()).npgettext(context, singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 (gettext's own name for it)
    """Marks a message for extraction where it is defined (a table of labels);
    it is translated where it is shown, with gettext."""
    return message


def NP_(context: str, message: str) -> str:  # noqa: N802
    """N_ for a message translated with pgettext(context, message)."""
    return message
