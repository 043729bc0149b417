"""The interface in Spanish and Portuguese (issue 19): the catalogues are
complete and current, the current language reaches every string, and dates
and numbers follow each language's CLDR forms, while English stays as it was."""
from __future__ import annotations

import configparser
import datetime as dt
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bilateral import i18n
from bilateral.dates import parse_date
from bilateral.figures import figure_value, format_number, percent_change

from conftest import FIXTURE, REAL_CONTENT, ROOT
from i18n_leaks import english_leftovers

LOCALE = ROOT / "locale"
SHIPPED = sorted(p.parent.parent.name for p in LOCALE.glob("*/LC_MESSAGES/messages.po"))


def catalogue(path: Path):
    with path.open("rb") as po:
        return read_po(po)


def keys(catalog) -> set:
    return {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)) for m in catalog if m.id}


# --- the catalogues -------------------------------------------------------------------

def test_spanish_and_portuguese_ship():
    assert {"es", "pt"} <= set(SHIPPED)


@pytest.mark.parametrize("language", SHIPPED)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    catalog = catalogue(LOCALE / language / "LC_MESSAGES" / "messages.po")
    untranslated = [m.id for m in catalog if m.id and not (
        m.string if isinstance(m.string, str) else len(m.string) == catalog.num_plurals and all(m.string))]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert untranslated == [], f"{language}: untranslated: {untranslated}"
    assert fuzzy == [], f"{language}: fuzzy (check, then drop the flag): {fuzzy}"
    # every placeholder of a translation is one its English has
    assert [(m.id, str(e)) for m, e in catalog.check()] == []


def extracted() -> set:
    """What scripts/update_catalogues.sh would extract now, read with babel.cfg."""
    config = configparser.RawConfigParser()
    config.read(ROOT / "babel.cfg")
    method_map = [(section.split(":", 1)[1].strip(), section.split(":", 1)[0].strip())
                  for section in config.sections()]
    options_map = {pattern: dict(config.items(f"{method}: {pattern}")) for pattern, method in method_map}
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2),
                "npgettext": ((1, "c"), 2, 3), "N_": None, "NP_": ((1, "c"), 2)}
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=keywords):
        found.add((context, message if isinstance(message, str) else tuple(message)))
    return found


def test_the_catalogues_hold_exactly_what_the_sources_say():
    """A string added, changed or removed in bilateral/ or templates/ without
    running scripts/update_catalogues.sh fails here."""
    now = extracted()
    assert len(now) > 300
    for path in [LOCALE / "messages.pot", *(LOCALE / lang / "LC_MESSAGES" / "messages.po" for lang in SHIPPED)]:
        held = keys(catalogue(path))
        assert sorted(map(str, now - held)) == [], f"{path.relative_to(ROOT)} lacks these: run scripts/update_catalogues.sh"
        assert sorted(map(str, held - now)) == [], f"{path.relative_to(ROOT)} holds messages no source uses"


# --- the current language --------------------------------------------------------------

def test_english_is_the_default_and_the_identity():
    assert i18n.current() == "en"
    assert i18n.gettext("Key facts") == "Key facts"
    assert i18n.ngettext("%(num)s event", "%(num)s events", 2) == "%(num)s events"


def test_a_language_holds_for_its_block_and_nests():
    with i18n.language("es"):
        assert i18n.current() == "es"
        assert i18n.gettext("Key facts") == "Datos clave"
        with i18n.language("pt"):
            assert i18n.gettext("Key facts") == "Fatos principais"
        assert i18n.current() == "es"
    assert i18n.current() == "en"
    assert i18n.gettext("Key facts") == "Key facts"


def test_plurals_follow_the_catalogues_plural_forms():
    with i18n.language("es"):
        assert i18n.ngettext("%(num)s event", "%(num)s events", 1) % {"num": 1} == "1 evento"
        assert i18n.ngettext("%(num)s event", "%(num)s events", 3) % {"num": 3} == "3 eventos"
    with i18n.language("pt"):   # CLDR: 0 and 1 are singular in Portuguese
        assert i18n.ngettext("%(num)s part of this event", "%(num)s parts of this event", 0) % {"num": 0} \
            == "0 parte deste evento"


