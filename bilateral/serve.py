"""`build.py serve`: preview the site locally, rebuilt and reloaded on every change.

The site is built into a temporary folder and served on 127.0.0.1. A watcher
(watchfiles) rebuilds on any change to content, templates or static files;
every rebuild goes through `rebuild()`, which uses the engine's incremental
path (incremental.py): only the pages an edit can change are rendered again.
Served HTML pages get a small script (livereload.js, shipped with the engine,
never written into the site) that polls /__build_id and reloads the page when
it changes. While the content has errors, every page is an error page listing
them, and the terminal shows them as `check` does; fixing them restores the site.
The feed, downloads and search index, which take time in proportion to the
whole site, follow each rebuild in a thread of their own (`finish_site_wide`),
so neither the edited page nor the next edit waits for them; the search keeps
its last index until the new one is complete (search.index_site).

Only the local browser may read the preview: a request naming another host
(a page elsewhere whose domain was made to resolve to 127.0.0.1, "DNS
rebinding") is refused, redirects stay on the preview's own origin, and
error pages name files relative to the project, not by their local paths.
"""
from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from markupsafe import escape
from watchfiles import watch

from .errors import ContentErrors
from .incremental import Incremental
from .pipeline import ROOT, Project

HOST = "127.0.0.1"
BUILD_ID_PATH = "/__build_id"
SCRIPT_PATH = "/__livereload.js"
SCRIPT = Path(__file__).with_name("livereload.js")
# The page carries the id of the build it came from, so a rebuild that lands
# while it loads is not missed.
SCRIPT_TAG = '<script src="' + SCRIPT_PATH + '" data-build="{}" defer></script>'
# Longer paths than any page's are answered 414, before they reach the file
# system (a file name is at most 255 bytes there).
MAX_PATH_BYTES = 2048
MAX_SEGMENT_BYTES = 255


@dataclass
class State:
    """What the server shows: the latest build's id and its errors, if any."""
    builder: Incremental
    build_id: int = 0
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    site_wide_due: threading.Event = field(default_factory=threading.Event)

    @property
    def out(self) -> Path:
        return self.builder.out


def rebuild(state: State, changes: set | None = None) -> None:
    """Bring state.out up to date and record the outcome: a full build first,
    then, for `changes` (watchfiles' set of (change, path)), an incremental one."""
    started = time.perf_counter()
    with state.lock:  # requests wait rather than read a half-written site
        try:
            if changes is None:
                report = state.builder.build()
            else:
                report = state.builder.rebuild(sorted({path for _, path in changes}))
            state.errors = []
        except ContentErrors as exc:
            state.errors = [str(e) for e in exc.errors]
        except Exception as exc:  # a template bug, say: show it, keep serving
            state.errors = [f"{type(exc).__name__}: {exc}"]
        state.build_id += 1
    if state.errors:
        for line in state.errors:
            print(line, file=sys.stderr)
        n = len(state.errors)
        print(f"{n} problem{'s' if n != 1 else ''} found; the browser shows them until fixed",
              file=sys.stderr, flush=True)
    else:
        print(f"rendered {report.rendered} pages, wrote {len(report.written)} files "
              f"in {time.perf_counter() - started:.2f}s", flush=True)
        state.site_wide_due.set()   # for finish_site_wide


def finish_site_wide(state: State, stop: threading.Event) -> None:
    """In a thread of its own: after each rebuild, bring the feed and
    downloads up to date (under the lock, as they use the builder's state),
    then the search index (outside it: it reads only the written site), so
    that pages are served and rebuilt meanwhile."""
    while not stop.is_set():
        if not state.site_wide_due.wait(timeout=0.2):
            continue
        state.site_wide_due.clear()
        try:
            with state.lock:
                state.builder.update_site_wide()
            state.builder.index()
        except Exception as exc:  # a failed index must not stop the preview
            if not stop.is_set():
                print(f"search index or downloads not updated: {type(exc).__name__}: {exc}",
                      file=sys.stderr, flush=True)


def serve(project: Project, port: int = 8000) -> int:
    if threading.current_thread() is threading.main_thread():
        # `kill`, a closed terminal or a process manager stops the preview as
        # Ctrl-C does, so its copy of the site in the temporary folder goes too
        signal.signal(signal.SIGTERM, _interrupt)
    workdir = Path(tempfile.mkdtemp(prefix="bilateral-serve-"))
    state = State(builder=Incremental(project, workdir / "site", "/", site_wide_later=True))
    stop = threading.Event()
    server = watcher = finisher = None
    try:
        rebuild(state)
        try:
            server = ThreadingHTTPServer((HOST, port), _handler(state))
        except OSError as exc:
            print(f"build.py serve: cannot listen on {HOST}:{port}: {exc.strerror}", file=sys.stderr)
            return 2
        watcher = threading.Thread(target=_watch, args=(project, state, stop), daemon=True)
        watcher.start()
        finisher = threading.Thread(target=finish_site_wide, args=(state, stop), daemon=True)
        finisher.start()
        print(f"serving http://{HOST}:{server.server_port}/ (Ctrl-C to stop)", flush=True)
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        print("stopped", flush=True)
    finally:
        stop.set()
        if server is not None:
            server.server_close()
        for thread in (watcher, finisher):
            if thread is not None:
                thread.join(timeout=2)
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _watch(project: Project, state: State, stop: threading.Event) -> None:
    folders = [p for p in (project.content, project.templates, project.static) if Path(p).is_dir()]
    # debounce: a save that writes several files gives one rebuild, well within 2 s.
    for changes in watch(*folders, stop_event=stop, debounce=300, raise_interrupt=False):
        rebuild(state, changes)


