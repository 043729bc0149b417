"""`build.py serve`: answers on its port, rebuilds on edits, shows errors, stops cleanly."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from bilateral.pipeline import Project, build
from bilateral.serve import SCRIPT_PATH, error_page, inject_script

from conftest import FIXTURE, ROOT

pytestmark = pytest.mark.slow

EVENT = "events/lima-consultations.md"
OLD_TITLE = "First Azerbaijan–Peru political consultations"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def wait_for(url: str, predicate, timeout: float) -> tuple[float, int, str]:
    """Poll url until predicate(status, text); return (seconds taken, status, text)."""
    started = time.monotonic()
    status, text = None, ""
    while time.monotonic() - started < timeout:
        try:
            status, text = fetch(url)
            if predicate(status, text):
                return time.monotonic() - started, status, text
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} did not get there in {timeout}s: last {status} {text[:300]}")


@pytest.fixture
def server(site_dir, tmp_path):
    port = free_port()
    temp = tmp_path / "temp"   # where the preview keeps its copy of the site
    temp.mkdir()
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port),
                             "--content", str(site_dir)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "TMPDIR": str(temp)})
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/", lambda status, _: status == 200, timeout=30)
        yield base, site_dir, proc
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()


def test_stopping_the_preview_removes_its_copy_of_the_site(server, tmp_path):
    base, site_dir, proc = server
    temp = tmp_path / "temp"   # the fixture's TMPDIR
    assert [p.name[:16] for p in temp.iterdir()] == ["bilateral-serve-"]
    proc.terminate()   # as `kill` or a process manager would stop it
    out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err
    assert "stopped" in out and "Traceback" not in err
    assert list(temp.iterdir()) == []


def test_serve_rebuilds_on_edit_shows_errors_and_recovers(server):
    base, site_dir, proc = server
    page = base + "/events/lima-consultations/"
    status, html = fetch(page)
    assert status == 200 and OLD_TITLE in html and SCRIPT_PATH in html
    first_build = fetch(base + "/__build_id")[1]

    event = site_dir / EVENT
    original = event.read_text()
    event.write_text(original.replace(OLD_TITLE, "Lima consultations, retitled"))
    took, _, _ = wait_for(page, lambda s, t: "Lima consultations, retitled" in t, timeout=5)
    assert took < 5
    assert fetch(base + "/__build_id")[1] != first_build  # what the page script polls

    event.write_text(original.replace("countries: [azerbaijan, peru]", 'countries: [azerbaijan, "<b>atlantis"]'))
    _, status, text = wait_for(base + "/countries/peru/", lambda s, t: s == 500, timeout=5)
    assert "lima-consultations.md:6: unknown country &#39;&lt;b&gt;atlantis&#39;" in text
    assert "<b>atlantis" not in text
    assert SCRIPT_PATH in text  # so the page reloads itself once fixed

    event.write_text(original)
    wait_for(page, lambda s, t: s == 200 and OLD_TITLE in t, timeout=5)
    assert proc.poll() is None

    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert "lima-consultations.md:6: unknown country '<b>atlantis'" in err  # shown in the terminal
    assert "serving http://127.0.0.1:" in out


def test_serve_answers_missing_pages_with_the_404_page_and_redirects_folders(server):
    base, _, _ = server
    status, text = fetch(base + "/no/such/page/")
    assert status == 404 and "<html" in text and SCRIPT_PATH in text
    request = urllib.request.Request(base + "/countries/peru", method="HEAD")

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.build_opener(NoRedirect).open(request, timeout=5)
    assert caught.value.code == 301 and caught.value.headers["Location"] == "/countries/peru/"


def test_busy_port_is_a_clear_usage_error(site_dir):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port),
                                 "--content", str(site_dir)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and f"cannot listen on 127.0.0.1:{port}" in result.stderr


def test_the_built_site_has_no_reload_script(tmp_path):
    build(Project(content=FIXTURE), tmp_path / "site", "/")
    for path in (tmp_path / "site").rglob("*"):
        if path.is_file():
            assert b"livereload" not in path.read_bytes() and b"__build_id" not in path.read_bytes(), path
            assert "livereload" not in path.name


def test_script_goes_before_the_closing_body_tag():
    assert inject_script(b"<html><body><p>x</p></body></html>", 7) == (
        b'<html><body><p>x</p><script src="/__livereload.js" data-build="7" defer></script></body></html>')
    assert inject_script(b"<p>x</p>", 1).endswith(b'data-build="1" defer></script>')


def test_error_page_escapes_every_error():
    html = error_page(["a.md:1: unknown country '<script>'", "b.md:2: x & y"], 3).decode()
    assert "&lt;script&gt;" in html and "x &amp; y" in html and "<script>'" not in html
    assert "2 content problems" in html


def test_edits_are_rebuilt_and_served_while_the_search_index_is_rewritten(site_dir, tmp_path, monkeypatch):
    import threading

    from bilateral import incremental, pipeline, serve
    from bilateral.incremental import Incremental

    monkeypatch.setattr(pipeline, "FINALIZERS", [])            # the first, full build: no index
    indexing, release = threading.Event(), threading.Event()

    def slow_index(out, base_url):                             # stands in for Pagefind
        indexing.set()
        release.wait(30)

    monkeypatch.setattr(incremental, "FINALIZERS", [slow_index])
    state = serve.State(builder=Incremental(Project(content=site_dir), tmp_path / "site", "/",
                                            site_wide_later=True))
    serve.rebuild(state)
    stop = threading.Event()
    finisher = threading.Thread(target=serve.finish_site_wide, args=(state, stop), daemon=True)
    finisher.start()
    event, page = site_dir / EVENT, tmp_path / "site" / "events" / "lima-consultations" / "index.html"
    original = event.read_text()
    try:
        event.write_text(original.replace(OLD_TITLE, "First edit"))
        serve.rebuild(state, {(1, str(event))})
        assert indexing.wait(10)                               # the index is being rewritten...
        event.write_text(original.replace(OLD_TITLE, "Second edit"))
        second = threading.Thread(target=serve.rebuild, args=(state, {(1, str(event))}))
        second.start()
        second.join(10)
        assert not second.is_alive()                           # ...and the next edit did not wait
        assert "Second edit" in page.read_text() and not state.errors
        assert state.lock.acquire(timeout=5)                   # nor do requests
        state.lock.release()
    finally:
        release.set()
        stop.set()
        finisher.join(10)


# --- what only the local browser may see ------------------------------------------

@pytest.fixture
def preview(site_dir, tmp_path):
    """The preview's request handler on a free port, in this process: (port, state)."""
    import threading
    from http.server import ThreadingHTTPServer

    from bilateral import serve
    from bilateral.incremental import Incremental

    state = serve.State(builder=Incremental(Project(content=site_dir), tmp_path / "site", "/",
                                            site_wide_later=True))
    serve.rebuild(state)
    server = ThreadingHTTPServer(("127.0.0.1", 0), serve._handler(state))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server.server_port, state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def raw_get(port: int, path: str, host: str | None = None) -> tuple[int, dict, str]:
    """GET exactly `path` (no client tidies it up) with this Host: (status, headers, body)."""
    host = f"127.0.0.1:{port}" if host is None else host
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        conn.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode("latin-1"))
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in header_lines)}
    return int(status_line.split()[1]), headers, body.decode("utf-8", "replace")


