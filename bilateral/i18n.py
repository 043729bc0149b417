"""The language a page is being rendered in (a context variable).

`with language("es"): ...` makes everything that asks `current()` speak
Spanish while it runs; outside any such block the language is English.
(The interface strings' catalogues hook in here too.)
"""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

DEFAULT = "en"

_current: ContextVar[str] = ContextVar("language", default=DEFAULT)


@contextmanager
def language(code: str):
    token = _current.set(code)
    try:
        yield code
    finally:
        _current.reset(token)


def current() -> str:
    return _current.get()
