"""Located content errors: every problem an editor can cause is one of these."""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ContentError:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{_visible(self.path)}:{self.line}: {_visible(self.message)}"


def _visible(text: str) -> str:
    """Control characters (a newline in a value or file name) written as escapes,
    so each error stays one line."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class ContentErrors(Exception):
    """Raised once a stage has collected every error it can find."""

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(set(errors))
        super().__init__(f"{len(self.errors)} content error(s)")


def did_you_mean(word: str, choices) -> str:
    """A ' (did you mean 'x'?)' suffix, or '' when nothing is close."""
    import difflib

    close = difflib.get_close_matches(str(word), sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
