"""Untrusted content stays inert: sanitized Markdown, escaped front matter,
a strict Content-Security-Policy on every page, and only web URLs in fields."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bilateral.markup import render_body, sanitize
from bilateral.pipeline import Project, build, load_graph
from bilateral.errors import ContentErrors
from bilateral.render import CONTENT_SECURITY_POLICY
from bilateral.syntax import forbidden_character

from conftest import FIXTURE, without_search_index, write
from inert import live_dangers, parse_text, scheme_is_dangerous

ATTACKS = {
    "script": "<script>alert(1)</script>",
    "onerror image": "<img src=x onerror=alert(1)>",
    "markdown javascript link": "[a](javascript:alert(1))",
    "mixed case": '<a href="JaVaScRiPt:alert(1)">b</a>',
    "mixed case markdown": "[c](JaVaScRiPt:alert(1))",
    "iframe": '<iframe src="https://example.org/"></iframe>',
    "entity encoded": '<a href="&#106;&#97;vascript:alert(1)">d</a>',
    "padded entities": '<a href="&#0000106&#0000097vascript:alert(1)">e</a>',
    "hex entity colon": '<a href="javascript&#x3A;alert(1)">f</a>',
    "named entity colon": '<a href="javascript&colon;alert(1)">g</a>',
    "newline in scheme": '<a href="java\nscript:alert(1)">h</a>',
    "encoded tab in scheme": '<a href="java&#x09;script:alert(1)">i</a>',
    "encoded CR in markdown": "[j](jav&#x0D;ascript:alert(1))",
    "leading control char": '<a href="\x01javascript:alert(1)">k</a>',
    "leading space": '<a href=" javascript:alert(1)">l</a>',
    "vbscript": '<a href="vbscript:msgbox(1)">m</a>',
    "data url": '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">n</a>',
    "data url in markdown image": "![o](data:image/svg+xml,<svg onload=alert(1)>)",
    "object": '<object data="x.swf"></object><embed src="x.swf">',
    "style element": "<style>body { display: none }</style>",
    "style attribute": '<p style="background: url(javascript:alert(1))">p</p>',
    "svg onload": "<svg onload=alert(1)><circle/></svg>",
    "event handler on allowed tag": '<b onclick="alert(1)" onmouseover=alert(1)>q</b>',
    "form": '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">r</button></form>',
    "base": '<base href="https://example.org/">',
    "meta refresh": '<meta http-equiv="refresh" content="0; url=javascript:alert(1)">',
    "comment trick": "<!--><script>alert(1)</script>-->",
    "unclosed attribute": '<a href="https://example.org/" title="x><script>alert(1)</script>">s</a>',
    "id clash": '<a id="main" href="#main">t</a>',
}


def render(markdown: str) -> str:
    return render_body(markdown, lambda path: "/" + path, lambda n: n)


@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
def test_each_attack_is_made_inert(attack):
    html = render(f"Before.\n\n{attack}\n\nAfter.")
    assert live_dangers(html) == []
    assert 'id="main"' not in html
    assert "Before." in html and "After." in html


def test_the_inertness_check_itself_sees_each_danger():
    """The checker the tests rely on must catch what it claims to."""
    for raw in ["<script>x</script>", '<img src=x onerror="y">', '<a href="JaVa&#x09;ScRiPt:x">',
                '<a href="&#x20;data:text/html,x">', "<iframe></iframe>", '<p style="color: red">',
                '<script src="https://example.org/x.js"></script>']:
        assert live_dangers(raw), raw
    assert live_dangers('<script src="/static/site.js"></script>') == []
    assert live_dangers('<script type="application/ld+json">{"name": "a\\u003c/script>"}</script>') == []
    assert live_dangers('<script type="application/ld+json">{"name": "</script><b>"}</script>')
    assert not scheme_is_dangerous("https://example.org/javascript:x")


@pytest.mark.parametrize("link", [
    '<a href="https://example.org/">x</a>',
    '<a title="t" href="https://example.org/">x</a>',
    '<a href="HTTPS://EXAMPLE.ORG/">x</a>',
    '<a href="//example.org/">x</a>',
    '<a rel="opener" href="http://example.org/">x</a>',
    "[x](https://example.org/ \"title first in output\")",
])
def test_external_links_get_noopener_noreferrer_whatever_their_form(link):
    html = render(link)
    rels = [value for tag, name, value in parse_text(html).attrs if tag == "a" and name == "rel"]
    assert rels == ["noopener noreferrer"], html


def test_wiki_links_and_citation_marks_survive_sanitizing():
    html = render_body("See [[countries/peru|Peru]].[cite:1]", lambda p: "/sub/" + p, lambda n: 3)
    assert '<a href="/sub/countries/peru/"' in html
    assert '<sup class="cite"><a href="#note-3"' in html


def test_editor_classes_ids_and_styles_are_dropped():
    html = sanitize('<table><tr><td align="left" style="color: red">c</td></tr></table>'
                    '<sup class="cite evil" id="x">1</sup><a class="cite" href="/">a</a>')
    attributes = {(tag, name): value for tag, name, value in parse_text(html).attrs}
    assert attributes == {("sup", "class"): "cite", ("a", "href"): "/", ("a", "rel"): "noopener noreferrer"}
    assert "<td>c</td>" in html   # the cell stays, without its attributes


# --- whole builds ----------------------------------------------------------------

HOSTILE = "<img src=x onerror=alert(1)> \" onmouseover=\"x"
HOSTILE_YAML = "'" + HOSTILE + "'"   # single-quoted YAML keeps the double quotes as they are

# One page per kind, each given a hostile title, summary and alias.
HOSTILE_PAGES = ["countries/peru", "people/felix-denegri", "events/lima-consultations",
                 "organizations/azerbaijan-mfa", "topics/tourism", "sources/talibov-op-ed"]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    content = root / "content"
    shutil.copytree(FIXTURE, content)
    for rel in HOSTILE_PAGES:
        path = content / f"{rel}.md"
        text = re.sub(r"^(summary|aliases): .*\n", "", path.read_text(encoding="utf-8"), flags=re.M)
        text = re.sub(r"^title: .*$", f"title: {HOSTILE_YAML}\nsummary: {HOSTILE_YAML}\n"
                                      f"aliases: [{HOSTILE_YAML}]", text, count=1, flags=re.M)
        path.write_text(text, encoding="utf-8")
    event = content / "events" / "lima-consultations.md"
    text = event.read_text(encoding="utf-8").replace(  # shown as text and in <abbr title="...">
        "place: Lima", f"place: {HOSTILE_YAML}\ndate_inferred: {HOSTILE_YAML}")
    # `check` refuses a body with a control character before anything renders
    # (test_validate), so that attack is tried on the renderer alone, above.
    built = [attack for attack in ATTACKS.values() if forbidden_character(attack) is None]
    assert len(built) == len(ATTACKS) - 1
    body = "\n\n".join(["Attacks follow.", *built, "End of attacks."])
    event.write_text(text + "\n" + body + "\n", encoding="utf-8")
    site = content / "site.yml"
    site.write_text(re.sub(r"^(title|description): .*$", lambda m: f"{m.group(1)}: {HOSTILE_YAML}",
                           site.read_text(), flags=re.M))
    out = root / "site"
    with without_search_index():   # its pages are what is checked
        build(Project(content=content), out, "/")
    return out


def pages(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(out.rglob("*.html"))}


def test_event_body_with_attacks_builds_into_an_inert_page(hostile_site):
    html = (hostile_site / "events" / "lima-consultations" / "index.html").read_text()
    assert "Attacks follow." in html and "End of attacks." in html
    assert live_dangers(html) == []


def test_hostile_front_matter_is_inert_on_every_page(hostile_site):
    built = pages(hostile_site)
    assert len(built) > 20
    for rel, html in built.items():
        assert live_dangers(html) == [], rel


@pytest.mark.parametrize("rel", HOSTILE_PAGES)
def test_hostile_front_matter_is_shown_as_text(hostile_site, rel):
    parsed = parse_text((hostile_site / rel / "index.html").read_text(encoding="utf-8"))
    assert "".join(parsed.texts["h1"]) == HOSTILE          # as text in the body
    assert HOSTILE in "".join(parsed.texts["title"])       # and in <title>
    descriptions = [v for tag, name, v in parsed.attrs if tag == "meta" and name == "content"]
    assert HOSTILE in descriptions                          # and inside an attribute, intact


def test_every_page_carries_the_content_security_policy(hostile_site):
    for rel, html in pages(hostile_site).items():
        policies = [v for tag, name, v in parse_text(html).attrs
                    if tag == "meta" and name == "content" and v == CONTENT_SECURITY_POLICY]
        assert len(policies) == 1, rel
        head = html.split("</head>")[0]
        assert head.index("Content-Security-Policy") < head.index("<title>"), rel


def test_policy_allows_only_the_sites_own_files():
    policy = dict(part.split(" ", 1) for part in CONTENT_SECURITY_POLICY.split("; "))
    assert policy["default-src"] == policy["script-src"] == policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY and "unsafe-eval" not in CONTENT_SECURITY_POLICY


# --- fields that become links or ids ------------------------------------------------

@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\\tscript:alert(1)",
                                 "data:text/html,x", "//example.org/x", "/local/path", "ftp://example.org/",
                                 "https://", "http://[::1"])
def test_source_url_must_be_a_web_address(site_dir, url):
    path = site_dir / "sources" / "talibov-op-ed.md"
    path.write_text(path.read_text().replace("language: en", f'language: en\nurl: "{url}"'))
    with pytest.raises(ContentErrors) as caught:
        load_graph(site_dir)
    [error] = caught.value.errors
    assert error.path.endswith("talibov-op-ed.md") and error.line == 7
    assert "must be a full http:// or https:// address" in error.message


def test_a_web_source_url_passes(site_dir):
    path = site_dir / "sources" / "talibov-op-ed.md"
    path.write_text(path.read_text().replace("language: en", "language: en\nurl: https://example.org/a?b=c"))
    assert load_graph(site_dir).get("sources", "talibov-op-ed").url == "https://example.org/a?b=c"


def test_figure_and_dispute_ids_must_be_slugs(site_dir):
    table = site_dir / "figures" / "trade.yml"
    table.write_text(table.read_text().replace("id: peru-relations-years", 'id: "x\\" onclick=\\"y"'))
    with pytest.raises(ContentErrors) as caught:
        load_graph(site_dir)
    assert [e.line for e in caught.value.errors] == [2]
    assert "figure id 'x\" onclick=\"y' is not a valid slug" in caught.value.errors[0].message


def test_symlinked_content_file_is_refused(site_dir, tmp_path):
    secret = write(tmp_path, "secret.md", "---\ntitle: Leak\n---\n")
    (site_dir / "topics" / "leak.md").symlink_to(secret)
    with pytest.raises(ContentErrors) as caught:
        load_graph(site_dir)
    [error] = caught.value.errors
    assert error.path.endswith("topics/leak.md") and "symbolic links are not allowed" in error.message


def test_autoescaping_is_on_for_every_template(tmp_path):
    from bilateral.render import make_environment
    from bilateral.urls import Urls

    env = make_environment(Project().templates, load_graph(FIXTURE), Urls("/"))
    names = sorted(p.name for p in Project().templates.glob("*"))
    assert names and all(env.autoescape(name) for name in names + ["new.xml", "feed.txt", None])
    assert env.from_string("{{ x }}").render(x='<a href="x">') == "&lt;a href=&#34;x&#34;&gt;"


def test_templates_hold_no_inline_script_style_or_handler():
    """The CSP forbids them; this names the template rather than the page."""
    for template in sorted(Project().templates.glob("*.html")):
        source = template.read_text(encoding="utf-8")
        assert not re.search(r"<style\b|\sstyle\s*=|\son[a-z]+\s*=", source, re.I), template.name
        for attrs in re.findall(r"<script\b([^>]*)>", source, re.I):
            assert "src=" in attrs or "application/ld+json" in attrs, template.name
