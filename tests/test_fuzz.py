"""Property tests: whatever file an editor adds or breaks, loading, validating,
building the graph and rendering either work or raise the project's own
ContentErrors; no other exception ever escapes."""
from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from bilateral.errors import ContentErrors
from bilateral.model import FIGURE, KINDS, SITE, Date, ListOf, OneOrList, Struct
from bilateral import pipeline
from bilateral.pipeline import Project, load_graph, publish
from bilateral.plan import plan_site
from bilateral.render import make_environment, render_page
from bilateral.urls import Urls

from conftest import FIXTURE
from inert import live_dangers

pytestmark = pytest.mark.slow

FUZZ = settings(max_examples=200, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow])
FOLDERS = sorted(KINDS) + ["figures"]
EXISTING = sorted(p.relative_to(FIXTURE).as_posix() for p in FIXTURE.rglob("*") if p.is_file())
SLUGS = sorted({p.stem for p in FIXTURE.rglob("*.md")} | {"peru-example", "peru-relations-years"})


@pytest.fixture(scope="module")
def content():
    """One private copy of the fixture, restored after every example. The
    search indexer is left out of its builds: it reads only what the pages
    already are, and would take most of each example's time."""
    root = Path(tempfile.mkdtemp(prefix="fuzz-")) / "content"
    shutil.copytree(FIXTURE, root)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "FINALIZERS", [])
        yield root
    shutil.rmtree(root.parent)


def survives(root: Path, rel: str, data: bytes) -> None:
    """Put data at rel, run every stage through writing the site, then restore rel."""
    path = root / rel
    original = path.read_bytes() if path.exists() else None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    try:
        graph = load_graph(root)
        publish(graph, Project(content=root), root.parent / "site", jobs=1)
    except ContentErrors as exc:
        assert exc.errors, "ContentErrors raised without any error"
        for error in exc.errors:
            assert error.path and error.line >= 1 and error.message
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


new_file = st.tuples(st.sampled_from(FOLDERS), st.sampled_from(["fuzz", "peru", "tourism"])).map(
    lambda fs: f"{fs[0]}/{fs[1]}.{'yml' if fs[0] == 'figures' else 'md'}")
any_file = st.one_of(new_file, st.sampled_from(EXISTING))


@FUZZ
@given(rel=any_file, data=st.binary(max_size=400))
def test_arbitrary_bytes(content, rel, data):
    survives(content, rel, data)


@FUZZ
@given(rel=any_file, text=st.text(max_size=400))
def test_arbitrary_text(content, rel, text):
    survives(content, rel, text.encode("utf-8", errors="surrogatepass"))


@FUZZ
@given(rel=st.sampled_from(EXISTING), data=st.data())
def test_existing_file_with_one_line_replaced_or_inserted(content, rel, data):
    lines = (FIXTURE / rel).read_text(encoding="utf-8").split("\n")
    at = data.draw(st.integers(0, len(lines)), label="line")
    junk = data.draw(st.one_of(
        st.text(max_size=60),
        st.sampled_from(["---", "- ", "  - x", ":", "key: [", "'", "|", ">-", "? x", "&a", "*a", "!!python/object:x",
                         "title:", "date: 2025-13-45", "[[people/x]]", "[cite:0]", "[cite:999]", "<script>",
                         "\t", "\ufeff", "---\n---"])), label="junk")
    replace = data.draw(st.booleans(), label="replace")
    lines[at:at + replace] = [junk]
    survives(content, rel, "\n".join(lines).encode("utf-8", errors="surrogatepass"))


# --- well-formed YAML with values of every shape in every field ----------------

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
    st.dates(min_value=dt.date(1, 1, 1)), st.sampled_from(SLUGS),
    st.sampled_from(["2025", "2025-09", "2025-09-03", "2025-13-45", "2024/2023", "2025-02-30/2025",
                     "0000", "0001", "9999", "9999-12", "9999-12-31", "0001-01/9999-12", "2025/",
                     "https://example.org/", "http://[::1", "javascript:x", "PE", "xx", "", " ",
                     "a b", "-", "../x", "UPPER", "peru-example"]),
    st.text(max_size=30),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3),
    st.dictionaries(st.sampled_from(["source", "quote", "id", "text", "cite", "person", "title",
                                     "summary", "claims", "direction", "status", "x"]), inner, max_size=4),
), max_leaves=12)


def field_names(kind: str) -> list[str]:
    fields = {"figures": {"figures": None}, "site": SITE}.get(kind) or KINDS[kind]
    names = set(fields)
    for spec in fields.values():
        inner = getattr(spec, "type", None)
        while isinstance(inner, (ListOf, OneOrList)):
            inner = inner.item
        if isinstance(inner, Struct):
            names |= set(inner.fields)
    return sorted(names | ({"figures"} if kind == "figures" else set()) | set(FIGURE.fields))


