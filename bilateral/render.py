"""Stage 4: render the planned pages with pure Jinja2 templates.

plan.py lists every page and derives what it shows; `render_page` turns one
into HTML. Templates only format their page's context: the environment's
globals are formatting helpers and the site's settings, never derived data.
One environment serves every language: its gettext (jinja2.ext.i18n) and
formatting helpers answer in the language `render_page` makes current.
"""
from __future__ import annotations

import traceback
from functools import lru_cache
from pathlib import Path
from types import BuiltinFunctionType, FunctionType, MethodType

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.runtime import Context, Macro
from markupsafe import Markup, escape

from . import charts, citemarks, i18n, timeline, wayfinding
from .dates import PartialDate
from .graph import Entity, Graph
from .figures import figure_value, percent_change, unit_label
from .labels import Translated, script_messages
from .markup import render_body, summary_text
from .metadata import SHARE_IMAGE_SIZE, Metadata, head_title, share_image, short_title
from .model import KIND_TITLES, KINDS, SINGULAR
from .urls import Urls

# Every page's Content-Security-Policy (a <meta> in base.html): only this
# site's own files may load, so even markup that slipped past the sanitizer
# could run no inline script, handler or style. Templates therefore carry no
# inline <script>, <style>, style="" or on*="" either. (frame-ancestors and
# report-uri are ignored in a <meta> policy, so they are not set here.)
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
    "object-src 'none'", "base-uri 'self'", "form-action 'self'",
])

# The site header's links: {section path: title}, in menu order.
MAIN_SECTIONS = {**{f"{kind}/": KIND_TITLES[kind] for kind in
                    ["countries", "people", "events", "organizations", "topics", "sources"]},
                 "timeline/": "Timeline"}


class RenderError(Exception):
    """A page that could not be rendered, named with its template line.
    Plain text only, so it crosses from a worker process intact."""


def make_environment(templates: Path, graph: Graph, urls: Urls,
                     bytecode_cache: BytecodeCache | None = None) -> Environment:
    # auto_reload=False: a build reads each template once instead of checking
    # its file before every page; the live preview makes a new environment
    # for each new graph or template change.
    env = SiteEnvironment(loader=FileSystemLoader(str(templates)), extensions=["jinja2.ext.i18n"],
                          autoescape=select_autoescape(default=True, default_for_string=True),
                          undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                          auto_reload=False, bytecode_cache=bytecode_cache)
    links = Links(urls)
    rows = TimelineRows(links)
    metadata = Metadata(urls, graph.site)
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True,
                                  pgettext=i18n.pgettext, npgettext=i18n.npgettext)
    # the same callables as jinja2.ext.i18n's newstyle ones, without their two
    # context-passing calls each: a page makes dozens (every template is autoescaped)
    env.globals.update(_=template_gettext, gettext=template_gettext, ngettext=template_ngettext,
                       pgettext=template_pgettext)
    env.globals.update(site=graph.site, url=urls, kinds=KINDS,
                       kind_titles=Translated(KIND_TITLES), singular=Translated(SINGULAR),
                       main_menu=[(section, title, urls(section)) for section, title in MAIN_SECTIONS.items()],
                       entity_link=links.one, entity_links=links.many, timeline_rows=rows.many,
                       content_security_policy=CONTENT_SECURITY_POLICY,
                       json_ld=metadata.json_ld, citation=metadata.citation, head_title=head_title,
                       share_image=share_image, share_image_size=SHARE_IMAGE_SIZE,
                       chart_svg=charts.draw, script_messages=script_messages,
                       languages=languages_of(graph, urls), current_language=i18n.current, behind=behind,
                       once=Fragments(), menu_section=menu_section, pager_pages=PagerPages(urls))
    env.filters.update(
        href=urls.entity,
        when=when,
        inferred=inferred_mark,
        date_text=lambda d: d.text() if isinstance(d, PartialDate) else "",
        body=lambda entity: Markup(render_body(
            entity.body, urls,
            lambda n: entity.notes.number(entity.data["citations"][n - 1]))),
        summary=summary_text,
        short_title=short_title,
        cite=cite_marks,
        figure_value=figure_value,
        percent_change=percent_change,
        # a message held in a value (a table's title), translated as plain
        # text and escaped on output like any value; _() takes literals
        gettext=i18n.gettext,
        unit_label=unit_label,
        dispute_href=lambda dispute, page: dispute_href(urls, dispute, page),
        kind_label=timeline.kind_label,
        in_english=in_english,
        gloss=gloss,
    )
    return env