def test_a_language_without_a_catalogue_reads_as_english():
    with i18n.language("az"):
        assert i18n.gettext("Key facts") == "Key facts"


def test_fuzzy_entries_are_not_used(tmp_path, monkeypatch):
    po = tmp_path / "xx" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  '#, fuzzy\nmsgid "Key facts"\nmsgstr "Guessed"\n\n'
                  'msgid "Sources"\nmsgstr "Checked"\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.translations.cache_clear()
    try:
        with i18n.language("xx"):
            assert i18n.gettext("Key facts") == "Key facts"
            assert i18n.gettext("Sources") == "Checked"
    finally:
        i18n.translations.cache_clear()


def test_templates_gettext_escapes_values_into_the_message_as_jinjas_own_does(graph):
    from bilateral.render import make_environment
    from bilateral.urls import Urls

    env = make_environment(ROOT / "templates", graph, Urls("/"))
    template = env.from_string('{{ _("%(title)s has moved", title=t) }}|{{ ngettext("%(num)s event", '
                               '"%(num)s events", n) }}|{{ _("Key facts") }}|{{ _("Sources") }}')
    assert template.render(t="<b>&", n=1) == "&lt;b&gt;&amp; has moved|1 event|Key facts|Sources"
    with i18n.language("es"):
        assert template.render(t="<b>", n=2) == "&lt;b&gt; ha cambiado de dirección|2 eventos|Datos clave|Fuentes"
    assert template.render(t="x", n=2) == "x has moved|2 events|Key facts|Sources"   # not the cached Spanish


# --- dates ------------------------------------------------------------------------------

DATES = {  # content date: (English, Spanish, Portuguese)
    "2025-09-03": ("3 September 2025", "3 de septiembre de 2025", "3 de setembro de 2025"),
    "2025-09-03/2025-09-04": ("3–4 September 2025", "3–4 de septiembre de 2025", "3–4 de setembro de 2025"),
    "2025-09": ("September 2025", "septiembre de 2025", "setembro de 2025"),
    "2025": ("2025", "2025", "2025"),
    "1995/1996": ("1995–1996", "1995–1996", "1995\u2009–\u20091996"),
    "2025-09/2025-10": ("September–October 2025", "septiembre–octubre de 2025",
                        "setembro\u2009–\u2009outubro de 2025"),
    "2025-09-30/2025-10-01": ("30 September 2025 – 1 October 2025",
                              "30 de septiembre de 2025 – 1 de octubre de 2025",
                              "30 de setembro de 2025 – 1 de outubro de 2025"),
    "../2025-04": ("by April 2025", "a más tardar en abril de 2025", "o mais tardar em abril de 2025"),
    "../2025-04-03": ("by 3 April 2025", "a más tardar el 3 de abril de 2025", "o mais tardar em 3 de abril de 2025"),
    "../2025": ("by 2025", "a más tardar en 2025", "o mais tardar em 2025"),
}


@pytest.mark.parametrize("value", DATES)
def test_dates_read_at_their_precision_in_each_language(value):
    date = parse_date(value)
    for language, expected in zip(("en", "es", "pt"), DATES[value]):
        with i18n.language(language):
            assert date.text() == expected, language


def test_the_rendered_date_and_inferred_mark_follow_the_language():
    from bilateral.render import inferred_mark, when
    date = parse_date("2025-09")
    assert when(date) == '<time datetime="2025-09">September 2025</time>'
    with i18n.language("es"):
        assert when(date) == '<time datetime="2025-09">septiembre de 2025</time>'   # not the cached English
        assert inferred_mark("una razón") == \
            ' <abbr class="inferred" title="Por inferencia: una razón">(por inferencia)</abbr>'
    with i18n.language("pt"):
        assert inferred_mark("x") == ' <abbr class="inferred" title="Por inferência: x">(por inferência)</abbr>'
    assert when(date) == '<time datetime="2025-09">September 2025</time>'


