"""Vendor the part of schema.org's vocabulary the site's JSON-LD uses, for
tests/test_metadata.py to check every property against.

Run by hand when the JSON-LD starts using another type, or to move to a newer
schema.org release; the tests only read the output:

    # the release file, from a checkout of github.com/schemaorg/schemaorg:
    git show HEAD:data/releases/30.0/schemaorg-current-https.jsonld > /tmp/schemaorg.jsonld
    python scripts/vendor_schemaorg.py /tmp/schemaorg.jsonld 30.0

The output keeps schema.org's own nodes verbatim: every type in TYPES with
all its supertypes, and every property whose domain includes one of them,
so a property schema.org allows on a supertype (Thing's `name`, say) counts
as allowed. Schema.org's vocabulary is published under CC BY-SA 3.0.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

OUT_DIR = Path(__file__).resolve().parent.parent / "tests" / "data"   # writes schemaorg-VERSION-subset.jsonld

# Every @type bilateral/metadata.py writes.
TYPES = ("WebPage", "WebSite", "Country", "City", "Person", "Organization", "Event", "Place",
         "CreativeWork", "DefinedTerm", "DefinedTermSet")


def ids(value) -> list[str]:
    """The ids of a node's reference or list of references."""
    if value is None:
        return []
    return [v["@id"] for v in (value if isinstance(value, list) else [value])]


def subset(graph: list[dict], types) -> list[dict]:
    nodes = {n["@id"]: n for n in graph}
    classes: set[str] = set()
    todo = [f"schema:{t}" for t in types]
    while todo:  # each type and its supertypes
        name = todo.pop()
        if name in classes or name not in nodes:
            continue
        classes.add(name)
        todo += ids(nodes[name].get("rdfs:subClassOf"))
    properties = [n for n in graph if n["@type"] == "rdf:Property"
                  and classes & set(ids(n.get("schema:domainIncludes")))]
    return [nodes[c] for c in sorted(classes)] + sorted(properties, key=lambda n: n["@id"])


def main(release: str, version: str) -> None:
    data = json.loads(Path(release).read_text(encoding="utf-8"))
    out = {"@context": data["@context"],
           "version": version,
           "source": f"schemaorg-current-https.jsonld of schema.org release {version} "
                     f"(github.com/schemaorg/schemaorg, data/releases/{version}/), CC BY-SA 3.0",
           "types": list(TYPES),
           "@graph": subset(data["@graph"], TYPES)}
    path = OUT_DIR / f"schemaorg-{version}-subset.jsonld"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{path}: {len(out['@graph'])} definitions from schema.org {version}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python scripts/vendor_schemaorg.py RELEASE.jsonld VERSION")
    main(sys.argv[1], sys.argv[2])
