"""`build.py new KIND "Title"`: a new content file with every field, from the model.

Required fields get the FILL_ME placeholder, which `check` reports until an
editor replaces it; optional fields are written commented out. Each field's
line carries its documentation from model.py, so the file explains itself.
"""
from __future__ import annotations

import json
from pathlib import Path

from slugify import slugify

from .errors import did_you_mean
from .model import FILL_ME, KINDS, SINGULAR, Field

# ASCII folding is python-slugify's job (via text-unidecode); these go first:
# the Azerbaijani schwa is romanized "a" (Məmmədov -> Mammadov), which the
# transliteration tables get wrong, and an apostrophe joins its word
# (Talibov's -> talibovs), rather than splitting it.
_REPLACEMENTS = [["ə", "a"], ["Ə", "A"], ["'", ""], ["’", ""]]


class ScaffoldError(Exception):
    """A usage problem: unknown kind, or a title that gives no slug."""


def kind_of(name: str) -> str:
    """'event' or 'events' -> 'events'."""
    name = name.strip().lower()
    if name in KINDS:
        return name
    for kind, singular in SINGULAR.items():
        if name == singular:
            return kind
    known = ", ".join(f"{SINGULAR[k]} ({k})" for k in KINDS)
    hint = did_you_mean(name, list(KINDS) + list(SINGULAR.values()))
    raise ScaffoldError(f"unknown kind '{name}'{hint}: use one of {known}")


def slug_for(title: str) -> str:
    slug = slugify(title, replacements=_REPLACEMENTS)
    if not slug:
        raise ScaffoldError(f"the title {title!r} has no letters or digits to make a file name from")
    return slug


def new_file(content: Path, kind_name: str, title: str) -> Path:
    """Write content/<kind>/<slug>.md; refuse (FileExistsError) to overwrite."""
    kind = kind_of(kind_name)
    path = Path(content) / kind / f"{slug_for(title)}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as out:  # 'x': fails if the file exists
        out.write(scaffold(kind, title))
    return path


def scaffold(kind: str, title: str) -> str:
    fields = KINDS[kind]
    lines = ["---",
             f"# A new {SINGULAR[kind]}. Replace every {FILL_ME}, then run: python build.py check",
             "# Optional fields are commented out: delete the '# ' in front of one to use it.",
             "# CONTRIBUTING.md shows complete examples; docs/content-model.md lists every field."]
    ordered = sorted(fields.items(), key=lambda item: not item[1].required)  # required first
    for name, spec in ordered:
        value = title if name == "title" else None
        for commented, text in _field(name, spec, "", not spec.required, value):
            lines.append(("# " if commented else "") + text)
    lines += ["---", ""]
    return "\n".join(lines) + "\n"


def _field(name: str, spec: Field, indent: str, commented: bool, value=None) -> list[tuple]:
    """(commented, text) lines for one field; nested entries are shown as a one-item list."""
    comment = f"  # {_describe(spec)}"
    entry = spec.type.entry_fields()
    if entry is None:
        shown = _yaml(value) if value is not None else spec.type.placeholder()
        return [(commented, f"{indent}{name}: {shown}{comment}")]
    lines = [(commented, f"{indent}{name}:{comment}")]
    inner = indent + "    "
    for sub_name, sub in sorted(entry.items(), key=lambda i: not i[1].required):
        lines += _field(sub_name, sub, inner, commented or not sub.required)
    # The entry's first key carries the list's '- ' marker.
    first_commented, first = lines[1]
    lines[1] = (first_commented, indent + "  - " + first[len(inner):])
    return lines


def _yaml(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(text, ensure_ascii=False)


def _describe(spec: Field) -> str:
    parts = [("required: " if spec.required else "") + spec.doc, *spec.type.scaffold_notes()]
    if spec.example is not None:
        parts.append(f"e.g. {spec.example}")
    return "; ".join(parts)
