"""The one place internal URLs are made, so a base path (GitHub Pages project
sites live under /repo/) applies to every link and asset alike.

A site in several languages has the default one at the root and each other
under /<code>/ (/es/countries/peru/): a Urls made for a language puts its
prefix on every page URL (and its feed), never on the files all languages
share (static/, pagefind/, the data downloads, the sitemap)."""
from __future__ import annotations


def normalize_base(base: str) -> str:
    """'/', 'sub', '/sub', '/sub/' -> '/' or '/sub/'."""
    base = "/" + (base or "").strip().strip("/")
    return base if base == "/" else base + "/"


def page_path(kind: str, slug: str) -> str:
    """Site-relative path of an entity page, without the base: 'people/x/'."""
    return f"{kind}/{slug}/"


def timeline_path(facet: str | None = None, value: str | None = None, part: str | None = None) -> str:
    """Site-relative path of the timeline or one of its pre-built filtered views:
    'timeline/', 'timeline/country/peru/', 'timeline/no-context/'; with `part`,
    one page of a timeline split into pages (paginate.py): 'timeline/2024/',
    'timeline/country/peru/2024/2/', 'timeline/undated/'."""
    path = "timeline/" if facet is None else f"timeline/{facet}/" + (f"{value}/" if value else "")
    return path + f"{part}/" if part else path


def index_path(kind: str, number: int = 1) -> str:
    """Site-relative path of an index, or of its page `number` when it is
    split into pages: 'people/', 'people/page/2/'."""
    return f"{kind}/" if number == 1 else f"{kind}/page/{number}/"


def output_file(path: str) -> str:
    """Where a site-relative path is written: 'people/x/' -> 'people/x/index.html'."""
    if path == "" or path.endswith("/"):
        return path + "index.html"
    return path


# Files each language has its own of, besides its pages ('' or '.../' or '*.html').
LOCALIZED_FILES = frozenset({"feed.xml", "search/names.json"})   # names.json: searchnames.py
SHARED_FOLDERS = ("static/", "pagefind/")


def language_prefix(lang: str, languages) -> str:
    """'' for the default language (the first), else 'es/'."""
    return "" if not languages or lang == languages[0] else f"{lang}/"


def is_localized(path: str) -> bool:
    """Whether each language has its own copy of this site-relative path."""
    if path.startswith(SHARED_FOLDERS):
        return False
    return path == "" or path.endswith(("/", ".html")) or path in LOCALIZED_FILES


class Urls:
    def __init__(self, base: str = "/", site_url: str = "", lang: str = "", languages=()):
        self.base = normalize_base(base)
        self.site_url = (site_url or "").rstrip("/")
        self.languages = tuple(languages)
        self.lang = lang or (self.languages[0] if self.languages else "")
        self.prefix = language_prefix(self.lang, self.languages)

    def __call__(self, path: str = "") -> str:
        """Base-aware URL of a site-relative path ('timeline/', 'static/site.css'),
        in this Urls' language."""
        path = path.lstrip("/")
        if self.prefix and is_localized(path):   # the usual case, one language, tests one attribute
            path = self.prefix + path
        return self.base + path

    def localize(self, path: str) -> str:
        """A site-relative path as this language has it: 'es/timeline/'."""
        return self.prefix + path if self.prefix and is_localized(path) else path

    def in_language(self, lang: str) -> "Urls":
        return Urls(self.base, self.site_url, lang, self.languages)

    def alternates(self, path: str = "") -> list[tuple[str, str]]:
        """(language, URL) of this page in every language, absolute when the
        site's address is known (as hreflang links should be)."""
        return [(lang, self.in_language(lang).absolute(path)) for lang in self.languages]

    def entity(self, entity) -> str:
        return self(page_path(entity.kind, entity.slug))

    @property
    def has_site_url(self) -> bool:
        """Whether absolute URLs can be made: feeds and sitemaps need them."""
        return bool(self.site_url)
    def timeline(self, facet: str | None = None, value: str | None = None) -> str:
        return self(timeline_path(facet, value))

    def absolute(self, path: str = "") -> str:
        """Absolute URL for sitemaps and canonical links (site_url already holds any sub-path)."""
        return f"{self.site_url}/{self.localize(path.lstrip('/'))}" if self.site_url else self(path)
