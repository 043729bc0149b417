"""The field tables of docs/content-model.md, generated from the model.

The document is hand-written prose with generated tables in it: each table
sits between `<!-- fields: NAME -->` and `<!-- end fields -->`, and
`python build.py schema` rewrites what is between them (only that). A test
fails when the committed document is stale, as it does for the schemas.
"""
from __future__ import annotations

import re
from pathlib import Path

from .model import COMMON, FIGURE, KINDS, SITE, Field

BLOCK = re.compile(r"(<!-- fields: ([a-z ]+) -->\n).*?(<!-- end fields -->)", re.S)
HEADER = "| field | required | value | what |\n|---|---|---|---|\n"


def tables() -> dict[str, dict]:
    """Table name -> its fields: the fields every kind has, each kind's own,
    a figure row, site.yml, and every named block (citation, role, ...)."""
    out = {"common": COMMON}
    for kind, fields in KINDS.items():
        own = {name: spec for name, spec in fields.items() if COMMON.get(name) is not spec}
        if own:  # a kind with only the common fields (topics) has no table of its own
            out[kind] = own
    out["figure"] = FIGURE.fields
    out["site"] = SITE
    for fields in list(out.values()):
        _named_blocks(fields, out)
    return out


def _named_blocks(fields: dict, out: dict) -> None:
    for spec in fields.values():
        block = spec.type.block()
        if block is not None and block.name and block.name not in out:
            out[block.name] = block.fields
            _named_blocks(block.fields, out)


def table(fields: dict) -> str:
    return HEADER + "".join(_row(name, spec) for name, spec in fields.items())


def _row(name: str, spec: Field) -> str:
    what = spec.doc + (f"; {spec.more}" if spec.more else "")
    if spec.example is not None:
        what += f" (e.g. `{spec.example}`)"
    cells = [f"`{name}`", "yes" if spec.required else "no", spec.type.doc_type(), what]
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |\n"


def refresh(text: str) -> str:
    """text with every generated table rewritten from the model."""
    known = tables()

    def replace(match: re.Match) -> str:
        name = match.group(2)
        if name not in known:
            raise KeyError(f"docs: no field table named '{name}' (known: {', '.join(known)})")
        return match.group(1) + table(known[name]) + match.group(3)

    return BLOCK.sub(replace, text)


def write_doc(path: Path) -> Path:
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    path.write_text(refresh(text), encoding="utf-8")
    return path
