"""markup.plain_text: a body's words for descriptions and snippets, with only
the Markdown syntax taken out."""
from __future__ import annotations

import pytest

from bilateral.markup import plain_text


@pytest.mark.parametrize("body, text", [
    ("Heydar Aliyev (1923) opened it.", "Heydar Aliyev (1923) opened it."),    # a parenthesised word stays
    ("The snake_case name, issue #4 and 5 > 3.", "The snake_case name, issue #4 and 5 > 3."),
    ("See [the treaty](https://example.org/t) and [[people/x|Félix Denegri]].",
     "See the treaty and Félix Denegri."),                                    # links keep their text
    ("Met [[people/elnur-mammadov]].[cite:1]", "Met elnur-mammadov."),
    ("## Background\n\nA *stressed* and __strong__ `code` word.",
     "Background A stressed and strong code word."),
    ("- one\n- two\n\n> a quote", "one two a quote"),
    ("| year | value |\n|---|---|\n| 2024 | 52 |\n", "year value 2024 52"),
    ("Tom &amp; Jerry <b>bold</b> a < b<script>alert(1)</script>", "Tom & Jerry bold a < b"),
])
def test_only_markdown_syntax_is_removed(body, text):
    assert plain_text(body) == text
