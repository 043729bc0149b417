"""The search page's list of names: in the page, or a file beside it.

static/search.js ranks the pages a query names first and suggests the
nearest names for a query that finds nothing, from every named entity's
names and spelling variants (spelling.name_index). Up to
paginate.SEARCH_NAMES of them the search page carries them as a <datalist>,
as it always has. Past that the list would outgrow the page (issue 21: no
page over 500 KB), so the page links a JSON file instead, one per language
('search/names.json', 'es/search/names.json'), which search.js fetches from
the same site and reads exactly as it reads the <datalist>.

The file is one of the build's extra outputs (pipeline.EXTRA_OUTPUTS), made
from the search pages of the plan, so the live preview remakes it with the
feed and the downloads after every rebuild.
"""
from __future__ import annotations

import json

from . import i18n, paginate, spelling
from .model import SINGULAR
from .urls import Urls

PATH = "search/names.json"   # site-relative, in each language's folder (urls.LOCALIZED_FILES)


def search_page(graph) -> dict:
    """The search page's context for its names: `names`, every named entity
    (spelling.NamedPage), and `names_file`, the file that holds them when
    there are too many to list in the page (else None)."""
    names = spelling.of_graph(graph).name_index(graph.entities())
    return {"names": names, "names_file": PATH if len(names) > paginate.SEARCH_NAMES else None}


def names_files(plan, urls: Urls) -> dict[str, str]:
    """{path: JSON} of each language's names file, for the search pages
    that link one."""
    files: dict[str, str] = {}
    for page in plan.pages:
        if page.template == "search.html" and page.context.get("names_file"):
            lang = page.lang or i18n.current()
            local = urls.in_language(lang) if urls.languages else urls
            files[local.localize(page.context["names_file"])] = names_json(page.context["names"], local, lang)
    return files


def names_json(names, urls: Urls, lang: str) -> str:
    """The names as the inline list gives them, one record per entity: its
    title, page URL (base-aware), kind (in the page's language, capitalized as
    the template does), its own names and its spelling variants. Compact, in
    the plan's order, so that two builds write the same bytes."""
    with i18n.language(lang):
        kinds = {kind: i18n.gettext(word).capitalize() for kind, word in SINGULAR.items()}
    records = [{"title": n.entity.title, "href": urls.entity(n.entity), "kind": kinds[n.entity.kind],
                "names": list(n.names), "variants": list(n.variants)} for n in names]
    return json.dumps(records, ensure_ascii=False, separators=(",", ":")) + "\n"
