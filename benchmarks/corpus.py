"""A synthetic, seeded corpus for benchmarks: the same events written as this
project's content (in one language or three) and as a Hugo, an Eleventy and a
Pelican site that make the same pages as each other:

- an event page per event (date, countries, body, people, topics);
- a page per country, per person with an event and per topic, listing its
  events newest first;
- the list of every event (`/events/`);
- an index of the countries, one of the people and one of the topics;
- the home page, with the ten newest events.

The text is filler made from a fixed word list; it is benchmark data, never
site content.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

import yaml

# The real site's map shapes, which the corpus's site.yml uses too.
MAP = Path(__file__).resolve().parent.parent / "content" / "maps" / "latin-america-caribbean.json"
# The real site's settings, whose search spelling rules the corpus uses too
# (its people have the same kinds of names: Aliyev, Mammadli).
SITE = MAP.parent.parent / "site.yml"

COUNTRIES = [  # (slug, title, ISO 3166-1 alpha-2)
    ("argentina", "Argentina", "AR"), ("bolivia", "Bolivia", "BO"), ("brazil", "Brazil", "BR"),
    ("chile", "Chile", "CL"), ("colombia", "Colombia", "CO"), ("costa-rica", "Costa Rica", "CR"),
    ("cuba", "Cuba", "CU"), ("dominican-republic", "Dominican Republic", "DO"),
    ("ecuador", "Ecuador", "EC"), ("el-salvador", "El Salvador", "SV"),
    ("guatemala", "Guatemala", "GT"), ("honduras", "Honduras", "HN"), ("jamaica", "Jamaica", "JM"),
    ("mexico", "Mexico", "MX"), ("nicaragua", "Nicaragua", "NI"), ("panama", "Panama", "PA"),
    ("paraguay", "Paraguay", "PY"), ("peru", "Peru", "PE"), ("uruguay", "Uruguay", "UY"),
    ("azerbaijan", "Azerbaijan", "AZ"),
]
TOPICS = ["trade", "energy", "education", "tourism", "culture", "agriculture", "health",
          "transport", "diplomacy", "parliaments", "sport", "science", "media", "security",
          "investment"]
SOURCES = 5
EVENT_KINDS = ["visit", "consultations", "meeting", "lecture", "agreement", "statement"]
WORDS = ("the delegation met officials to discuss cooperation in several fields and agreed "
         "to continue talks on trade energy culture and education while noting progress on "
         "earlier agreements and plans for further visits by ministers experts and business "
         "groups from both sides during the coming year").split()
NAMES = ["Ana", "Luis", "Elvin", "Rashad", "Maria", "Jorge", "Leyla", "Camila", "Farid",
         "Sofia", "Diego", "Aysel", "Pablo", "Nigar", "Tural", "Lucia"]
SURNAMES = ["Garcia", "Aliyev", "Rojas", "Huseynov", "Silva", "Mammadli", "Torres",
            "Guliyev", "Perez", "Ismayilova", "Vargas", "Hasanov", "Castro", "Rzayev"]
QUOTE = "Synthetic benchmark sentence number {}."


class Corpus:
    """N events with their countries, people, topics, dates and bodies, drawn
    from a seeded generator so every run writes the same files."""

    def __init__(self, events: int, seed: int = 8):
        rng = random.Random(seed)
        self.people = [(f"person-{i:05d}", f"{rng.choice(NAMES)} {rng.choice(SURNAMES)} {i}")
                       for i in range(max(1, events // 4))]
        self.events = []
        for i in range(events):
            year, month, day = rng.randint(2000, 2025), rng.randint(1, 12), rng.randint(1, 28)
            countries = rng.sample(COUNTRIES, rng.randint(1, 3))
            self.events.append({
                "slug": f"event-{i:05d}",
                "title": f"{rng.choice(EVENT_KINDS).capitalize()} {i} with {countries[0][1]}",
                "date": f"{year:04d}-{month:02d}-{day:02d}",
                "kind": rng.choice(EVENT_KINDS),
                "countries": [c[0] for c in countries],
                "people": [p[0] for p in rng.sample(self.people, min(len(self.people), rng.randint(1, 4)))],
                "topics": rng.sample(TOPICS, rng.randint(1, 3)),
                "source": f"source-{rng.randrange(SOURCES)}",
                "quote": QUOTE.format(rng.randrange(1000)),
                "body": _body(rng, i),
            })

    def write_content(self, root: Path, languages: int = 1) -> None:
        """This project's content format (docs/content-model.md); with
        languages=3, also a Spanish and a Portuguese translation of every
        entity (write_translations)."""
        if languages not in (1, 3):
            raise ValueError("the corpus is written in 1 or 3 languages")
        root.mkdir(parents=True, exist_ok=True)
        langs = "languages: [en, es, pt]\n" if languages == 3 else ""
        _put(root / "site.yml", "title: Benchmark site\ndescription: A synthetic corpus.\n"
                                f"site_url: https://example.org/bench\nlanguage: en\n{langs}hub: azerbaijan\n"
                                "map:\n  title: Latin America and the Caribbean\n"
                                f"  shapes: maps/{MAP.name}\n  countries: [{', '.join(iso for _, _, iso in COUNTRIES)}]\n"
                                "  extent: {west: -118, east: -33, north: 33, south: -56}\n  insets: [AZ]\n"
                                + _spelling_rules())
        (root / "maps").mkdir(exist_ok=True)
        (root / "maps" / MAP.name).write_bytes(MAP.read_bytes())  # the real site's shapes
        for slug, title, iso in COUNTRIES:
            _put(root / "countries" / f"{slug}.md", f"---\ntitle: {title}\niso_code: {iso}\n"
                 + ("partner: false\n" if slug == "azerbaijan" else "") + "---\n"
                 f"{title} in the synthetic corpus.\n")
        for topic in TOPICS:
            _put(root / "topics" / f"{topic}.md", f"---\ntitle: {topic.capitalize()}\n---\n"
                                                  f"Events about {topic}.\n")
        for n in range(SOURCES):
            _put(root / "sources" / f"source-{n}.md",
                 f"---\ntitle: Source {n}\nfile: {n:03d}_synthetic.txt\ndate: \"2025-01\"\n"
                 "kind: news-report\nlanguage: en\nstandpoint: Synthetic benchmark document.\n---\n")
        for slug, title in self.people:
            _put(root / "people" / f"{slug}.md",
                 f"---\ntitle: {title}\nroles:\n  - title: Diplomat\n    cite:\n"
                 f"      source: source-0\n      quote: \"{QUOTE.format(0)}\"\n---\n")
        for e in self.events:
            people = "".join(f"  - person: {p}\n" for p in e["people"])
            _put(root / "events" / f"{e['slug']}.md",
                 f"---\ntitle: {e['title']}\ndate: \"{e['date']}\"\nkind: {e['kind']}\n"
                 f"countries: [{', '.join(e['countries'])}]\npeople:\n{people}"
                 f"topics: [{', '.join(e['topics'])}]\n"
                 f"citations:\n  - source: {e['source']}\n    quote: \"{e['quote']}\"\n---\n"
                 f"{e['body']}[cite:1]\n")
        if languages == 3:
            self.write_translations(root)

    def write_translations(self, root: Path) -> None:
        """Spanish and Portuguese translation files beside every English one,
        in the project's translation format (CONTRIBUTING.md, "Translating
        an entry"): only translatable keys, lists as long as the English's,
        the body's [cite:N] kept. The words are filler in the language, as
        many as the English's; unstamped, as fresh translations are."""
        for lang, words in FILLER.items():
            _put(root / f"site.{lang}.yml", f"title: {words['site']}\ndescription: {words['site']}.\n"
                                             f"map:\n  title: {words['map']}\n")
            for slug, title, _ in COUNTRIES:
                # the title, which CLDR would give, as translated front matter may not be empty
                _put(root / "countries" / f"{slug}.{lang}.md", f"---\ntitle: {title}\n---\n{words['country']} {title}.\n")
            for topic in TOPICS:
                _put(root / "topics" / f"{topic}.{lang}.md",
                     f"---\ntitle: {words['topic']} {topic}\n---\n{words['topic']} {topic}.\n")
            for slug, _ in self.people:
                _put(root / "people" / f"{slug}.{lang}.md", f"---\nroles:\n  - title: {words['role']}\n---\n")
            for i, e in enumerate(self.events):
                rng = random.Random(i)
                body = "\n\n".join(" ".join(rng.choice(words["body"]) for _ in range(50)).capitalize() + "."
                                    for _ in range(3))
                _put(root / "events" / f"{e['slug']}.{lang}.md",
                     f"---\ntitle: {words['event']} {i} ({e['date'][:4]})\n---\n{body}[cite:1]\n")

    def peer_pages(self) -> int:
        """How many HTML pages each of the Hugo, Eleventy and Pelican sites
        makes: the home page, the list of events, three indexes, and a page
        per event, country, topic and person with an event."""
        people = {p for e in self.events for p in e["people"]}
        return 5 + len(self.events) + len(COUNTRIES) + len(TOPICS) + len(people)

    def write_hugo(self, root: Path) -> None:
        """A Hugo site making the same pages: one per event, and a term page
        per country, person and topic listing its events newest first."""
        root.mkdir(parents=True, exist_ok=True)
        _put(root / "hugo.toml", HUGO_CONFIG)
        for name, text in HUGO_LAYOUTS.items():
            _put(root / "layouts" / name, text)
        titles = {slug: title for slug, title, _ in COUNTRIES} | dict(self.people)
        for kind, terms in (("countries", [c[0] for c in COUNTRIES]),
                            ("people", [p[0] for p in self.people]), ("topics", TOPICS)):
            for term in terms:
                _put(root / "content" / kind / term / "_index.md",
                     f"---\ntitle: \"{titles.get(term, term.capitalize())}\"\n---\n")
        for e in self.events:
            _put(root / "content" / "events" / f"{e['slug']}.md",
                 f"---\ntitle: \"{e['title']}\"\ndate: {e['date']}\n"
                 f"countries: [{', '.join(e['countries'])}]\npeople: [{', '.join(e['people'])}]\n"
                 f"topics: [{', '.join(e['topics'])}]\n---\n{e['body']}\n")


    def write_eleventy(self, root: Path) -> None:
        """An Eleventy 3 site making the same pages as write_hugo: Markdown
        events (not run through a template language first, as Hugo's
        aren't), Nunjucks layouts, and the term pages paginated over
        collections built in one pass in eleventy.config.cjs."""
        root.mkdir(parents=True, exist_ok=True)
        terms = {"countries": [{"slug": slug, "title": title} for slug, title, _ in COUNTRIES],
                 "people": [{"slug": slug, "title": title} for slug, title in self.people],
                 "topics": [{"slug": t, "title": t.capitalize()} for t in TOPICS]}
        terms["titles"] = {t["slug"]: t["title"] for kind in ("countries", "people", "topics") for t in terms[kind]}
        _put(root / "_data" / "terms.json", json.dumps(terms))
        for name, text in ELEVENTY_FILES.items():
            _put(root / name, text)
        for kind in ("countries", "people", "topics"):
            _put(root / f"{kind}.njk", ELEVENTY_INDEX.replace("KIND", kind))
            _put(root / f"{kind}-term.njk", ELEVENTY_TERM.replace("KIND", kind))
        for e in self.events:
            _put(root / "events" / f"{e['slug']}.md",
                 f"---\ntitle: \"{e['title']}\"\ndate: {e['date']}\n"
                 f"countries: [{', '.join(e['countries'])}]\npeople: [{', '.join(e['people'])}]\n"
                 f"topics: [{', '.join(e['topics'])}]\n---\n{e['body']}\n")

    def write_pelican(self, root: Path) -> None:
        """A Pelican site making the same pages as write_hugo: events are
        articles, people their authors, topics their tags; the countries,
        for which Pelican has no taxonomy, come from a small plugin."""
        root.mkdir(parents=True, exist_ok=True)
        countries = {slug: title for slug, title, _ in COUNTRIES}
        _put(root / "pelicanconf.py", PELICAN_CONFIG + f"COUNTRY_NAMES = {countries!r}\n")
        _put(root / "plugins" / "countries.py", PELICAN_PLUGIN)
        for name, text in PELICAN_TEMPLATES.items():
            _put(root / "theme" / "templates" / name, text)
        names = dict(self.people)
        for e in self.events:
            _put(root / "content" / "events" / f"{e['slug']}.md",
                 f"Title: {e['title']}\nDate: {e['date']}\nSlug: {e['slug']}\n"
                 f"Authors: {', '.join(names[p] for p in e['people'])}\n"
                 f"Tags: {', '.join(t.capitalize() for t in e['topics'])}\n"
                 f"Countries: {', '.join(e['countries'])}\n\n{e['body']}\n")


