"""A synthetic, seeded corpus for benchmarks: the same events written as this
project's content and as a Hugo site that makes the same pages.

The text is filler made from a fixed word list; it is benchmark data, never
site content.
"""
from __future__ import annotations

import random
from pathlib import Path

# The real site's map shapes, which the corpus's site.yml uses too.
MAP = Path(__file__).resolve().parent.parent / "content" / "maps" / "latin-america-caribbean.json"

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

    def write_content(self, root: Path) -> None:
        """This project's content format (docs/content-model.md)."""
        root.mkdir(parents=True, exist_ok=True)
        _put(root / "site.yml", "title: Benchmark site\ndescription: A synthetic corpus.\n"
                                "site_url: https://example.org/bench\nlanguage: en\nhub: azerbaijan\n"
                                "map:\n  title: Latin America and the Caribbean\n"
                                f"  shapes: maps/{MAP.name}\n  countries: [{', '.join(iso for _, _, iso in COUNTRIES)}]\n"
                                "  extent: {west: -118, east: -33, north: 33, south: -56}\n  insets: [AZ]\n")
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
