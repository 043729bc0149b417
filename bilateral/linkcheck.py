"""Check a built site's internal links, assets and #fragments, offline.

Every href/src on every page must resolve to a file the build wrote (under the
base path the site was built for) and, with a #fragment, to an element id on
that page. External links are collected for a report, never fetched.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree

from .urls import normalize_base


@dataclass
class LinkReport:
    pages: int = 0
    links: int = 0
    broken: list[str] = field(default_factory=list)     # "page: href (why)"
    external: set[str] = field(default_factory=set)


# The attributes that name a URL: links and assets, and the file a script
# fetches (the search page's names, searchnames.py).
LINKING = ("href", "src", "data-names-url")


class _Page:
    """A page's element ids and the URLs it names, in order: the target of
    lxml's HTML parser (libxml2 parses in C, four times as fast as
    html.parser; this only collects)."""

    def __init__(self):
        self.ids: set[str] = set()
        self.refs: list[str] = []

    def start(self, tag, attrs):
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        for name in LINKING:
            if attrs.get(name) is not None and not (tag == "link" and attrs.get("rel") in ("canonical",)):
                self.refs.append(attrs[name])
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            target = attrs.get("content", "").partition("url=")[2]
            if target:
                self.refs.append(target)

    def end(self, tag):
        pass

    def close(self):
        return self


def _parse(path: Path) -> _Page:
    page = _Page()
    data = path.read_bytes()
    if data.strip():   # libxml2 refuses an empty document; it names nothing
        etree.fromstring(data, etree.HTMLParser(target=page, encoding="utf-8", no_network=True))
    return page


def check_links(root: Path, base: str = "/") -> LinkReport:
    root = Path(root)
    base = normalize_base(base)
    report = LinkReport()
    parsed: dict[Path, _Page] = {}

    def page_of(path: Path) -> _Page:
        if path not in parsed:
            parsed[path] = _parse(path)
        return parsed[path]

    # A link's verdict, by the link as written and, unless it starts from the
    # site's root, the page it is on: the menu's links, say, are on every page
    # and are checked once (at 4,000 events, 485,000 links to 12,000 targets).
    verdicts: dict = {}
    for html_file in sorted(root.rglob("*.html")):
        report.pages += 1
        rel = html_file.relative_to(root).as_posix()
        # 404.html is served for any missing path, so its links must be absolute.
        page_url = base + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        for ref in page_of(html_file).refs:
            report.links += 1
            key = ref if ref.startswith("/") and not ref.startswith("//") else (page_url, ref)
            if key not in verdicts:
                try:
                    verdicts[key] = _check(root, base, page_url, ref, page_of, report)
                except ValueError as exc:  # urlsplit refuses it (an unclosed '[' in a host)
                    verdicts[key] = f"malformed URL: {exc}"
            if verdicts[key]:
                report.broken.append(f"{rel}: {ref} ({verdicts[key]})")
    return report


def _check(root, base, page_url, ref, page_of, report) -> str | None:
    parts = urlsplit(ref)
    if parts.scheme in ("http", "https") or ref.startswith("//"):
        report.external.add(ref)
        return None
    if parts.scheme in ("mailto", "tel"):
        return None
    if parts.scheme:
        return f"unexpected scheme '{parts.scheme}'"
    target = urlsplit(urljoin(page_url, ref))
    path = unquote(target.path)
    if not path.startswith(base):
        return f"outside the base path {base}"
    local = root / path[len(base):]
    if path.endswith("/"):
        local = local / "index.html"
    try:
        if local.is_dir():
            return "a folder without index.html"
        if not local.is_file():
            return "no such file"
    except OSError as exc:  # a name the file system refuses (over 255 bytes, say)
        return f"no such file: {exc.strerror.lower() if exc.strerror else exc}"
    if target.fragment:
        if local.suffix != ".html":
            return "fragment on a non-HTML file"
        if unquote(target.fragment) not in page_of(local).ids:
            return f"no element with id '{target.fragment}'"
    return None