def _body(rng: random.Random, i: int) -> str:
    """About 150 words in three paragraphs, with emphasis and an external link."""
    paragraphs = []
    for p in range(3):
        words = [rng.choice(WORDS) for _ in range(50)]
        words[0] = words[0].capitalize()
        words[5] = f"*{words[5]}*"
        if p == 1:
            words[20] = f"**{words[20]}**"
            words[30] = f"[{words[30]} report](https://example.org/reports/{i})"
        paragraphs.append(" ".join(words) + ".")
    return "\n\n".join(paragraphs)


def _spelling_rules() -> str:
    """The real site's `spelling_rules`, as site.yml lines (JSON is YAML)."""
    rules = yaml.safe_load(SITE.read_text(encoding="utf-8")).get("spelling_rules", [])
    return "spelling_rules:\n" + "".join(f"  - {json.dumps(rule, ensure_ascii=False)}\n" for rule in rules)


def _put(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


HUGO_CONFIG = """\
baseURL = "https://example.org/bench/"
title = "Benchmark site"
disableKinds = ["rss", "sitemap", "robotsTXT", "404"]
[taxonomies]
  country = "countries"
  person = "people"
  topic = "topics"
"""

HUGO_LAYOUTS = {
    "baseof.html": """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title>
<link rel="stylesheet" href="{{ "static/site.css" | relURL }}"></head>
<body><header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav><ul>{{ range slice "countries" "people" "events" "topics" }}<li><a href="{{ printf "/%s/" . | relURL }}">{{ . }}</a></li>{{ end }}</ul></nav></header>
<main id="main">{{ block "main" . }}{{ end }}</main></body></html>
""",
    "single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<dl><dt>Date</dt><dd><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></dd>
<dt>Countries</dt><dd>{{ range $i, $t := .GetTerms "countries" }}{{ if $i }}, {{ end }}<a href="{{ $t.RelPermalink }}">{{ $t.LinkTitle }}</a>{{ end }}</dd></dl>
<div class="prose">{{ .Content }}</div>
<section><h2>People</h2><ul>{{ range .GetTerms "people" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></section>
<p>Topics: {{ range $i, $t := .GetTerms "topics" }}{{ if $i }}, {{ end }}<a href="{{ $t.RelPermalink }}">{{ $t.LinkTitle }}</a>{{ end }}</p>
</article>{{ end }}
""",
    "term.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<section><h2>Timeline</h2><ol>{{ range .Pages.ByDate.Reverse }}
<li><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time> <a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
</ol></section></article>{{ end }}
""",
    "list.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
""",
    "home.html": """{{ define "main" }}<h1>{{ site.Title }}</h1><ol>{{ range first 10 (where site.RegularPages "Section" "events").ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol>{{ end }}
""",
}

# Filler words per translation language, for write_translations.
FILLER = {
    "es": {"site": "Sitio de prueba", "map": "América Latina y el Caribe", "country": "País del corpus:",
           "topic": "Tema", "role": "Diplomático", "event": "Acontecimiento",
           "body": ("la delegación se reunió con funcionarios para tratar la cooperación en varios ámbitos y "
                    "acordó seguir conversando sobre comercio energía cultura y educación").split()},
    "pt": {"site": "Site de teste", "map": "América Latina e Caribe", "country": "País do corpus:",
           "topic": "Tema", "role": "Diplomata", "event": "Evento",
           "body": ("a delegação reuniu-se com autoridades para discutir a cooperação em várias áreas e "
                    "concordou em continuar as conversas sobre comércio energia cultura e educação").split()},
}

# Eleventy: the same pages and markup as HUGO_LAYOUTS.
ELEVENTY_FILES = {
    "eleventy.config.cjs": """\
const terms = require("./_data/terms.json");
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"];

module.exports = function (config) {
  config.addFilter("isoDate", (d) => d.toISOString().slice(0, 10));
  config.addFilter("longDate", (d) => `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`);
  const newest = (api) => api.getFilteredByTag("event").slice().reverse();
  config.addCollection("newest", newest);
  // One pass over the events per kind: each term's events, newest first
  // (people only with an event, as Pelican's authors and Hugo's terms).
  for (const kind of ["countries", "people", "topics"]) {
    config.addCollection(kind, (api) => {
      const events = new Map(terms[kind].map((t) => [t.slug, []]));
      for (const e of newest(api)) for (const slug of e.data[kind]) events.get(slug).push(e);
      return terms[kind].filter((t) => kind !== "people" || events.get(t.slug).length)
        .map((t) => ({ ...t, events: events.get(t.slug) }));
    });
  }
  return { markdownTemplateEngine: false, htmlTemplateEngine: "njk" };
};
""",
    "events/events.11tydata.json": '{"layout": "event.njk", "tags": ["event"]}\n',
    "_includes/base.njk": """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }} · Benchmark site</title>
<link rel="stylesheet" href="/static/site.css"></head>
<body><header><a href="/">Benchmark site</a>
<nav><ul>{% for s in ["countries", "people", "events", "topics"] %}<li><a href="/{{ s }}/">{{ s }}</a></li>{% endfor %}</ul></nav></header>
<main id="main">{{ content | safe }}</main></body></html>
""",
    "_includes/event.njk": """---
layout: base.njk
---
<article><h1>{{ title }}</h1>
<dl><dt>Date</dt><dd><time datetime="{{ page.date | isoDate }}">{{ page.date | longDate }}</time></dd>
<dt>Countries</dt><dd>{% for c in countries %}{% if not loop.first %}, {% endif %}<a href="/countries/{{ c }}/">{{ terms.titles[c] }}</a>{% endfor %}</dd></dl>
<div class="prose">{{ content | safe }}</div>
<section><h2>People</h2><ul>{% for p in people %}<li><a href="/people/{{ p }}/">{{ terms.titles[p] }}</a></li>{% endfor %}</ul></section>
<p>Topics: {% for t in topics %}{% if not loop.first %}, {% endif %}<a href="/topics/{{ t }}/">{{ terms.titles[t] }}</a>{% endfor %}</p>
</article>
""",
    "index.njk": """---
layout: base.njk
title: Benchmark site
---
<h1>Benchmark site</h1><ol>{% for e in collections.newest.slice(0, 10) %}<li><a href="{{ e.url }}">{{ e.data.title }}</a></li>{% endfor %}</ol>
""",
    "events.njk": """---
layout: base.njk
title: Events
permalink: /events/
---
<h1>Events</h1><ul>{% for e in collections.newest %}<li><a href="{{ e.url }}">{{ e.data.title }}</a></li>{% endfor %}</ul>
""",
}
ELEVENTY_INDEX = """---
layout: base.njk
title: KIND
permalink: /KIND/
---
<h1>KIND</h1><ul>{% for t in collections.KIND %}<li><a href="/KIND/{{ t.slug }}/">{{ t.title }}</a></li>{% endfor %}</ul>
"""
ELEVENTY_TERM = """---
layout: base.njk
pagination:
  data: collections.KIND
  size: 1
  alias: term
eleventyComputed:
  title: "{{ term.title }}"
permalink: "/KIND/{{ term.slug }}/"
---
<article><h1>{{ term.title }}</h1>
<section><h2>Timeline</h2><ol>{% for e in term.events %}
<li><time datetime="{{ e.date | isoDate }}">{{ e.date | longDate }}</time> <a href="{{ e.url }}">{{ e.data.title }}</a></li>{% endfor %}
</ol></section></article>
"""

# Pelican: the same pages and markup as HUGO_LAYOUTS. Pelican resolves the
# relative paths against this settings file's folder.
PELICAN_CONFIG = """\
SITENAME = "Benchmark site"
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"
THEME = "theme"
THEME_STATIC_PATHS = []
STATIC_PATHS = []
PAGE_PATHS = []
ARTICLE_PATHS = ["events"]
ARTICLE_URL, ARTICLE_SAVE_AS = "events/{slug}/", "events/{slug}/index.html"
AUTHOR_URL, AUTHOR_SAVE_AS = "people/{slug}/", "people/{slug}/index.html"
TAG_URL, TAG_SAVE_AS = "topics/{slug}/", "topics/{slug}/index.html"
AUTHORS_SAVE_AS, TAGS_SAVE_AS, ARCHIVES_SAVE_AS = "people/index.html", "topics/index.html", "events/index.html"
CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "tags", "authors", "archives"]
DEFAULT_PAGINATION = False
FEED_ALL_ATOM = CATEGORY_FEED_ATOM = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = TRANSLATION_FEED_ATOM = None
CACHE_CONTENT = LOAD_CONTENT_CACHE = False
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["countries"]
"""
PELICAN_PLUGIN = '''\
"""Country pages, which Pelican has no taxonomy for: one per country, listing
its events newest first (Pelican's article order), and their index."""
from pelican import signals


def write_countries(generator, writer):
    names = generator.settings["COUNTRY_NAMES"]
    events = {slug: [] for slug in names}
    for article in generator.articles:
        for slug in article.countries.split(","):
            events[slug.strip()].append(article)
    page = generator.get_template("country")
    for slug, title in names.items():
        writer.write_file(f"countries/{slug}/index.html", page, generator.context,
                          country=title, articles=events[slug])
    writer.write_file("countries/index.html", generator.get_template("countries"), generator.context)


def register():
    signals.article_writer_finalized.connect(write_countries)
'''
PELICAN_TERM = """{% extends "base.html" %}{% block title %}NAME{% endblock %}{% block main %}<article><h1>NAME</h1>
<section><h2>Timeline</h2><ol>{% for a in articles %}
<li><time datetime="{{ a.date.strftime('%Y-%m-%d') }}">{{ a.locale_date }}</time> <a href="/{{ a.url }}">{{ a.title }}</a></li>{% endfor %}
</ol></section></article>{% endblock %}
"""
PELICAN_TEMPLATES = {
    "base.html": """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{% block title %}{% endblock %} · {{ SITENAME }}</title>
<link rel="stylesheet" href="/static/site.css"></head>
<body><header><a href="/">{{ SITENAME }}</a>
<nav><ul>{% for s in ["countries", "people", "events", "topics"] %}<li><a href="/{{ s }}/">{{ s }}</a></li>{% endfor %}</ul></nav></header>
<main id="main">{% block main %}{% endblock %}</main></body></html>
""",
    "article.html": """{% extends "base.html" %}{% block title %}{{ article.title }}{% endblock %}{% block main %}<article><h1>{{ article.title }}</h1>
<dl><dt>Date</dt><dd><time datetime="{{ article.date.strftime('%Y-%m-%d') }}">{{ article.locale_date }}</time></dd>
<dt>Countries</dt><dd>{% for c in article.countries.split(", ") %}{% if not loop.first %}, {% endif %}<a href="/countries/{{ c }}/">{{ COUNTRY_NAMES[c] }}</a>{% endfor %}</dd></dl>
<div class="prose">{{ article.content }}</div>
<section><h2>People</h2><ul>{% for p in article.authors %}<li><a href="/{{ p.url }}">{{ p.name }}</a></li>{% endfor %}</ul></section>
<p>Topics: {% for t in article.tags %}{% if not loop.first %}, {% endif %}<a href="/{{ t.url }}">{{ t.name }}</a>{% endfor %}</p>
</article>{% endblock %}
""",
    "country.html": PELICAN_TERM.replace("NAME", "{{ country }}"),
    "author.html": PELICAN_TERM.replace("NAME", "{{ author.name }}"),
    "tag.html": PELICAN_TERM.replace("NAME", "{{ tag.name }}"),
    "index.html": """{% extends "base.html" %}{% block title %}{{ SITENAME }}{% endblock %}{% block main %}<h1>{{ SITENAME }}</h1><ol>{% for a in articles[:10] %}<li><a href="/{{ a.url }}">{{ a.title }}</a></li>{% endfor %}</ol>{% endblock %}
""",
    "archives.html": """{% extends "base.html" %}{% block title %}Events{% endblock %}{% block main %}<h1>Events</h1><ul>{% for a in articles %}<li><a href="/{{ a.url }}">{{ a.title }}</a></li>{% endfor %}</ul>{% endblock %}
""",
    "countries.html": """{% extends "base.html" %}{% block title %}countries{% endblock %}{% block main %}<h1>countries</h1><ul>{% for slug, name in COUNTRY_NAMES.items() %}<li><a href="/countries/{{ slug }}/">{{ name }}</a></li>{% endfor %}</ul>{% endblock %}
""",
    "authors.html": """{% extends "base.html" %}{% block title %}people{% endblock %}{% block main %}<h1>people</h1><ul>{% for author, articles in authors %}<li><a href="/{{ author.url }}">{{ author.name }}</a></li>{% endfor %}</ul>{% endblock %}
""",
    "tags.html": """{% extends "base.html" %}{% block title %}topics{% endblock %}{% block main %}<h1>topics</h1><ul>{% for tag, articles in tags %}<li><a href="/{{ tag.url }}">{{ tag.name }}</a></li>{% endfor %}</ul>{% endblock %}
""",
}
