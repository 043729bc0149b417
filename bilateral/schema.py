"""JSON Schemas (draft 2020-12) for every content file, generated from the model.

`python build.py schema` writes them into schemas/; a test regenerates them and
fails when the committed copies are stale. They describe the same shapes that
validate.py checks (it remains the authority: references across files, real
dates and quotes are beyond a schema), so YAML-aware editors can offer
completion and catch typos while typing.
"""
from __future__ import annotations

import json
from pathlib import Path

from .load import SLUG
from .model import (CITATION, CLAIM, DISPUTE, FIGURE, FIGURE_TABLE, KINDS, SITE, Bool, Choice,
                    Date, ListOf, Number, OneOrList, Ref, Struct, Text, Url)

DRAFT = "https://json-schema.org/draft/2020-12/schema"
# Shared blocks are written once, under $defs, and referred to by name.
SHARED = {id(CITATION): "citation", id(CLAIM): "claim", id(DISPUTE): "dispute", id(FIGURE): "figure"}
# The date forms dates.py accepts: YYYY, YYYY-MM, YYYY-MM-DD, START/END of
# those, or the open range ../END ("by END").
_POINT = r"\d{4}(-\d{2}(-\d{2})?)?"
# Spaces around the parts are allowed, as parse_date strips them.
DATE_PATTERN = rf"^\s*({_POINT}(\s*/\s*{_POINT})?|\.\./\s*{_POINT})\s*$"

TITLES = {"figures": "Figure table (content/figures/*.yml)", "site": "Site settings (content/site.yml)"}


def schemas() -> dict[str, dict]:
    """File name -> schema, for every kind plus figures and site."""
    out = {}
    for kind, fields in KINDS.items():
        out[f"{kind}.schema.json"] = _document(kind, f"Front matter of content/{kind}/*.md", fields)
    out["figures.schema.json"] = _document("figures", TITLES["figures"], FIGURE_TABLE)
    out["site.schema.json"] = _document("site", TITLES["site"], SITE)
    return out


def render(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(out: Path) -> list[Path]:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        (out / name).write_text(render(schema), encoding="utf-8")
        written.append(out / name)
    return written


def _document(name: str, title: str, fields: dict) -> dict:
    defs: dict[str, dict] = {}
    body = _struct(fields, defs)
    schema = {"$schema": DRAFT, "$id": f"{name}.schema.json", "title": title}
    schema.update(body)
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    return schema


def _struct(fields: dict, defs: dict) -> dict:
    return {
        "type": "object",
        "properties": {name: _field(spec, defs) for name, spec in fields.items()},
        "required": [name for name, spec in fields.items() if spec.required],
        "additionalProperties": False,
    }


def _field(spec, defs: dict) -> dict:
    schema = _type(spec.type, defs)
    if spec.doc:
        schema = {"description": spec.doc, **schema}
    if spec.example is not None:
        schema["examples"] = [spec.example]
    return schema


def _type(kind, defs: dict) -> dict:
    if isinstance(kind, Struct):
        name = SHARED.get(id(kind))
        if name is None:
            return _struct(kind.fields, defs)
        if name not in defs:
            defs[name] = {}  # reserve the name first: blocks may nest
            defs[name] = _struct(kind.fields, defs)
        return {"$ref": f"#/$defs/{name}"}
    if isinstance(kind, Text):
        return {"type": "string", "pattern": r"^[^\n]*$"} if kind.one_line else {"type": "string"}
    if isinstance(kind, Url):
        return {"type": "string", "format": "uri", "pattern": r"^https?://[^\s/]+\S*$"}
    if isinstance(kind, Number):
        return {"type": "number"}
    if isinstance(kind, Bool):
        return {"type": "boolean"}
    if isinstance(kind, Date):
        # YAML reads an unquoted year as a number, which check accepts too.
        return {"type": ["string", "integer"], "pattern": DATE_PATTERN}
    if isinstance(kind, Choice):
        return {"enum": list(kind.values)}
    if isinstance(kind, Ref):
        return {"type": "string"} if kind.kind == "dispute" else {"type": "string", "pattern": SLUG.pattern}
    if isinstance(kind, ListOf):
        schema = {"type": "array", "items": _type(kind.item, defs)}
        if kind.min_items:
            schema["minItems"] = kind.min_items
        return schema
    if isinstance(kind, OneOrList):
        item = _type(kind.item, defs)
        return {"anyOf": [item, {"type": "array", "items": item, "minItems": 1}]}
    raise TypeError(f"unknown field type {kind!r}")  # a model bug