@pytest.mark.parametrize("path", ["/%2Fevil.example/..", "/%2F%2Fevil.example/..", "/%5Cevil.example/..",
                                  "/%5C%5Cevil.example/..", "//evil.example/..", "/\\evil.example/..",
                                  "/countries/%2F%2Fevil.example/../.."])
def test_preview_redirects_only_within_itself(preview, path):
    from urllib.parse import urljoin, urlsplit

    port, _ = preview
    status, headers, _ = raw_get(port, path)
    if status in (301, 302, 303, 307, 308):
        location = headers["location"]
        assert location.startswith("/") and not location.startswith(("//", "/\\")), location
        assert urlsplit(urljoin(f"http://127.0.0.1:{port}/a/", location)).netloc == f"127.0.0.1:{port}"


def test_preview_redirects_folders_to_their_slash(preview):
    port, _ = preview
    status, headers, _ = raw_get(port, "/countries/peru")
    assert (status, headers["location"]) == (301, "/countries/peru/")


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1.evil.example:{port}",
                                  "localhost:1", ""])
def test_preview_refuses_requests_for_another_host(preview, host):
    """A page on another site whose name was made to resolve to 127.0.0.1
    (DNS rebinding) sends its own name as Host: it may read nothing."""
    port, _ = preview
    for path in ("/", "/countries/peru/", "/__build_id"):
        status, _, body = raw_get(port, path, host.format(port=port))
        assert status == 400 and "Peru" not in body, (path, status)
    for good in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}"):
        assert raw_get(port, "/countries/peru/", good)[0] == 200


def test_preview_error_page_names_files_relative_to_the_project(preview, site_dir, tmp_path):
    from bilateral import serve

    port, state = preview
    event = site_dir / EVENT
    event.write_text(event.read_text().replace("countries: [azerbaijan, peru]", "countries: [atlantis]"))
    serve.rebuild(state, {(1, str(event))})
    status, _, body = raw_get(port, "/")
    assert status == 500
    assert "site/events/lima-consultations.md:6: unknown country" in body
    assert str(tmp_path) not in body and str(tmp_path.resolve()) not in body


@pytest.mark.parametrize("path", ["/" + "x" * 300 + "/", "/countries/" + "é" * 200, "/a" * 1100])
def test_preview_answers_oversized_paths_with_414(preview, path):
    from urllib.parse import quote

    port, _ = preview
    status, _, _ = raw_get(port, quote(path))
    assert status == 414
    assert raw_get(port, "/countries/peru/")[0] == 200  # and goes on serving
