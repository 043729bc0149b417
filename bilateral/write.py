"""Stage 5: write the rendered site atomically.

Everything goes into a fresh folder beside the target, which replaces the
old site only once complete, so a failed build leaves the last good site.
"""
from __future__ import annotations

import hashlib
import os
import posixpath
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from .urls import output_file


@contextmanager
def staged(out: Path, static: Path | None):
    """A fresh folder, holding a copy of static/, to fill with the new site;
    it replaces `out` when the block ends, and is removed if the block fails."""
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-new-", dir=out.parent))
    try:
        if static is not None and static.is_dir():
            shutil.copytree(static, staging / "static")
        yield staging
        staging.chmod(0o755)  # mkdtemp made it private; a web server must read it
        replace_atomically(out, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def refuse_clashes(files) -> None:
    """'people/x/' and 'people/x/index.html' are one file: the second would
    silently replace the first."""
    seen: dict[str, str] = {}
    for path in sorted(files):
        target = output_file(path)
        if target in seen:
            raise ValueError(f"two outputs write {target}: {seen[target]!r} and {path!r}")
        seen[target] = path


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


def replace_atomically(target: Path, new: Path | bytes) -> None:
    """Put `new` at `target` whole, so a reader never sees half of it: bytes
    are written to a temporary file beside the target and renamed over it; a
    complete file or folder beside the target is moved in. A folder cannot be
    renamed over a folder, so the old one is first moved aside (the target is
    missing for that moment, never partial) and removed once the new one is
    in place."""
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
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
    old.rmdir()
    target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
