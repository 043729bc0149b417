"""Spelling variants of names, for search only.

Names reach readers through several romanizations and with or without their
accents (José, Jose), and a reader may type any of them. The site's rule
table (site.yml `spelling_rules`: each rule a regular expression, its
replacement and why) makes the other spellings of each word of a name, so
that a name typed in any of its forms finds its page. Which correspondences
apply is the site's to say: they follow the languages its names come from.

The variants are search aliases, never the sources' spellings: the page plan
hands them to the search index only (templates/search_names.html puts them in
an element readers never see), and no page shows them as a name.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    pattern: str        # a regular expression, matched case-sensitively
    replacement: str
    why: str


def site_rules(site: dict) -> tuple[Rule, ...]:
    """The site's rule table, in order (validate.py has checked each rule)."""
    return tuple(Rule(rule["pattern"], rule["replacement"], rule["why"])
                 for rule in site.get("spelling_rules", []))


def of_graph(graph) -> "Spelling":
    """The graph's site's rules, compiled once per graph."""
    found = graph.derived.get(("spelling", None))
    if found is None:
        found = graph.derived[("spelling", None)] = Spelling(site_rules(graph.site))
    return found


def strip_accents(text: str) -> str:
    """Spanish and Portuguese accents dropped (José -> Jose, Sánchez ->
    Sanchez, Razón -> Razon), as names are often typed; ə, which has no
    decomposition, is the rule table's."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


class Spelling:
    """One rule table, applied in order; each rule adds the spelling it makes
    to the spellings already found, so later rules apply to earlier rules'
    output too (Məmmədov -> Mammadov -> Mamedov)."""

    def __init__(self, rules: tuple[Rule, ...]):
        self.rules = rules
        self._compiled = tuple((re.compile(rule.pattern), rule.replacement) for rule in rules)
        # Every page's names are spelled for the search index, and the same
        # words recur on thousands of pages (a person's name on each of their
        # events): each word is spelled once.
        self._words: dict[str, tuple] = {}

    def spellings(self, name: str) -> tuple:
        """Every spelling the rules make of one name (or word), itself first."""
        found = self._words.get(name)
        if found is None:
            found = self._words[name] = self._spell(name)
        return found

    def _spell(self, name: str) -> tuple:
        found = [name]
        for pattern, replacement in self._compiled:
            for spelling in list(found):
                other = pattern.sub(replacement, spelling)
                if other not in found:
                    found.append(other)
        for spelling in list(found):
            plain = strip_accents(spelling)
            if plain not in found:
                found.append(plain)
        return tuple(found)

    def variants(self, names) -> list[str]:
        """The spellings the rules make of these names' words that none of the
        names has, in a stable order (first name's first word's first). Word by
        word, as search matches words: 'Heydər Əliyev' gives Heyder, Aliev,
        Eliyev... rather than every combination of them."""
        words = [w for name in names if name for w in name.split()]
        out: list[str] = []
        for word in words:
            for spelling in self.spellings(word):
                if spelling not in words and spelling not in out:
                    out.append(spelling)
        return out

    def search_names(self, entity) -> "SearchNames":
        names = [entity.title, entity.get("native_name"), *entity.get("aliases", [])]
        names = tuple(dict.fromkeys(n for n in names if n))
        return SearchNames(names, tuple(self.variants(names)), entity.kind in NAMED_KINDS)

    def name_index(self, entities) -> list["NamedPage"]:
        """Every named entity, for the search page's exact-name matches and its
        "did you mean" suggestions (static/search.js)."""
        out = []
        for entity in entities:
            if entity.kind in NAMED_KINDS:
                found = self.search_names(entity)
                out.append(NamedPage(entity, found.names, found.variants))
        return out


# Kinds whose title is a name. An event's or a source's title describes it,
# usually naming the people and countries it involves ("Elnur Mammadov meets
# José Enrique Jeri"), so it is not one of their names.
NAMED_KINDS = ("countries", "people", "organizations", "topics")


@dataclass(frozen=True)
class SearchNames:
    """What the search index takes as an entity page's own names: those the
    content gives (title, native spelling, aliases) and the variants the
    rules make of them (search only). `named`: the page is the thing named,
    so the index weights its names above any mention elsewhere."""
    names: tuple
    variants: tuple
    named: bool


@dataclass(frozen=True)
class NamedPage:
    """One named entity as the search page knows it: its names (shown as
    suggestions) and its variants (matched, never shown)."""
    entity: object
    names: tuple
    variants: tuple
