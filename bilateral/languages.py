"""The site in several languages: which ones, a graph for each, one plan of them all.

site.yml's `languages` lists them, the default first (at the site's root,
the others under /<code>/); without it the site has just its `language`.
Each other language gets its own graph: the same content with its
translations laid over it (translations.overlay), so every language has the
same entities, references, dates and citations. What a translation leaves
out shows the English, and the entity remembers which paths those are
(`english`), so a template can mark them `lang="en"`. A country's name comes
from CLDR's territory names (Babel) by its ISO code, unless its translation
gives one.
"""
from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError

from . import i18n
from .errors import ContentError
from .graph import Graph, build_graph
from .load import Content
from .plan import Plan, plan_site
from .reference import iso_country
from .translations import Status, overlay, statuses
from .urls import language_prefix
from .validate import LANGUAGE_TAG
from .yamlines import line_of

DEFAULT = "en"


def site_languages(site: dict | None) -> list[str]:
    """The site's languages, the default first."""
    site = site or {}
    listed = site.get("languages")
    if isinstance(listed, list) and listed and all(isinstance(code, str) for code in listed):
        return list(listed)
    language = site.get("language")
    return [language if isinstance(language, str) else DEFAULT]


def check_setting(content: Content) -> list[ContentError]:
    """`languages`: tags Babel knows, beginning with `language` when both are set."""
    doc = content.site
    listed = doc.meta.get("languages") if doc is not None else None
    if not isinstance(listed, list):
        return []
    errors = []
    for i, code in enumerate(listed):
        where = line_of(doc.lines, ("languages", i))
        if not isinstance(code, str) or not LANGUAGE_TAG.fullmatch(code):
            errors.append(ContentError(doc.path, where, f"'languages': {code!r} is not a BCP 47 language tag "
                                                        "(e.g. en, es, pt-BR)"))
        elif _locale(code) is None:
            errors.append(ContentError(doc.path, where, f"'languages': CLDR (Babel) knows no language '{code}', "
                                                        "so its names, dates and numbers cannot be written"))
    language = doc.meta.get("language")
    if listed and isinstance(language, str) and listed[0] != language:
        errors.append(ContentError(doc.path, line_of(doc.lines, ("languages", 0)),
                                   f"'languages' must begin with the site's default language, "
                                   f"'language: {language}' (got {listed[0]!r})"))
    return errors


@lru_cache(maxsize=None)
def _locale(code: str) -> Locale | None:
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None


@lru_cache(maxsize=None)
def language_name(code: str) -> str:
    """A language's name in itself, as a switcher shows it: 'Español'."""
    locale = _locale(code)
    name = locale.get_display_name(locale) if locale is not None else code
    return name[:1].upper() + name[1:]


def territory_name(lang: str, iso_code: str) -> str | None:
    """CLDR's name of a country in a language ('PE' in 'es': 'Perú')."""
    locale = _locale(lang)
    return locale.territories.get(iso_code.upper()) if locale is not None else None


def region_name(lang: str, english: str) -> str | None:
    """CLDR's name, in a language, of a UN M49 region given by its English
    name ('South America' in 'es': 'Sudamérica'); None for a name CLDR lacks."""
    code = {name: code for code, name in _locale("en").territories.items()}.get(english)
    locale = _locale(lang)
    return locale.territories.get(code) if code and locale is not None else None


# --- graphs ---------------------------------------------------------------------------

def build_graphs(content: Content) -> dict[str, Graph]:
    """{language: graph}, the default language's first; one graph when the
    site has one language."""
    languages = site_languages(content.site.meta if content.site else None)
    graphs = {languages[0]: build_graph(content)}
    for lang in languages[1:]:
        with i18n.language(lang):   # the graph stage words derived facts (key facts' labels) too
            graphs[lang] = localized_graph(content, lang, languages)
    return graphs


def localized_graph(content: Content, lang: str, languages: list[str]) -> Graph:
    found = {(s.doc.kind, s.doc.slug): s for s in statuses(content) if s.doc.lang == lang}
    marks: dict[tuple, tuple] = {}

    def laid(doc):
        status: Status | None = found.get((doc.kind, doc.slug))
        translation = status.doc if status else None
        title = None
        if doc.kind == "countries" and not (translation and translation.meta.get("title")):
            title = territory_name(lang, str(doc.meta.get("iso_code", "")))
        result = overlay(doc, translation, behind=bool(status and status.state == "behind"), title=title)
        marks[(doc.kind, doc.slug)] = (frozenset(result.english), status.state if status else "missing",
                                       result.glosses)
        return result.doc

    site = laid(content.site) if content.site is not None else None
    local = Content(content.root, site, [laid(doc) for doc in content.documents],
                    [laid(doc) for doc in content.tables], content.translations)
    graph = build_graph(local)
    graph.site["language"] = lang
    graph.site["languages"] = list(languages)
    for entity in graph.entities():
        entity.english, entity.translation, entity.glosses = marks[(entity.kind, entity.slug)]
    for country in graph.by_kind["countries"]:   # the reference data's names, in this language too
        country.data["iso"] = iso_country(country.data["iso_code"], lang)
        if isinstance(country.data.get("region"), str):
            country.data["region"] = region_name(lang, country.data["region"]) or country.data["region"]
    return graph


def plan_languages(graphs: dict[str, Graph], plan=plan_site) -> Plan:
    """Every language's pages (each planned by `plan`), each under its
    language's prefix and with its `lang` in the context; the plan's graph
    is the default language's."""
    languages = list(graphs)
    pages = []
    for lang, graph in graphs.items():
        prefix = language_prefix(lang, languages)
        with i18n.language(lang):   # what the plan words itself (key facts' labels, dates) in this language
            planned = plan(graph).pages
        for page in planned:   # each plan's own pages: changed in place
            page.in_language(lang, prefix)
            pages.append(page)
    return Plan(graphs[languages[0]], pages, graphs)