def inject_script(html: bytes, build_id: int) -> bytes:
    """Add the reload script before </body> (or at the end)."""
    tag = SCRIPT_TAG.format(build_id).encode()
    at = html.lower().rfind(b"</body>")
    return html + tag if at < 0 else html[:at] + tag + html[at:]


def error_page(errors: list[str], build_id: int) -> bytes:
    items = "".join(f"<li><code>{escape(e)}</code></li>" for e in errors)
    n = len(errors)
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{n} content problem{'s' if n != 1 else ''}</title></head><body>"
            f"<h1>The site has {n} content problem{'s' if n != 1 else ''}</h1>"
            "<p>Fix these, save, and this page reloads into the site "
            "(<code>python build.py check</code> lists the same).</p>"
            f"<ul>{items}</ul>{SCRIPT_TAG.format(build_id)}</body></html>").encode("utf-8")


def without_local_paths(message: str, folders: dict[Path, str]) -> str:
    """`message` with each of `folders` ({local folder: shown name}) named by
    its shown name: the browser sees content/events/x.md, not where the
    project lies on this machine."""
    spelled = {}
    for folder, name in folders.items():
        for form in (str(Path(folder)), str(Path(folder).absolute()), str(Path(folder).resolve())):
            if Path(form).is_absolute() and form != os.sep:
                spelled.setdefault(form, name)
    for form in sorted(spelled, key=len, reverse=True):  # the deepest first
        message = message.replace(form, spelled[form])
    return message


def shown_folders(state: State) -> dict[Path, str]:
    """The local folders an error may name, and how the browser sees each."""
    project = state.builder.project
    folders = {Path(project.content): Path(project.content).name, Path(project.templates): "templates",
               Path(project.static): "static", state.out: "site", ROOT: ".", Path.cwd(): "."}
    return folders   # the source texts live in the content folder


def site_path(decoded: str) -> str:
    """A request's decoded path as a path on this site: one leading slash,
    '.' and '..' resolved, so it can lead nowhere else (a redirect to
    '//evil.example/' would send the browser to another host)."""
    parts: list[str] = []
    for segment in decoded.split("/"):
        if segment == "..":
            if parts:
                parts.pop()
        elif segment not in ("", "."):
            parts.append(segment)
    return "/" + "/".join(parts)


def allowed_hosts(port: int) -> set[str]:
    """What a browser sends as Host for this preview, and nothing else."""
    names = {"127.0.0.1", "localhost"}
    return {f"{name}:{port}" for name in names} | (names if port == 80 else set())


def _handler(state: State):
    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(state.out), **kwargs)

        def do_GET(self):
            self._respond(body=True)

        def do_HEAD(self):
            self._respond(body=False)

        def _respond(self, body: bool) -> None:
            host = self.headers.get("Host")
            if host is not None and host.lower() not in allowed_hosts(self.server.server_address[1]):
                return self._send(400, "text/plain", b"unknown host: open the address "
                                  b"build.py serve printed\n", body)
            raw = urlsplit(self.path).path
            path = unquote(raw)
            if len(raw.encode()) > MAX_PATH_BYTES or any(
                    len(segment.encode()) > MAX_SEGMENT_BYTES for segment in path.split("/")):
                return self._send(414, "text/plain", b"path too long\n", body)
            if path == BUILD_ID_PATH:
                return self._send(200, "text/plain", str(state.build_id).encode(), body)
            if path == SCRIPT_PATH:
                return self._send(200, "text/javascript", SCRIPT.read_bytes(), body)
            with state.lock:
                if state.errors:
                    folders = shown_folders(state)
                    shown = [without_local_paths(e, folders) for e in state.errors]
                    return self._send(500, "text/html", error_page(shown, state.build_id), body)
                local = Path(self.translate_path(raw))  # it decodes the path itself
                try:
                    if local.is_dir() and not path.endswith("/"):
                        return self._redirect(quote(site_path(path).rstrip("/") + "/"))
                    if local.is_dir():
                        local = local / "index.html"
                    status = 200
                    if not local.is_file():
                        status, local = 404, state.out / "404.html"
                except OSError:  # a name the file system refuses: no such page
                    status, local = 404, state.out / "404.html"
                data, build_id = local.read_bytes(), state.build_id
            kind = self.guess_type(str(local))
            if kind == "text/html":
                data = inject_script(data, build_id)
            self._send(status, kind, data, body)

        def _send(self, status: int, kind: str, data: bytes, body: bool) -> None:
            self.send_response(status)
            charset = "; charset=utf-8" if kind.startswith("text/") or kind.endswith("javascript") else ""
            self.send_header("Content-Type", kind + charset)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if body:
                self.wfile.write(data)

        def _redirect(self, location: str) -> None:
            self.send_response(301)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format, *args):  # the terminal is for content errors
            pass

    return Handler
