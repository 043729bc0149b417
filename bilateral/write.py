"""Stage 5: write the rendered site atomically.

Everything goes into a fresh folder beside the target, which replaces the
old site only once complete, so a failed build leaves the last good site.
"""
from __future__ import annotations

import errno
import hashlib
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from .load import display_path
from .urls import output_file


class OutputFolderError(ValueError):
    """The output folder named is one a build must not replace: a usage error."""


class SiteWriteError(RuntimeError):
    """The machine would not let the site be written (a full or read-only
    disk, a file where a folder should be); the old site is untouched."""

    def __init__(self, out: Path, exc: OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        super().__init__(f"cannot write the site to {out}: {exc.strerror or exc}{where}")


def refuse_unsafe_output(out: Path, inputs: dict[str, Path], homes: dict[str, Path]) -> None:
    """Refuse an output whose replacement would delete what the build was
    given. A build replaces its output folder whole, so it may be none of
    `inputs` (content, templates, ...), hold one or lie inside one; nor be or
    hold one of `homes` (the repository, the working folder), where a site
    folder may well lie; nor be a file, or a folder of something else than
    a site (one without an index.html, say .git or a home folder)."""
    target = Path(out).resolve()
    replaces = "a build replaces its output folder whole: choose another, such as site/"
    for name, folder in {**inputs, **homes}.items():
        folder = Path(folder).resolve()
        if target == folder:
            raise OutputFolderError(f"--out {out} is the {name}; {replaces}")
        if folder.is_relative_to(target):
            raise OutputFolderError(f"--out {out} holds the {name} ({display_path(folder)}); {replaces}")
        if name in inputs and target.is_relative_to(folder):
            raise OutputFolderError(f"--out {out} lies inside the {name} ({display_path(folder)}): "
                                    "choose a folder outside it, such as site/")
    if target.exists() and not target.is_dir():
        raise OutputFolderError(f"--out {out} is an existing file, not a folder: choose a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / "index.html").is_file():
        raise OutputFolderError(f"--out {out} is a folder that holds something else than a site "
                                "(no index.html); a build replaces its output folder whole: "
                                "choose a new or empty folder")


@contextmanager
def staged(out: Path, static: Path | None):
    """A fresh folder, holding a copy of static/, to fill with the new site;
    it replaces `out` when the block ends, and is removed if the block fails.
    The machine refusing a write (a full disk) raises SiteWriteError."""
    shown, out = out, Path(out).resolve()
    try:
        _make_folder(out.parent)
        remove_stale_staging(out)
        staging = Path(tempfile.mkdtemp(prefix=_staging_prefix(out, "new"), dir=out.parent))
    except OSError as exc:
        raise SiteWriteError(shown, exc) from None
    try:
        if static is not None and static.is_dir():
            shutil.copytree(static, staging / "static")
        yield staging
        staging.chmod(0o755)  # mkdtemp made it private; a web server must read it
        replace_atomically(out, staging, aside=_staging_prefix(out, "old"))
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, OSError):
            raise SiteWriteError(shown, exc) from None
        raise


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a file stands where the folder should be
        raise NotADirectoryError(errno.ENOTDIR, "a file stands where its folder should be",
                                 str(folder)) from None


# Staging folders are named after the output and the build's process, so a
# build can tell the leftovers of a killed one from another build's work.
_STAGING_NAME = r"\.{name}-(?:new|old)-(?:(\d+)-)?[a-z0-9_]{{8}}"


def _staging_prefix(out: Path, role: str) -> str:
    return f".{out.name}-{role}-{os.getpid()}-"


def remove_stale_staging(out: Path) -> None:
    """Remove the staging folders a killed build left beside `out` (a half
    written new site, or an old one not yet deleted)."""
    pattern = re.compile(_STAGING_NAME.format(name=re.escape(out.name)))
    for entry in out.parent.iterdir():
        match = pattern.fullmatch(entry.name)
        if match and entry.is_dir() and not entry.is_symlink() and not _alive(match.group(1)):
            shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: str | None) -> bool:
    if pid is None:  # named before builds named their process: an old leftover
        return False
    if os.name != "posix":  # no harmless way to ask there: leave it
        return True
    try:
        os.kill(int(pid), 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:  # another user's process
        return True
    return True


def refuse_clashes(files) -> None:
    """'people/x/' and 'people/x/index.html' are one file: the second would
    silently replace the first."""
    seen: dict[str, str] = {}
    for path in sorted(files):
        target = output_file(path)
        if target in seen:
            raise ValueError(f"two outputs write {target}: {seen[target]!r} and {path!r}")
        seen[target] = path


class FoldersAhead:
    """Make a site's folders in a process of their own while the build plans.

    On some disks making a folder costs far more than writing a file
    (0.1-0.6 ms each on this project's virtual machine, most of a build's
    system time), and render workers making them side by side slow each
    other down. Made by a small process while the main one plans on one
    core, they cost the build little. (A thread would not do: it waits for
    Python's lock after every folder, while the planning holds it.) Only an
    optimization: `finish()` stops the process where it is (the render
    workers make the folders it did not, as they would anyway, and report
    what fails); `tidy()` removes the folders no file went into. Used as a
    context manager inside `staged`, it is stopped however the build ends,
    before a failed build removes the staging folder it makes folders in."""

    def __init__(self, root: Path, folders):
        self.root, self.folders = root, sorted(set(folders))
        self._process = subprocess.Popen(
            # -I -S: no site-packages nor environment to read; it starts in half the time
            [sys.executable, "-I", "-S", "-c", _MAKE_FOLDERS, str(root)], stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            self._process.stdin.write("\0".join(self.folders).encode("utf-8"))
            self._process.stdin.close()
        except OSError:   # it has already ended
            pass

    def finish(self) -> None:
        """Stop the folders' process, and wait for it."""
        if self._process.poll() is None:
            self._process.terminate()
        self._process.wait()

    def __enter__(self) -> "FoldersAhead":
        return self

    def __exit__(self, *exc) -> None:
        self.finish()

    def tidy(self, written) -> None:
        """Remove the folders meant to be made here that no written file is in."""
        used = {posixpath.dirname(inside_path(path)) for path in written}
        for folder in sorted(set(self.folders) - used, reverse=True):
            try:
                (self.root / folder).rmdir()
            except OSError:   # not made, or something was written into it after all
                pass


# The folders' process: each folder named on stdin (NUL-separated), made
# under the root; it stops at the first it cannot make.
_MAKE_FOLDERS = """
import os, sys
root = sys.argv[1]
for folder in sys.stdin.buffer.read().decode("utf-8").split("\\0"):
    try:
        os.makedirs(os.path.join(root, folder), exist_ok=True)
    except OSError:
        break
"""


def write_files(root: Path, files: dict[str, str | bytes]) -> dict[str, bytes]:
    """Write each file under root, creating folders once each; returns each
    file's fingerprint."""
    made: set[str] = set()
    written = {}
    for path, data in sorted(files.items()):
        rel = inside_path(path)
        folder = posixpath.dirname(rel)
        if folder not in made:
            (root / folder).mkdir(parents=True, exist_ok=True)
            made.add(folder)
        data = as_bytes(data)
        with open(root / rel, "wb") as handle:
            handle.write(data)
        written[path] = fingerprint(data)
    return written


def as_bytes(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def fingerprint(data: str | bytes) -> bytes:
    """A short digest of a file's bytes: what a rebuild compares, instead of
    keeping every page's text in memory."""
    return hashlib.blake2b(as_bytes(data), digest_size=16).digest()


def inside_path(path: str) -> str:
    """The output file for a site path, refused if it would leave the site
    folder. Checked on the text alone: the staging folder is new, so no link
    inside it can lead out."""
    rel = posixpath.normpath(output_file(path))
    if rel.startswith(("/", "../")) or rel == "..":
        raise ValueError(f"refusing to write outside the output folder: {path}")
    return rel


def replace_atomically(target: Path, new: Path | bytes, aside: str | None = None) -> None:
    """Put `new` at `target` whole, so a reader never sees half of it: bytes
    are written to a temporary file beside the target and renamed over it; a
    complete file or folder beside the target is moved in. A folder cannot be
    renamed over a folder, so the old one is first moved aside (named with the
    prefix `aside`; the target is missing for that moment, never partial) and
    removed once the new one is in place, or put back if the move fails."""
    target = Path(target)
    if not isinstance(new, Path):
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".new-", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(new)
            os.chmod(temp, 0o644)  # mkstemp made it private; a web server must read it
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        return
    if not target.is_dir():
        os.replace(new, target)
        return
    old = Path(tempfile.mkdtemp(prefix=aside or f".{target.name}-old-", dir=target.parent))
    old.rmdir()
    target.rename(old)
    try:
        new.rename(target)
    except BaseException:
        old.rename(target)  # put the old one back
        raise
    shutil.rmtree(old, ignore_errors=True)