def languages_of(graph: Graph, urls: Urls) -> list[tuple[str, str]]:
    """(code, name in itself) of each language the site is published in
    (urls.alternates gives each one's URL of a page); empty for one language."""
    from .languages import language_name  # languages plans pages, which render does not need
    codes = urls.languages if len(urls.languages) > 1 else ()
    return [(code, language_name(code)) for code in codes]


def behind(entity) -> bool:
    """Whether the page's translation is behind its English (translations.Status)."""
    return getattr(entity, "translation", None) == "behind"


def gloss(entity, citation) -> Markup:
    """A translation of a note's quote, when the page's translation gives one
    (`glosses`, by the number of the citation in the original's list)."""
    glosses = getattr(entity, "glosses", None)
    if not glosses:
        return Markup("")
    cited = entity.get("citations", [])
    text = next((glosses[n] for n in sorted(glosses) if 0 < n <= len(cited) and cited[n - 1] == citation), None)
    return Markup(' <span class="gloss">({})</span>').format(text) if text else Markup("")


def in_english(entity, *path) -> Markup:
    """' lang="en"' on an element showing a value its translation leaves
    in the original's language (languages.py), else nothing."""
    marked = getattr(entity, "english", None)
    return Markup(' lang="en"') if marked and tuple(path) in marked else Markup("")


def template_gettext(message: str, **variables) -> Markup:
    """_("…%(name)s…", name=value) in a template: the message in the current
    language, its values escaped into it (as jinja2.ext.i18n's newstyle gettext)."""
    text = _translated(i18n.current(), message)   # (cached: a page makes dozens of these calls)
    return text % variables if variables or "%" in text else text


@lru_cache(maxsize=None)   # the same few hundred messages on every page
def _translated(language: str, message: str) -> Markup:
    return Markup(i18n.translations(language).gettext(message))


def template_ngettext(singular: str, plural: str, num: int, **variables) -> Markup:
    if not variables:   # "%(num)s events" alone: the same few counts on page after page
        return _counted(i18n.current(), singular, plural, num)
    variables.setdefault("num", num)
    return Markup(i18n.ngettext(singular, plural, num)) % variables


@lru_cache(maxsize=1 << 12)
def _counted(language: str, singular: str, plural: str, num: int) -> Markup:
    return Markup(i18n.translations(language).ngettext(singular, plural, num)) % {"num": num}


def template_pgettext(context: str, message: str, **variables) -> Markup:
    return Markup(i18n.pgettext(context, message)) % variables


