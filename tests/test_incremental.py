"""The live preview's rebuild path: after any edit its output must equal a
full build of the same content, byte for byte, and a content error must
leave the previous output in place."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bilateral.errors import ContentErrors
from bilateral.incremental import Incremental
from bilateral.pipeline import ROOT, Project, build
from bilateral.render import RenderError
from bilateral.validate import validate

from conftest import snapshot, write

# Most tests compare the preview with full builds: slow. The quick tier keeps
# a body edit (what the preview does on each save) and a title edit (which
# every page listing the event shows) compared with a full build, both
# without the search index.
slow = pytest.mark.slow


def full_build(content: Path, tmp_path: Path) -> dict[str, bytes]:
    out = tmp_path / "full"
    shutil.rmtree(out, ignore_errors=True)
    build(Project(content=content), out, "/az-latam/", jobs=1)
    return snapshot(out)


@pytest.fixture
def preview(site_dir, tmp_path):
    builder = Incremental(Project(content=site_dir), tmp_path / "preview", "/az-latam/", jobs=1)
    builder.build()
    return builder


def edit(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


EDITS = {
    "event body": ("events/lima-consultations.md", "The first round of consultations.",
                   "The *first* round of political consultations, in Lima."),
    "event body link": ("events/lima-consultations.md", "The first round of consultations.",
                        "Held during [[events/monterrey-lecture|the lecture tour]]."),
    "event title": ("events/lima-consultations.md", "title: First Azerbaijan–Peru political consultations",
                    "title: Azerbaijan–Peru consultations, first round"),
    "event date": ("events/second-karabakh-war.md", 'date: "2020"', 'date: "2026"'),
    "event countries": ("events/monterrey-lecture.md", "countries: [mexico, azerbaijan]",
                        "countries: [mexico, peru]"),
    "country title": ("countries/peru.md", "title: Peru", "title: Republic of Peru"),
    "country region": ("countries/mexico.md", "region: North America", "region: Central America"),
    "topic body": ("topics/tourism.md", "Tourism as an area of cooperation.", "Travel between the countries."),
    "source title": ("sources/talibov-op-ed.md", "title: ", "title: Renamed "),
}


@slow
@pytest.mark.parametrize("rel, old, new", EDITS.values(), ids=EDITS.keys())
def test_rebuild_after_an_edit_equals_a_full_build(preview, site_dir, tmp_path, rel, old, new):
    path = edit(site_dir / rel, old, new)
    report = preview.rebuild([path])
    assert report.written, "the edit changed nothing"
    assert snapshot(preview.out) == full_build(site_dir, tmp_path)


def test_a_title_edit_rebuilds_as_a_full_build_does(no_search_index, preview, site_dir, tmp_path):
    path = edit(site_dir / "events/lima-consultations.md", "title: First Azerbaijan–Peru political consultations",
                "title: Azerbaijan–Peru consultations, first round")
    report = preview.rebuild([path])
    assert report.rendered > 1 and "events/lima-consultations/" in report.written
    assert snapshot(preview.out) == full_build(site_dir, tmp_path)


def test_a_body_edit_renders_and_writes_only_its_page(no_search_index, preview, site_dir):
    before = snapshot(preview.out)
    path = edit(site_dir / "events/lima-consultations.md", "The first round", "The opening round")
    report = preview.rebuild([path])
    # The page itself, plus the site-wide files that carry bodies (feed summary,
    # data download) and the search index; no other page.
    assert report.rendered == 1 and report.deleted == []
    assert sorted(report.written) == ["data/graph.json", "events/lima-consultations/", "feed.xml"]
    after = snapshot(preview.out)
    changed = {k for k in after if after[k] != before.get(k)}
    assert {k for k in changed if not k.startswith("pagefind/")} == {
        "events/lima-consultations/index.html", "feed.xml", "data/graph.json"}


@slow
def test_reordering_citation_marks_in_a_body_renumbers_the_notes(preview, site_dir, tmp_path):
    # Notes are numbered in the order the body cites them, so a body-only edit
    # that reorders [cite:N] marks must renumber them as a full build does.
    path = edit(site_dir / "events/lima-consultations.md", "---\nThe first round of consultations.[cite:1]",
                "  - source: talibov-op-ed\n    quote: centered on key strategic themes\n---\n"
                "The first round of consultations.[cite:1] A lecture.[cite:2]")
    preview.rebuild([path])
    path = edit(path, "The first round of consultations.[cite:1] A lecture.[cite:2]",
                "A lecture.[cite:2] The first round of consultations.[cite:1]")
    preview.rebuild([path])
    page = (preview.out / "events/lima-consultations/index.html").read_text(encoding="utf-8")
    assert page.index("centered on key strategic themes") < page.index("the first round of political")
    assert snapshot(preview.out) == full_build(site_dir, tmp_path)


@slow
def test_adding_and_deleting_files(preview, site_dir, tmp_path):
    added = write(site_dir, "topics/energy.md", "---\ntitle: Energy\n---\nEnergy cooperation.\n")
    tagged = edit(site_dir / "events/monterrey-lecture.md", "people:", "topics: [energy]\npeople:")
    report = preview.rebuild([added, tagged])
    assert "topics/energy/" in report.written
    assert snapshot(preview.out) == full_build(site_dir, tmp_path)

    edit(tagged, "topics: [energy]\n", "")
    added.unlink()
    report = preview.rebuild([added, tagged])
    assert sorted(report.deleted) == ["timeline/topic/energy/", "topics/energy/"]
    assert not (preview.out / "topics" / "energy").exists()
    assert snapshot(preview.out) == full_build(site_dir, tmp_path)


# Edits of a body alone, which the preview checks without the checks across
# files (validate.validate_bodies), and edits of front matter that only those
# checks catch: either way, the errors a full load finds.
CHECKED_EDITS = {
    "a link to nobody": ("The first round of consultations.", "See [[people/nobody]]."),
    "a citation mark past the list": ("The first round of consultations.", "Cited.[cite:9]"),
    "a control character": ("The first round of consultations.", "Bell\x07."),
    "a kind that does not exist": ("The first round of consultations.", "See [[planets/mars]]."),
    "a good body": ("The first round of consultations.", "See [[people/elnur-mammadov]]."),
    "a redirect onto another event": ("kind: ", "redirect_from: [monterrey-lecture]\nkind: "),
    "a dispute id taken elsewhere": ("kind: ", "disputes:\n  - id: peru-example\n    topic: x\n"
                                              "    claims: []\nkind: "),
}


@pytest.mark.parametrize("old, new", CHECKED_EDITS.values(), ids=CHECKED_EDITS.keys())
def test_an_edit_finds_the_errors_a_full_load_finds(no_search_index, preview, site_dir, monkeypatch, old, new):
    from bilateral import incremental
    from conftest import errors_for

    whole = []
    monkeypatch.setattr(incremental, "validate", lambda *a: whole.append(1) or validate(*a))
    path = edit(site_dir / "events/lima-consultations.md", old, new)
    try:
        expected = errors_for(site_dir)
    except pytest.fail.Exception:   # errors_for: the content loads without error
        expected = []
    try:
        preview.rebuild([path])
        found = []
    except ContentErrors as caught:
        found = [str(e) for e in caught.errors]
    assert found == expected
    assert bool(whole) == old.startswith("kind")   # only a front-matter edit checks across files


@slow
def test_a_content_error_is_reported_and_the_previous_output_stays(preview, site_dir, tmp_path):
    before = snapshot(preview.out)
    path = edit(site_dir / "events/lima-consultations.md", "countries: [azerbaijan, peru]",
                "countries: [azerbaijan, perú]")
    with pytest.raises(ContentErrors) as caught:
        preview.rebuild([path])
    assert any("unknown country 'perú'" in str(e) and e.path.endswith("lima-consultations.md")
               for e in caught.value.errors)
    assert snapshot(preview.out) == before

    # Another file is saved while the error is still there: still an error.
    other = edit(site_dir / "topics/tourism.md", "Tourism as", "Tourism, as")
    with pytest.raises(ContentErrors):
        preview.rebuild([other])
    assert snapshot(preview.out) == before

    # Fixed, and the next change brings both edits in.
    edit(path, "perú", "peru")
    preview.rebuild([path])
    assert snapshot(preview.out) == full_build(site_dir, tmp_path)


@slow
def test_a_template_change_rerenders_every_page(site_dir, tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    project = Project(content=site_dir, templates=templates)
    builder = Incremental(project, tmp_path / "preview", jobs=1)
    builder.build()
    changed = edit(templates / "base.html", "<main id=\"main\"", "<main class=\"edited\" id=\"main\"")
    report = builder.rebuild([changed])
    pages = [p for p in report.written if not p.startswith("static/")]
    assert len(pages) == report.rendered > 10
    assert 'class="edited"' in (builder.out / "countries" / "peru" / "index.html").read_text()


@slow
def test_after_a_template_error_the_next_rebuild_catches_up(site_dir, tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    builder = Incremental(Project(content=site_dir, templates=templates), tmp_path / "preview",
                          "/az-latam/", jobs=1)
    builder.build()
    event = edit(templates / "event.html", "{{ page.title }}</h1>", "{{ page.nope }}</h1>")
    with pytest.raises(RenderError):
        builder.rebuild([event])
    title = edit(site_dir / "events/lima-consultations.md", "title: First", "title: The first")
    with pytest.raises(RenderError):
        builder.rebuild([title])
    edit(event, "page.nope", "page.title")
    builder.rebuild([event])
    expected = tmp_path / "expected"
    build(Project(content=site_dir, templates=templates), expected, "/az-latam/", jobs=1)
    assert snapshot(builder.out) == snapshot(expected)


@slow
def test_after_a_failed_render_the_next_body_edit_catches_up(site_dir, tmp_path):
    """The failed rebuild took in a new title that other pages show; the fix
    is a body-only edit, which alone would re-render just its own page."""
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    edit(templates / "event.html", "{{ page.title }}</h1>",
         "{{ page.title }}</h1>{% if 'BOOM' in page.body %}{{ page.nope }}{% endif %}")
    project = Project(content=site_dir, templates=templates)
    builder = Incremental(project, tmp_path / "preview", "/az-latam/", jobs=1)
    builder.build()
    path = edit(site_dir / "events/lima-consultations.md", "title: First", "title: The first")
    edit(path, "The first round of consultations.", "BOOM")
    with pytest.raises(RenderError):
        builder.rebuild([path])
    edit(path, "BOOM", "The first round of consultations.")
    builder.rebuild([path])
    expected = tmp_path / "expected"
    build(project, expected, "/az-latam/", jobs=1)
    assert snapshot(builder.out) == snapshot(expected)


@slow
def test_a_static_change_is_copied_and_a_removed_file_deleted(site_dir, tmp_path):
    static = tmp_path / "static"
    shutil.copytree(ROOT / "static", static)
    builder = Incremental(Project(content=site_dir, static=static), tmp_path / "preview", jobs=1)
    builder.build()
    extra = write(static, "extra.css", "p { margin: 0 }\n")
    report = builder.rebuild([extra])
    assert report.written == ["static/extra.css"] and report.rendered == 0
    extra.unlink()
    report = builder.rebuild([extra])
    assert report.deleted == ["static/extra.css"]
    assert not (builder.out / "static" / "extra.css").exists()


@slow
def test_site_wide_outputs_can_wait_for_finish(site_dir, tmp_path):
    builder = Incremental(Project(content=site_dir), tmp_path / "preview", "/az-latam/", jobs=1,
                          site_wide_later=True)
    builder.build()
    feed_before = (builder.out / "feed.xml").read_bytes()
    path = edit(site_dir / "events/lima-consultations.md", "title: First Azerbaijan–Peru political consultations",
                "title: Azerbaijan–Peru consultations, first round")
    report = builder.rebuild([path])
    assert "events/lima-consultations/" in report.written and "feed.xml" not in report.written
    assert (builder.out / "feed.xml").read_bytes() == feed_before
    assert "feed.xml" in builder.finish().written
    assert snapshot(builder.out) == full_build(site_dir, tmp_path)
    assert builder.finish().written == []  # nothing left to do