@st.composite
def front_matter_file(draw):
    kind = draw(st.sampled_from(FOLDERS + ["site"]))
    meta = draw(st.dictionaries(st.sampled_from(field_names(kind)), values, max_size=8))
    try:
        dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:
        dumped = "{}"
    if kind == "site":
        return "site.yml", dumped
    name = draw(st.sampled_from(["fuzz", "peru", "tourism", "lima-consultations"]))
    if kind == "figures":
        return f"figures/{name}.yml", dumped
    body = draw(st.one_of(st.text(max_size=80), st.sampled_from(
        ["[[countries/peru]]", "[[people/nobody|x]]", "[[nokind/x]]", "[cite:1]", "[cite:2]",
         "[[countries/peru|a]b]]", "<a href=javascript:x>x</a>"])))
    return f"{kind}/{name}.md", f"---\n{dumped}---\n{body}\n"


@FUZZ
@given(file=front_matter_file())
def test_well_formed_yaml_with_any_values(content, file):
    rel, text = file
    survives(content, rel, text.encode("utf-8", errors="surrogatepass"))


# --- a valid file with one value, anywhere in its front matter, replaced ----------

def _date_fields(fields: dict, found: set) -> set:
    for name, spec in fields.items():
        inner = spec.type
        while isinstance(inner, (ListOf, OneOrList)):
            inner = inner.item
        if isinstance(inner, Date):
            found.add(name)
        elif isinstance(inner, Struct):
            _date_fields(inner.fields, found)
    return found


DATE_FIELDS = _date_fields({k: v for spec in [*KINDS.values(), FIGURE.fields] for k, v in spec.items()}, set())


@st.composite
def date_text(draw):
    """Date-shaped strings at and past the calendar's edges (Hypothesis favours 0 and 9999)."""
    def point():
        parts = [f"{draw(st.integers(0, 9999)):04d}"]
        for top in (13, 32):
            if not draw(st.booleans()):
                break
            parts.append(f"{draw(st.integers(0, top)):02d}")
        return "-".join(parts)
    return point() + (f"/{point()}" if draw(st.booleans()) else "")


MARKDOWN = sorted(p.relative_to(FIXTURE).as_posix() for p in FIXTURE.rglob("*.md"))


def split_front_matter(rel: str) -> tuple[dict, str]:
    _, meta, body = (FIXTURE / rel).read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(meta), body


def paths_in(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths_in(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from paths_in(item, path + (i,))


@FUZZ
@given(rel=st.sampled_from(MARKDOWN), data=st.data())
def test_valid_file_with_one_value_replaced(content, rel, data):
    meta, body = split_front_matter(rel)
    path = data.draw(st.sampled_from([p for p in paths_in(meta) if p]), label="path")
    typed = date_text() if path[-1] in DATE_FIELDS else scalars
    new = data.draw(st.one_of(typed, values), label="value")
    holder = meta
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = new
    try:
        dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:
        return
    survives(content, rel, f"---\n{dumped}---\n{body}".encode("utf-8", errors="surrogatepass"))


DATED = [(rel, path) for rel in MARKDOWN for path in paths_in(split_front_matter(rel)[0])
         if path and path[-1] in DATE_FIELDS]


@settings(FUZZ, max_examples=100)  # most of these build and render the whole site
@given(where=st.sampled_from(DATED), date=date_text())
def test_any_date_in_any_date_field(content, where, date):
    rel, path = where
    meta, body = split_front_matter(rel)
    holder = meta
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = date
    dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    survives(content, rel, f"---\n{dumped}---\n{body}".encode("utf-8"))


# --- any body: Markdown and HTML pieces in any order render inert -----------------

BODY_PIECES = ["<", ">", "</", "/>", '"', "'", "=", "&", "#", ";", ":", "/", " ", "\n", "\n\n", "\t", "[", "]",
               "(", ")", "!", "*", "`", "-", "|", "x", "a", "href", "src", "script", "javascript", "JaVaScRiPt",
               "vbscript", "data", "on", "onerror", "onclick", "style", "iframe", "img", "svg", "object",
               "&#106;", "&#x6A;", "&#58;", "&colon;", "&#x09;", "&#10;", "\x00", "\x01", "<!--", "-->",
               "[[countries/peru]]", "[cite:1]", "<a href=", "](", "http://", "//", "<![CDATA[", "]]>"]


@FUZZ
@given(body=st.lists(st.sampled_from(BODY_PIECES), max_size=60).map("".join))
def test_any_body_builds_an_inert_page(content, body):
    rel = "events/lima-consultations.md"
    head = (FIXTURE / rel).read_text(encoding="utf-8").split("---\n", 2)[1]
    path = content / rel
    original = path.read_bytes()
    path.write_text(f"---\n{head}---\n{body}\n", encoding="utf-8")
    try:
        graph = load_graph(content)
    except ContentErrors:
        return  # e.g. a [[link]] or [cite:N] the body got wrong: located, not a crash
    finally:
        path.write_bytes(original)
    env = make_environment(Project().templates, graph, Urls("/"))
    [page] = [p for p in plan_site(graph).pages if p.path == "events/lima-consultations/"]
    assert live_dangers(render_page(env, page)) == []