# --- numbers ----------------------------------------------------------------------------

def figure(value, unit, qualifier=None):
    return SimpleNamespace(value=value, unit=unit, qualifier=qualifier)


FIGURES = [  # figure: (English, Spanish, Portuguese)
    (figure(230, "USD million", "more than"),
     ("more than 230 USD million", "más de 230 millones de US$", "mais de US$ 230 milhões")),
    (figure(52, "USD million"), ("52 USD million", "52 millones de US$", "US$ 52 milhões")),
    (figure(1.2, "USD billion", "about"),
     ("about 1.2 USD billion", "unos 1,2 mil millones de US$", "cerca de US$ 1,2 bilhão")),
    (figure(29, "years", "at least"), ("at least 29 years", "al menos 29 años", "pelo menos 29 anos")),
    (figure(12345.5, "km", "less than"),
     ("less than 12,345.5 km", "menos de 12.345,5 km", "menos de 12.345,5 km")),
]


@pytest.mark.parametrize("fig, expected", FIGURES)
def test_figures_read_with_their_qualifier_and_unit_in_each_language(fig, expected):
    for language, text in zip(("en", "es", "pt"), expected):
        with i18n.language(language):
            assert figure_value(fig) == text, language


def test_numbers_and_percentages_follow_the_language():
    assert (format_number(12345), format_number(12.5), percent_change(12), percent_change(-3.5)) == \
        ("12,345", "12.5", "+12%", "-3.5%")
    with i18n.language("es"):
        assert (format_number(12345), figure_value(figure(230, "USD million", "more than"), unit=False)) == \
            ("12.345", "más de 230")
        assert (percent_change(12), percent_change(-3.5)) == ("+12\xa0%", "-3,5\xa0%")
    with i18n.language("pt"):
        assert (format_number(12.25), percent_change(12)) == ("12,25", "+12%")


# --- pages planned and rendered in a language --------------------------------------------

# English these pages show that is content, not interface, and happens to
# equal a message: link words in prose, a topic's title ("The relationship
# in brief"), figure labels and a dispute's summary ("period not stated").
# Translation files will carry them (marked lang="en" until they do).
CONTENT_WORDS = {"Areas of cooperation", "Parliament", "and", "the", "and the", "Date", "Standpoint",
                 "The relationship in brief", "period not stated"}

# The downloads are one dataset, in English: /data/ quotes some of its values.
DATA_VALUES = {"not stated in the sources", "not stated in the source", "Diplomatic relations established"}


@pytest.fixture(scope="module")
def rendered():
    """render(content, language, path) -> a page of that content folder,
    planned and rendered in that language (each planned from a graph of its own)."""
    from bilateral.pipeline import load_graph
    from bilateral.plan import plan_site
    from bilateral.render import make_environment, render_page
    from bilateral.urls import Urls

    plans: dict = {}

    def render(content: Path, language: str, path: str) -> str:
        if (content, language) not in plans:
            with i18n.language(language):   # the graph stage words the key facts, as build_graphs does
                graph = load_graph(content)
                plans[content, language] = (make_environment(ROOT / "templates", graph, Urls("/")),
                                            plan_site(graph))
        env, plan = plans[content, language]
        page = next(p for p in plan.pages if p.path == path)
        return render_page(env, SimpleNamespace(**{**vars(page), "context": {**page.context, "lang": language}}))
    return render


PAGES = [("es", "countries/peru/"), ("pt", "countries/brazil/"), ("es", "about/"), ("pt", "data/"),
         ("es", "timeline/"), ("pt", ""), ("es", "visits/"), ("pt", "people/"), ("es", "events/")]
# the fixture site in the quick tier; the real content (a second or more to plan) in the slow one
CONTENTS = [pytest.param(FIXTURE, id="fixture"),
            pytest.param(REAL_CONTENT, id="real", marks=[pytest.mark.slow, pytest.mark.skipif(
                not (REAL_CONTENT / "site.yml").is_file(), reason="no real content in this checkout")])]


