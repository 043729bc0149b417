"""Spelling variants of names, for search only.

Names on this site reach readers through several romanizations: an
Azerbaijani name in its own Latin alphabet (Məmmədov, Əliyev), in the
English-style transliteration the sources mostly use (Mammadov, Aliyev), in
the Russian-style forms still common in the press (Mamedov, Aliev), and
Spanish names with or without their accents (José, Jose). A reader may type
any of them. `variants(names)` makes the other spellings from one rule table,
RULES, each rule a standard correspondence, so a name typed in any of these
forms finds its page.

The variants are search aliases, never the sources' spellings: the page plan
hands them to the search index only (templates/search_names.html puts them in
an element readers never see), and no page shows them as a name.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Rule:
    pattern: str        # a regular expression, matched case-sensitively
    replacement: str
    why: str


# One table, applied in order; each rule adds the spelling it makes to the
# spellings already found, so later rules apply to earlier rules' output too
# (Məmmədov -> Mammadov -> Mamedov).
RULES = (
    # Azerbaijani Latin letters, as English-style romanizations write them.
    Rule("Ə", "A", "Azerbaijani ə is written a in English-style romanization (Əliyev -> Aliyev)"),
    Rule("ə", "a", "Azerbaijani ə is written a in English-style romanization (Məmmədov -> Mammadov)"),
    Rule("Ə", "E", "... and e in Turkish- and Russian-style romanization (Əliyev -> Eliyev)"),
    Rule("ə", "e", "... and e in Turkish- and Russian-style romanization (Heydər -> Heyder)"),
    Rule("İ", "I", "Azerbaijani dotted capital İ is a plain I in English (İlham -> Ilham)"),
    Rule("ı", "i", "Azerbaijani dotless ı is written i"),
    Rule("ş", "sh", "Azerbaijani ş is written sh"),
    Rule("ç", "ch", "Azerbaijani ç is written ch"),
    Rule("ğ", "gh", "Azerbaijani ğ is written gh"),
    Rule("Ş", "Sh", "Azerbaijani Ş is written Sh"),
    Rule("Ç", "Ch", "Azerbaijani Ç is written Ch"),
    # Russian-style forms of Azerbaijani names (through Cyrillic).
    Rule(r"^Mammad", "Mamed", "Russian-style Mamed- for Məmməd-/Mammad- (Mammadov -> Mamedov)"),
    Rule(r"^Mammad", "Mamad", "the single-m Mamad- of Spanish-language press (Mammadov -> Mamadov)"),
    Rule(r"iyev(a?)$", r"iev\1", "Russian-style -iev/-ieva for -iyev/-iyeva (Aliyev -> Aliev)"),
    Rule(r"^Heydar", "Geydar", "Russian-style G for Azerbaijani H (Heydar -> Geydar)"),
    Rule(r"^Heydar", "Haydar", "Arabic-style Haydar for Heydar"),
)


def strip_accents(text: str) -> str:
    """Spanish and Portuguese accents dropped (José -> Jose, Sánchez ->
    Sanchez, Razón -> Razon), as names are often typed; ə, which has no
    decomposition, is the rule table's."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


_COMPILED = tuple((re.compile(rule.pattern), rule.replacement) for rule in RULES)


def spellings(name: str) -> list[str]:
    """Every spelling the rules make of one name, itself first."""
    return list(_spellings(name))


# Every page's names are spelled for the search index, and the same words
# recur on thousands of pages (a person's name on each of their events):
# each word is spelled once.
@lru_cache(maxsize=65_536)
def _spellings(name: str) -> tuple:
    found = [name]
    for pattern, replacement in _COMPILED:
        for spelling in list(found):
            other = pattern.sub(replacement, spelling)
            if other not in found:
                found.append(other)
    for spelling in list(found):
        plain = strip_accents(spelling)
        if plain not in found:
            found.append(plain)
    return tuple(found)


def variants(names) -> list[str]:
    """The spellings the rules make of these names' words that none of the
    names has, in a stable order (first name's first word's first). Word by
    word, as search matches words: 'Heydər Əliyev' gives Heyder, Aliev,
    Eliyev... rather than every combination of them."""
    words = [w for name in names if name for w in name.split()]
    out: list[str] = []
    for word in words:
        for spelling in _spellings(word):
            if spelling not in words and spelling not in out:
                out.append(spelling)
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


def search_names(entity) -> SearchNames:
    names = [entity.title, entity.get("native_name"), *entity.get("aliases", [])]
    names = tuple(dict.fromkeys(n for n in names if n))
    return SearchNames(names, tuple(variants(names)), entity.kind in NAMED_KINDS)


@dataclass(frozen=True)
class NamedPage:
    """One named entity as the search page knows it: its names (shown as
    suggestions) and its variants (matched, never shown)."""
    entity: object
    names: tuple
    variants: tuple


def name_index(entities) -> list[NamedPage]:
    """Every named entity, for the search page's exact-name matches and its
    "did you mean" suggestions (static/search.js)."""
    out = []
    for entity in entities:
        if entity.kind in NAMED_KINDS:
            found = search_names(entity)
            out.append(NamedPage(entity, found.names, found.variants))
    return out
