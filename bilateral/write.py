"""Stage 5: write the rendered site atomically.

Everything goes into a fresh folder beside the target, which replaces the
old site only once complete, so a failed build leaves the last good site.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from .urls import output_file


def write_site(out: Path, files: dict[str, str | bytes], static: Path | None,
               finalize=None) -> None:
    """Write files (site-relative path -> content) and static/ into out.
    `finalize(staging)` may add to the complete site before it goes live."""
    _refuse_clashes(files)
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-new-", dir=out.parent))
    try:
        if static is not None and static.is_dir():
            shutil.copytree(static, staging / "static")
        for path, data in sorted(files.items()):
            target = staging / output_file(path)
            if staging.resolve() not in target.resolve().parents:
                raise ValueError(f"refusing to write outside the output folder: {path}")
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, str):
                data = data.encode("utf-8")
            target.write_bytes(data)
        if finalize is not None:
            finalize(staging)
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _refuse_clashes(files) -> None:
    """'people/x/' and 'people/x/index.html' are one file: the second would
    silently replace the first."""
    seen: dict[str, str] = {}
    for path in sorted(files):
        target = output_file(path)
        if target in seen:
            raise ValueError(f"two outputs write {target}: {seen[target]!r} and {path!r}")
        seen[target] = path


def _swap(new: Path, out: Path) -> None:
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
        old.rmdir()
        out.rename(old)
    new.rename(out)
    out.chmod(0o755)  # mkdtemp made it private; a web server must read it
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