@pytest.mark.parametrize("content", CONTENTS)
@pytest.mark.parametrize("language, path", PAGES)
def test_a_page_in_spanish_or_portuguese_keeps_no_english_interface_string(rendered, content, language, path):
    html = rendered(content, language, path)
    allowed = CONTENT_WORDS | (DATA_VALUES if path == "data/" else set())
    assert english_leftovers(html, language, allowed) == []


@pytest.mark.parametrize("content", CONTENTS)
def test_the_peru_page_reads_in_spanish(rendered, content):
    html = rendered(content, "es", "countries/peru/")
    for words in ["<h2 id=\"keyfacts-h\">Datos clave</h2>", "Establecimiento de relaciones diplomáticas",
                  "de septiembre de 2025</time>", "Quién representa a quién",
                  '<p id="on-this-page-h">En esta página</p>', "Saltar al contenido"]:
        assert words in html
    if content == REAL_CONTENT:   # the fixture's Peru has no inferred date
        assert "3–4 de septiembre de 2025" in html and "(por inferencia)" in html
    # the same environment, back in English: nothing Spanish was cached for it
    english = rendered(content, "en", "countries/peru/")
    assert "Key facts" in english and "Datos clave" not in english and "septiembre" not in english


@pytest.mark.parametrize("content", CONTENTS)
def test_a_page_hands_its_scripts_their_words_in_its_language(rendered, content):
    """<body data-ui>: what page.js, search.js and cite.js write, translated;
    an English page carries none (the scripts write their English)."""
    import html as html_module
    import json

    from bilateral.labels import SCRIPT_MESSAGES

    spanish = re.search(r"<body data-ui='([^']*)'>", rendered(content, "es", "search/"))
    words = json.loads(html_module.unescape(spanish.group(1)))
    assert set(words) == set(SCRIPT_MESSAGES)
    assert words["no-match"] == "Ninguna página coincide con «{query}»." and words["source"] == "Fuente:"
    assert "<body>" in rendered(content, "en", "search/")


def test_the_leak_check_finds_english_left_on_a_page():
    """The checker itself: it finds an untranslated heading, a label in an
    attribute and a sentence inside a longer text, and passes what is
    marked English or quoted."""
    page = ('<html lang="es"><body><h2>Key facts</h2><a title="Disputed: see where the sources disagree">⚠</a>'
            '<p>Nota. Every event on the site, oldest first, each date at the precision its source gives.</p>'
            '<p lang="en">Key facts</p><q>Key facts</q><h2>Datos clave</h2></body></html>')
    found = [leak.split(" (in:")[0] for leak in english_leftovers(page, "es")]
    assert found == ["Disputed: see where the sources disagree",
                     "Every event on the site, oldest first, each date at the precision its source gives",
                     "Key facts",
                     # (each also a message, or a piece of one, of its own)
                     "oldest first, each date at the precision its source gives", "where the sources disagree"]


# --- a built site's /es/ and /pt/ pages (once the routing makes them) ---------------------

@pytest.mark.slow
@pytest.mark.parametrize("language", ["es", "pt"])
def test_no_english_interface_string_on_a_built_sites_translated_pages(built_at_root, language):
    """Every page the build writes under /es/ or /pt/: no English interface
    string (content left untranslated is marked lang="en" and skipped).
    Skips while the build writes no such pages."""
    site = built_at_root("real") if (REAL_CONTENT / "site.yml").is_file() else built_at_root("fixture")
    pages = sorted((site / language).rglob("*.html")) if (site / language).is_dir() else []
    if not pages:
        pytest.skip(f"the built site has no /{language}/ pages yet")
    leaks = {str(p.relative_to(site)): found for p in pages
             if (found := english_leftovers(p.read_text(encoding="utf-8"), language,
                                            DATA_VALUES if p.parent.name == "data" else ()))}
    assert leaks == {}
