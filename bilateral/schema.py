"""JSON Schemas (draft 2020-12) for every content file, generated from the model.

`python build.py schema` writes them into schemas/; a test regenerates them and
fails when the committed copies are stale. They describe the same shapes that
validate.py checks (it remains the authority: references across files, real
dates and quotes are beyond a schema), so YAML-aware editors can offer
completion and catch typos while typing. Each field type writes its own
schema (model.py); shared blocks go once under $defs.
"""
from __future__ import annotations

import json
from pathlib import Path

from .model import FIGURE_TABLE, KINDS, SITE, Struct

DRAFT = "https://json-schema.org/draft/2020-12/schema"

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
    body = Struct(fields).schema(defs)
    schema = {"$schema": DRAFT, "$id": f"{name}.schema.json", "title": title}
    schema.update(body)
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    return schema
