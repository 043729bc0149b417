"""Rebuild a built site after edits: the live preview's build path.

`Incremental` keeps what the last build made: the documents, the graph, the
page plan and a fingerprint of every file written. Given the paths that
changed it

1. re-reads only the files edited in place; a new or deleted file, a
   figures table or site.yml re-reads the content folder;
2. validates the changed files, and the references across all files;
3. names what changed as the plan's dependency tokens (plan.py): an
   entity's front matter, its body, the figure tables;
4. re-renders exactly the pages whose tokens the edit touches, in the old
   plan or the new one, and the pages the new plan adds; a template or
   site.yml change re-renders every page. When only bodies changed and the
   graph derives nothing new from them (graph.patch_body), the graph and the
   plan stay and only those bodies are replaced;
5. writes only files whose bytes changed, each replaced atomically, and
   deletes files no longer made;
6. brings the site-wide outputs (feed, downloads, search index) up to date,
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
    report = preview.rebuild(changed_paths)   # .written, .deleted, .rendered
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import ContentError, ContentErrors
from .graph import Graph, body_facts, build_graph, can_patch_body, patch_body
from .load import Content, Document, _read_markdown, load_content
from .parallel import render_pages
from .languages import build_graphs, plan_languages, site_languages
from .pipeline import FINALIZERS, Project, environments, extra_outputs, few_collections, load_checked, publish
from .plan import FIGURES, Plan, plan_site
from .render import MemoryBytecodeCache, make_environment
from .urls import Urls
from .validate import validate, validate_bodies
from .write import as_bytes, fingerprint, inside_path, replace_atomically

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
        self.plan: Plan | None = None
        self.files: dict[str, bytes] = {}    # site path -> fingerprint of what was written
        self._env = None
        self._retry: set[Path] = set()       # changes not applied yet: they had errors
        self._stale = False                  # a rebuild failed after taking in its changes
        self._compiled = MemoryBytecodeCache()
        self._checked: dict = {}                        # validate()'s findings per document
        self._extra_paths: set[str] = set()             # files made by EXTRA_OUTPUTS

    # --- whole builds ------------------------------------------------------------
    def build(self) -> Report:
        """A full build, as `build.py build` makes it, remembered for rebuilds."""
        with few_collections():
            content = load_checked(self.project.content, self._checked)
            plan = plan_languages(build_graphs(content)).derive()   # kept between edits
            graph = plan.graph
            env = self._environment(plan)
            self.files = publish(graph, self.project, self.out, self.base_url, self.jobs, env, plan)
        self.content, self.graph, self.plan, self._env = content, graph, plan, env
        self._retry, self._stale = set(), False
        # publish() returns the pages and the extra outputs; the extras are the rest
        self._extra_paths = self.files.keys() - set(plan.paths)
        return Report(len(self.files), sorted(self.files), [])

    def _urls(self, plan: Plan) -> Urls:
        return Urls(self.base_url, plan.graph.site.get("site_url", ""), languages=list(plan.graphs))

    def _environment(self, plan: Plan):
        """Each graph gets its own environment (its link and row caches hold
        the graph's entities); compiled template code is kept."""
        return environments(self.project.templates, plan, self._urls(plan), self._compiled)

    # --- rebuilds ------------------------------------------------------------------
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
            content, docs, base, tokens, everything = self._reload(in_content)
        except ContentErrors:
            self._retry = changed
            raise
        self._retry = set()
        everything = everything or templates_changed or self._stale

        old_plan = self.plan
        # a page is touched by the tokens of its language: an original's edit
        # reaches every language, a translation's only its own (_reload)
        changed = any(tokens.values())
        if base and changed and not everything and len(old_plan.graphs) <= 1 and self._patch_bodies(docs, base):
            graph, plan = self.graph, old_plan
            pages = plan.touched(tokens)
        else:
            plan = plan_languages(build_graphs(content)).derive() if changed or everything else old_plan
            graph = plan.graph
            if graph is not self.graph or templates_changed:
                self._env = self._environment(plan)
            if everything:
                pages = plan.pages
            else:
                before = {p.path for p in old_plan.touched(tokens)}
                known = set(old_plan.paths)
                hit = {id(p) for p in plan.touched(tokens)}
                pages = [p for p in plan.pages if p.path in before or p.path not in known or id(p) in hit]
        self.content, self.graph, self.plan = content, graph, plan

        # Should rendering or writing fail now (a template error, a full disk),
        # the output lags the state: the next rebuild then renders every page.
        self._stale = True
        rendered = render_pages(self._env, pages, self.jobs) if pages else {}
        report = self._write(rendered, plan)
        self._stale = False
        report.rendered = len(rendered)
        if static_changed:
            self._sync_static(report)
        if report.written or report.deleted:
            self._unfinished = True
            if not self.site_wide_later:
                self.finish(report)
        return report

    def _patch_bodies(self, docs: dict, tokens: set) -> bool:
        """Replace the edited bodies in the graph, when only bodies changed
        and the graph derives nothing new from them; else change nothing."""
        if any(t[0] != "body" for t in tokens):
            return False
        pairs = [(self.graph.lookup.get(key), docs.get(key)) for key in {t[1:] for t in tokens}]
        if not all(entity is not None and doc is not None and can_patch_body(entity, doc)
                   for entity, doc in pairs):
            return False
        for entity, doc in pairs:
            patch_body(entity, doc)
        return True

    def finish(self, report: Report | None = None) -> Report:
        """Bring the site-wide outputs up to date with the pages: the extra
        outputs (written where they changed) and the finalizers (the search index)."""
        report = self.update_site_wide(report)
        self.index()
        return report

    def update_site_wide(self, report: Report | None = None) -> Report:
        """The extra outputs (feed, downloads), written where they changed."""
        report = report or Report()
        if self._unfinished and self.plan is not None:
            extras = extra_outputs(self.plan, self._urls(self.plan))
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
        """(content, {key: document} of the changed entities, the changed
        tokens of originals, {language: the tokens its pages may be touched
        by}, whether every page may change)."""
        old = self.content
        if not paths:
            return old, {}, set(), {}, False
        before = {(d.kind, d.slug): d for d in old.documents}
        errors: list[ContentError] = []
        root = Path(self.project.content).resolve()
        edited_in_place = all(p.is_file() and p.suffix == ".md" and p.parent.parent == root
                              and (p.parent.name, p.stem) in before for p in paths)
        if edited_in_place:
            docs = dict(before)  # same order as loaded, which the graph keeps
            edited = {(p.parent.name, p.stem) for p in paths}
            for p in paths:
                doc = _read_markdown(p, p.parent.name, errors)
                if doc is not None:
                    docs[(doc.kind, doc.slug)] = doc
                    edited.add((doc.kind, doc.slug))
            content = Content(old.root, old.site, list(docs.values()), old.tables, old.translations)
        else:
            content = load_content(root, errors)
        if errors:
            raise ContentErrors(errors)
        bodies = [(before[key], docs[key]) for key in edited] if edited_in_place else []
        if bodies and all(a.path == b.path and a.meta == b.meta for a, b in bodies):
            errors = validate_bodies(content, bodies, self._checked)   # self.content validated clean
        else:
            errors = validate(content, self._checked)
        if errors:
            raise ContentErrors(errors)
        if edited_in_place:   # only the edited documents can differ (5,000 comparisons saved)
            after, keys = docs, edited
        else:
            after = {(d.kind, d.slug): d for d in content.documents}
            keys = before.keys() | after.keys()
        tokens = set()
        for key in keys:
            old_doc, new_doc = before.get(key), after.get(key)
            if old_doc is new_doc:
                continue
            if old_doc is None or new_doc is None:
                tokens |= {key, ("body", *key)}
                continue
            if old_doc.body != new_doc.body:
                tokens.add(("body", *key))
                if body_facts(old_doc.body) != body_facts(new_doc.body):
                    tokens.add(key)  # what the graph derives from a body counts as front matter
            if old_doc.meta != new_doc.meta:
                tokens.add(key)
        if [(t.slug, t.meta) for t in old.tables] != [(t.slug, t.meta) for t in content.tables]:
            tokens.add(FIGURES)
        everything = _meta(old.site) != _meta(content.site)
        changed_docs = {t[-2:]: after[t[-2:]] for t in tokens if t != FIGURES and t[-2:] in after}
        by_lang = {lang: set(tokens) for lang in site_languages(_meta(content.site))}
        for lang, kind, slug in _changed_translations(old, content):
            if kind == "site":
                everything = True
            elif kind == "figures":
                by_lang.setdefault(lang, set()).add(FIGURES)
            else:
                by_lang.setdefault(lang, set()).update({(kind, slug), ("body", kind, slug)})
        return content, changed_docs, tokens, by_lang, everything

    # --- writing ---------------------------------------------------------------------
    def _write(self, rendered: dict[str, str], plan: Plan) -> Report:
        """Write what differs from the last output; delete what is no longer made.
        Extra outputs (feeds, downloads) are finish()'s."""
        report = Report()
        pages = set(plan.paths)
        self._write_changed(rendered, report)
        for path in sorted(self.files.keys() - pages - self._extra_paths):
            self._delete(path, report)
        return report

    def _write_changed(self, files: dict, report: Report) -> None:
        for path, text in files.items():
            data = as_bytes(text)
            mark = fingerprint(data)
            if self.files.get(path) != mark:
                replace_atomically(self.out / inside_path(path), data)
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
                replace_atomically(target / rel, data)
                report.written.append(f"static/{rel.as_posix()}")
        for rel in sorted(present - wanted):
            (target / rel).unlink()
            report.deleted.append(f"static/{rel.as_posix()}")


def _changed_translations(old: Content, new: Content) -> set[tuple]:
    """(language, kind, slug) of each translation added, removed or edited."""
    before = {(d.lang, d.kind, d.slug): (d.meta, d.body) for d in old.translations}
    after = {(d.lang, d.kind, d.slug): (d.meta, d.body) for d in new.translations}
    return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}


def _meta(doc: Document | None):
    return doc.meta if doc is not None else None


def _under(path: Path, folder: Path) -> bool:
    return Path(folder).resolve() in path.parents


def _remove_empty_folders(folder: Path, root: Path) -> None:
    root = root.resolve()
    folder = folder.resolve()
    while folder != root and root in folder.parents and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