class SiteContext(Context):
    """Jinja's Context with a quicker call(). Every call in a template
    (a macro, url(...), path.startswith(...)) goes through Context.call,
    which looks for a `jinja_pass_arg` marker with up to three failing
    hasattr()s each time: about a sixth of an event page's render. Here the
    callables that cannot carry the marker (built-in methods, macros) or
    carry it on their function (functions, bound methods) are checked in
    one step; anything else takes Jinja's own path. The result is the same."""

    def call(__self, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        kind = type(__obj)
        if kind is MethodType:
            marked = hasattr(__obj.__func__, "jinja_pass_arg")
        elif kind is FunctionType:
            marked = hasattr(__obj, "jinja_pass_arg")
        else:
            marked = kind not in _UNMARKED
        if marked:
            return Context.call(__self, __obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:  # as Jinja does
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception")


# Callables that never carry a jinja_pass_arg marker: built-ins take no
# attributes, Jinja marks no macro, and the URL helper is this project's own.
_UNMARKED = frozenset({BuiltinFunctionType, Macro, Urls})


class SiteEnvironment(Environment):
    """An Environment whose templates see its globals as one plain dict.
    Jinja's default, a ChainMap over them, is copied key by key into every
    page's context, which cost ~6% of rendering; the globals here are all
    set before the first template loads and never change after."""

    context_class = SiteContext

    def make_globals(self, d=None) -> dict:
        return {**self.globals, **(d or {})}


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept in memory, so that a new environment need not
    compile them again; an edited template misses (the source checksum differs)."""

    def __init__(self):
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.codes:
            bucket.bytecode_from_string(self.codes[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()


def render_page(env: Environment | dict, page) -> str:
    """One planned page (plan.Page) as HTML; `env` may be {language: Environment},
    and the page is rendered in its context's language."""
    if isinstance(env, dict):
        env = env[page.context["lang"]]
    urls = env.globals["url"]
    lang = page.context.get("lang") or urls.lang or i18n.DEFAULT
    context = {"view": None, "lang": lang, **page.context}
    prefix = urls.prefix
    # templates see the page's path within its language, as url() takes it
    path = page.path[len(prefix):] if prefix and page.path.startswith(prefix) else page.path
    try:
        with i18n.language(lang):
            html = env.get_template(page.template).render(**context, path=path)
            # read off the finished page: each note's back-links, the list of its sections
            return wayfinding.on_this_page(citemarks.link_back(html))
    except Exception as exc:
        raise RenderError(f"{_template_line(exc, page.template)}: cannot render /{page.path}: "
                          f"{type(exc).__name__}: {exc}") from exc


def _template_line(exc: Exception, template: str) -> str:
    """'event.html:12', the innermost template frame of the failure."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".html")]
    if frames:
        return f"{Path(frames[-1].filename).name}:{frames[-1].lineno}"
    return template


class Links:
    """`<a href>` to entity pages; macros.html exports these as link and link_list.
    Each entity's link is made once per environment (so per graph): timelines
    repeat them often."""

    def __init__(self, urls: Urls):
        self.urls = urls
        self.made: dict[tuple, Markup] = {}

    def one(self, entity) -> Markup:
        key = (entity, i18n.current())   # a title may read differently in each language
        link = self.made.get(key)
        if link is None:
            link = self.made[key] = Markup(
                f'<a href="{escape(self.urls.entity(entity))}">{escape(short_title(entity))}</a>')
        return link

    def many(self, entities) -> Markup:
        # each link is Markup already: a plain join skips Markup.join's escape() per item
        return Markup(", ".join([self.one(e) for e in entities]))


class Fragments:
    """once(key, macro, *args): the macro's output, made once per language
    and key and reused, for the parts of a page that many pages show alike
    (the header's menu, the footer). The key must name everything the
    fragment shows that is not the same on every page of the language; one
    per environment, so per graph, like the links and rows below."""

    def __init__(self):
        self.made: dict[tuple, Markup] = {}

    def __call__(self, key, macro, *args) -> Markup:
        key = (i18n.current(), key)
        made = self.made.get(key)
        if made is None:
            made = self.made[key] = Markup(macro(*args))
        return made


class PagerPages:
    """The <li> links to every page of a split list (paginate.Pager), the
    current one marked: each link made once per language and reused on
    every page of the list, which shows them all (a timeline's years)."""

    def __init__(self, urls: Urls):
        self.urls = urls
        self.made: dict[tuple, list] = {}

    def __call__(self, pager) -> Markup:
        key = (i18n.current(), pager.unit, pager.pages)
        links = self.made.get(key)
        if links is None:
            links = self.made[key] = [self._link(link, pager.unit) for link in pager.pages]
        return Markup("".join([f'{head} aria-current="page"{tail}' if i == pager.index else head + tail
                               for i, (head, tail) in enumerate(links)]))

    def _link(self, link, unit: str) -> tuple[str, str]:
        """The link around where aria-current goes."""
        if unit == "people":
            count = i18n.ngettext("%(num)s person", "%(num)s people", link.count)
        else:
            count = i18n.ngettext("%(num)s event", "%(num)s events", link.count)
        title = escape(count % {"num": link.count})
        return (f'<li><a href="{escape(self.urls(link.path))}"',
                f' title="{title}">{escape(link.label)}</a></li>')


def menu_section(path: str) -> str | None:
    """The main menu's section a page belongs to (its link is marked current)."""
    return next((section for section in MAIN_SECTIONS if path.startswith(section)), None)


class TimelineRows:
    """The <li> of each event on a timeline, made once per environment and
    reused: an event shows on a dozen timelines (the site's, its filtered
    views, and the pages of its countries, people and topics), and a Jinja
    macro per row was most of a large site's rendering time. Written in
    Python for the same reason as Links; the timeline macro in macros.html
    groups the rows (plan.Rows' timeline.Entries) by year. `exclude` is the
    page's own entity, left out of the row's countries and people;
    `filterable` rows carry their facet values as data-* attributes, for the
    one timeline static/timeline.js filters."""

    def __init__(self, links: Links):
        self.links = links
        self.made: dict[tuple, Markup] = {}

    def many(self, entries, exclude: Entity | None = None, filterable: bool = False) -> Markup:
        """The rows of timeline.Entries: each sub-event nested under its larger
        event, in a <details> whose summary counts them (closed, so one visit
        is one row), deeper ones in plain nested lists inside it."""
        return Markup("\n    ".join([self.entry(e, exclude, filterable) for e in entries]))  # rows are Markup

    def entry(self, entry, exclude: Entity | None, filterable: bool, depth: int = 0) -> str:
        row = str(self.one(entry.event, exclude, filterable))   # str: Markup + str would escape the str
        if entry.part_of is not None:
            part_of = escape(i18n.gettext("Part of"))
            row += f' <span class="part-of">{part_of} {self.links.one(entry.part_of.event)}</span>'
        if entry.parts:
            parts = "".join([self.entry(p, exclude, filterable, depth + 1) for p in entry.parts])
            parts = f'<ol class="parts">{parts}</ol>'
            if depth == 0:
                n = entry.related
                related = escape(i18n.ngettext("%(num)s related event", "%(num)s related events", n) % {"num": n})
                parts = (f'<details class="parts"><summary>{related}</summary>'
                         f'{parts}</details>')
            row += parts
        return row + " </li>"

    def one(self, event: Entity, exclude: Entity | None = None, filterable: bool = False) -> Markup:
        if exclude is not None and not _lists(event, exclude):
            exclude = None  # the same row as with nothing left out: reuse it
        key = (event, exclude, filterable, i18n.current())   # a row's words are the language's
        row = self.made.get(key)
        if row is None:
            row = self.made[key] = self._make(event, exclude, filterable)
        return row

    def _make(self, event: Entity, exclude: Entity | None, filterable: bool) -> Markup:
        # f-strings with escape() on every value: Markup.format costs
        # several times more, and this runs for every row
        context = bool(event.get("context"))
        row = f'<li class="event{" context" if context else ""}"{_facet_data(event) if filterable else ""}>'
        row += (f' <span class="when">{when(event.date)}{inferred_mark(event.get("date_inferred"))}</span>'
               f' <span class="what">{self.links.one(event)}'
               f' <span class="kind">{escape(timeline.kind_label(event.subtype))}</span>'
               f'{_context_badge() if context else ""}</span>')
        places = [c for c in event.get("countries", []) if c is not exclude]
        if places:
            row += f' <span class="where">{self.links.many(places)}</span>'
        people = [p["person"] for p in event.get("people", []) if p["person"] is not exclude]
        if people:
            with_ = escape(i18n.gettext("With"))   # (outside the f-string, where pybabel finds it)
            row += f' <span class="who">{with_} {self.links.many(people)}</span>'
        return Markup(row)   # open: entry() adds what the row nests, and closes it


def _context_badge() -> str:
    word = escape(i18n.gettext("context"))
    return f' <span class="badge">{word}</span>'


def _lists(event: Entity, entity: Entity) -> bool:
    return (any(c is entity for c in event.get("countries", []))
            or any(p["person"] is entity for p in event.get("people", [])))


def _facet_data(event: Entity) -> str:
    facets = timeline.facet_values(event)
    return (f' data-kind="{escape(event.subtype)}"'
            f' data-context="{"true" if event.get("context") else "false"}"'
            f' data-country="{escape(" ".join(facets["country"]))}"'
            f' data-person="{escape(" ".join(facets["person"]))}"'
            f' data-topic="{escape(" ".join(facets["topic"]))}"')


def inferred_mark(reason: str | None) -> Markup:
    """' (inferred)' with its reason on hover, after a date that no source
    states outright; nothing when there is no reason."""
    if not reason:
        return Markup("")
    return Markup(' <abbr class="inferred" title="{}">{}</abbr>').format(
        i18n.gettext("Inferred: %(reason)s") % {"reason": reason}, i18n.gettext("(inferred)"))


def when(date: PartialDate | None) -> Markup:
    """A date as <time>, showing its precision ('May 2023', not '1 May 2023'),
    in the current language."""
    return _when(date, i18n.current())


@lru_cache(maxsize=None)  # an event's date shows on every timeline that lists it
def _when(date: PartialDate | None, language: str) -> Markup:
    if date is None:
        return Markup("")
    return Markup(f'<time datetime="{escape(date.anchor.iso())}">{escape(date.text())}</time>')


def cite_marks(citations, page: Entity) -> Markup:
    """Superscript note links for a list of citations on this page."""
    if not isinstance(citations, list):
        citations = [citations]
    numbers = sorted({page.notes.number(c) for c in citations})
    return Markup("").join(Markup('<sup class="cite"><a href="#note-{0}">[{0}]</a></sup>').format(n)
                           for n in numbers)


def dispute_href(urls: Urls, dispute, page: Entity) -> str:
    """Link to a dispute's section: on this page, or on the page that owns it
    (a figure on a topic page may be one side of a dispute told on a country's)."""
    here = "" if dispute.owner is page else urls.entity(dispute.owner)
    return f"{here}#dispute-{dispute.id}"
