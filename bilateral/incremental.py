"""Rebuild a built site after edits: the live preview's build path.

`Incremental` keeps what the last build made: the documents, the graph and
the text of every file written. Given the paths that changed it

1. re-reads only the files edited in place; a new or deleted file, a
   figures table or site.yml re-reads the content folder;
2. validates the changed files, and the references across all files;
3. re-renders only the pages the change can show on:
   - an edit to a body alone: that entity's own page (the graph stays);
   - any other edit: the pages of each changed entity and of its neighbours
     (whatever it links to or is linked from, in the old graph and the new),
     the pages of the neighbours of whatever refers to it (they show its
     name beside the entity they list), and the site-wide pages;
   - a template, figures table or site.yml change: every page;
4. writes only files whose bytes changed, each replaced atomically, and
   deletes files no longer made;
5. brings the site-wide outputs (feed, downloads, search index) up to date,
   at once or, for the live preview (`site_wide_later`), in `finish()`, once
   the edited page can be served. The preview runs finish()'s two halves
   apart: `update_site_wide()` (the feed and downloads) and `index()` (the
   search index), which reads only the written site and so can run while
   the next edit's pages are rebuilt and served.

A content error raises ContentErrors and leaves the output and the state
as they were; the paths that failed are tried again with the next change.
A failure while rendering or writing (a template error, say) marks the
output stale, and the next rebuild renders every page.

    preview = Incremental(Project(), Path("site"), base_url="/")
    preview.build()
    ...                                   # then, on each poll:
    if changed := preview.changes():
        report = preview.rebuild(changed)   # .written, .deleted, .rendered
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ContentError, ContentErrors
from .graph import Entity, Graph, build_graph, wiki_targets
from .load import Content, Document, _read_markdown, load_content
from .parallel import render_pages
from .pipeline import FINALIZERS, Project, extra_outputs, few_collections, load_checked, publish
from .render import TEMPLATES, MemoryBytecodeCache, Page, make_environment, plan_pages
from .urls import Urls
from .validate import CITE_MARK, validate
from .write import as_bytes, fingerprint, inside_path

Key = tuple  # (kind, slug)


@dataclass
class Report:
    rendered: int = 0                              # pages rendered
    written: list = field(default_factory=list)    # site paths whose file changed
    deleted: list = field(default_factory=list)    # site paths whose file was removed


class Incremental:
    def __init__(self, project: Project, out: Path, base_url: str = "/", jobs: int | None = None,
                 site_wide_later: bool = False):
        """`site_wide_later`: a rebuild brings pages up to date and leaves the
        site-wide outputs (feed, data downloads, search index), which take time
        in proportion to the whole site, to `finish()`; the live preview calls
        it once the edited page is served."""
        self.project = project
        self.site_wide_later = site_wide_later
        self._unfinished = False      # site-wide outputs lag the pages
        self._unindexed = False       # the search index lags the pages
        self.out = Path(out)
        self.base_url = base_url
        self.jobs = jobs
        self.content: Content | None = None
        self.graph: Graph | None = None
        self.files: dict[str, bytes] = {}    # site path -> fingerprint of what was written
        self._env = None
        self._retry: set[Path] = set()       # changes not applied yet: they had errors
        self._stale = False                  # a rebuild failed after taking in its changes
        self._snapshot: dict[Path, tuple] = {}
        self._compiled = MemoryBytecodeCache()
        self._pending_docs: dict[Key, Document] = {}   # the re-read documents of a rebuild
        self._checked: dict = {}                        # validate()'s findings per document
        self._extra_paths: set[str] = set()             # files made by EXTRA_OUTPUTS

    # --- whole builds ------------------------------------------------------------
    def build(self) -> Report:
        """A full build, as `build.py build` makes it, remembered for rebuilds."""
        with few_collections():
            content = load_checked(self.project.content, self._checked)
            graph = build_graph(content)
            env = self._environment(graph)
            self.files = publish(graph, self.project, self.out, self.base_url, self.jobs, env)
        self.content, self.graph, self._env = content, graph, env
        self._retry, self._stale = set(), False
        # publish() returns the pages and the extra outputs; the extras are the rest
        self._extra_paths = self.files.keys() - {page.path for page in plan_pages(graph)}
        self._snapshot = self._scan()
        return Report(len(self.files), sorted(self.files), [])

    def _urls(self, graph: Graph) -> Urls:
        return Urls(self.base_url, graph.site.get("site_url", ""))

    def _environment(self, graph: Graph):
        """Templates see the graph through globals that may be derived from it,
        so each graph gets its own environment; compiled code is kept."""
        return make_environment(self.project.templates, graph, self._urls(graph), self._compiled)

    # --- rebuilds ------------------------------------------------------------------
    def changes(self) -> list[Path]:
        """Files under content/, templates/ and static/ that were added, edited or
        deleted since the last call (or build), for a preview that polls."""
        now = self._scan()
        changed = [p for p in now.keys() | self._snapshot.keys() if now.get(p) != self._snapshot.get(p)]
        self._snapshot = now
        return sorted(changed)

    def rebuild(self, changed) -> Report:
        """Bring the output up to date with the changed paths."""
        if self.graph is None:
            return self.build()
        with few_collections():
            return self._rebuild({Path(p).resolve() for p in changed} | self._retry)

    def _rebuild(self, changed: set[Path]) -> Report:
        in_content = [p for p in changed if _under(p, self.project.content)]
        templates_changed = any(_under(p, self.project.templates) for p in changed)
        static_changed = any(_under(p, self.project.static) for p in changed)
        try:
            content, keys, everything = self._reload(in_content)
        except ContentErrors:
            self._retry = changed
            raise
        self._retry = set()
        everything = everything or templates_changed or self._stale

        old_graph = self.graph
        if keys and not everything and self._body_only(keys):
            graph, pages = old_graph, self._apply_bodies(keys)
        else:
            graph = build_graph(content) if in_content else old_graph
            if graph is not old_graph or templates_changed:
                self._env = self._environment(graph)
            pages = plan_pages(graph)
            if not everything:
                wanted = self._affected(old_graph, graph, keys)
                pages = [p for p in pages if "page" not in p.context
                         or _key(p.context["page"]) in wanted]
        self.content, self.graph = content, graph

        # Should rendering or writing fail now (a template error, a full disk),
        # the output lags the state: the next rebuild then renders every page.
        self._stale = True
        rendered = render_pages(self._env, pages, self.jobs) if (keys or everything) else {}
        report = self._write(rendered, graph, same_pages=graph is old_graph)
        self._stale = False
        report.rendered = len(rendered)
        if static_changed:
            self._sync_static(report)
        if report.written or report.deleted:
            self._unfinished = True
            if not self.site_wide_later:
                self.finish(report)
        return report

    def finish(self, report: Report | None = None) -> Report:
        """Bring the site-wide outputs up to date with the pages: the extra
        outputs (written where they changed) and the finalizers (the search index)."""
        report = self.update_site_wide(report)
        self.index()
        return report

    def update_site_wide(self, report: Report | None = None) -> Report:
        """The extra outputs (feed, downloads), written where they changed."""
        report = report or Report()
        if self._unfinished and self.graph is not None:
            extras = extra_outputs(self.graph, self._urls(self.graph))
            for path in sorted(self._extra_paths - extras.keys()):
                self._delete(path, report)
            self._extra_paths = set(extras)
            self._write_changed(extras, report)
            self._unfinished = False
            self._unindexed = True
        return report

    def index(self) -> None:
        """Run the finalizers (the search index) on the written site, if a
        rebuild changed it since. They read only the files in the output,
        each replaced whole, so this may run while another rebuild writes."""
        if self._unindexed:
            self._unindexed = False   # first: a rebuild meanwhile asks for another run
            for step in FINALIZERS:
                step(self.out, self.base_url)

    # --- loading ---------------------------------------------------------------------
    def _reload(self, paths: list[Path]):
        """(content, keys of changed entities, whether every page may change)."""
        old = self.content
        if not paths:
            return old, set(), False
        before = {(d.kind, d.slug): d for d in old.documents}
        errors: list[ContentError] = []
        root = Path(self.project.content).resolve()
        edited_in_place = all(p.is_file() and p.suffix == ".md" and p.parent.parent == root
                              and (p.parent.name, p.stem) in before for p in paths)
        if edited_in_place:
            docs = dict(before)  # same order as loaded, which the graph keeps
            for p in paths:
                doc = _read_markdown(p, p.parent.name, errors)
                if doc is not None:
                    docs[(doc.kind, doc.slug)] = doc
            content = Content(old.root, old.site, list(docs.values()), old.tables)
        else:
            content = load_content(root, errors)
        errors += validate(content, self._checked) if not errors else []
        if errors:
            raise ContentErrors(errors)
        after = {(d.kind, d.slug): d for d in content.documents}
        keys = {k for k in before.keys() | after.keys()
                if k not in before or k not in after or not _same(before[k], after[k])}
        self._pending_docs = {k: after[k] for k in keys if k in after}
        everything = not edited_in_place and (
            _meta(old.site) != _meta(content.site)
            or [(t.slug, t.meta) for t in old.tables] != [(t.slug, t.meta) for t in content.tables])
        return content, keys, everything

    # --- what to render ----------------------------------------------------------------
    def _body_only(self, keys: set) -> bool:
        """Whether only bodies changed, with the same links and the same order
        of citation marks (which numbers the notes): then no other page can."""
        for key in keys:
            entity, new = self.graph.lookup.get(key), self._pending_docs.get(key)
            if entity is None or new is None or entity.doc.meta != new.meta \
                    or set(wiki_targets(entity.body)) != set(wiki_targets(new.body)) \
                    or CITE_MARK.findall(entity.body) != CITE_MARK.findall(new.body):
                return False
        return True

    def _apply_bodies(self, keys: set) -> list:
        pages = []
        for key in keys:
            entity = self.graph.lookup[key]
            entity.doc, entity.body = self._pending_docs[key], self._pending_docs[key].body
            pages.append(Page(entity.path, TEMPLATES[entity.kind], {"page": entity}))
        return pages

    def _affected(self, old: Graph, new: Graph, keys: set) -> set:
        wanted = set(keys)
        for graph in (old, new):
            for key in keys:
                entity = graph.lookup.get(key)
                if entity is None:
                    continue
                wanted |= {_key(e) for e in neighbours(entity, graph)}
                for referrer in entity.mentioned_in:
                    wanted |= {_key(e) for e in neighbours(referrer, graph)}
        return wanted

    # --- writing ---------------------------------------------------------------------
    def _write(self, rendered: dict[str, str], graph: Graph, same_pages: bool) -> Report:
        """Write what differs from the last output; delete what is no longer made.
        Extra outputs (feeds, downloads) are finish()'s."""
        report = Report()
        pages = self.files.keys() - self._extra_paths if same_pages else \
            {page.path for page in plan_pages(graph)}
        self._write_changed(rendered, report)
        for path in sorted(self.files.keys() - pages - self._extra_paths):
            self._delete(path, report)
        return report

    def _write_changed(self, files: dict, report: Report) -> None:
        for path, text in files.items():
            data = as_bytes(text)
            mark = fingerprint(data)
            if self.files.get(path) != mark:
                _replace(self.out / inside_path(path), data)
                self.files[path] = mark
                report.written.append(path)

    def _delete(self, path: str, report: Report) -> None:
        target = self.out / inside_path(path)
        target.unlink(missing_ok=True)
        _remove_empty_folders(target.parent, self.out)
        del self.files[path]
        report.deleted.append(path)

    def _sync_static(self, report: Report) -> None:
        source, target = Path(self.project.static), self.out / "static"
        wanted = {p.relative_to(source) for p in source.rglob("*") if p.is_file()} if source.is_dir() else set()
        present = {p.relative_to(target) for p in target.rglob("*") if p.is_file()} if target.is_dir() else set()
        for rel in sorted(wanted):
            data = (source / rel).read_bytes()
            if rel not in present or (target / rel).read_bytes() != data:
                _replace(target / rel, data)
                report.written.append(f"static/{rel.as_posix()}")
        for rel in sorted(present - wanted):
            (target / rel).unlink()
            report.deleted.append(f"static/{rel.as_posix()}")

    def _scan(self) -> dict[Path, tuple]:
        found = {}
        for folder in (self.project.content, self.project.templates, self.project.static):
            folder = Path(folder).resolve()
            if folder.is_dir():
                for path in folder.rglob("*"):
                    if path.is_file():
                        stat = path.stat()
                        found[path] = (stat.st_mtime_ns, stat.st_size)
        return found


def neighbours(entity: Entity, graph: Graph) -> set:
    """The entities whose pages show this one or whom this one's page shows:
    what it refers to (fields, prose links, cited sources) and what refers
    to it."""
    found = set(entity.data.get("_refs", ()))
    found |= {graph.lookup[k] for k in wiki_targets(entity.body) if k in graph.lookup}
    found |= {c.source for c in entity.notes}
    found |= set(entity.mentioned_in) | set(entity.cited_by) | set(entity.children)
    return found


def _key(entity: Entity) -> Key:
    return (entity.kind, entity.slug)


def _same(a: Document, b: Document) -> bool:
    return a is b or (a.meta == b.meta and a.body == b.body)


def _meta(doc: Document | None):
    return doc.meta if doc is not None else None


def _under(path: Path, folder: Path) -> bool:
    return Path(folder).resolve() in path.parents


def _replace(target: Path, data: bytes) -> None:
    """Write a file so a reader sees the old bytes or the new, never half."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".new-", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _remove_empty_folders(folder: Path, root: Path) -> None:
    root = root.resolve()
    folder = folder.resolve()
    while folder != root and root in folder.parents and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
