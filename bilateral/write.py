"""Stage 5: write the rendered site atomically.

Everything goes into a fresh folder beside the target, which replaces the
old site only once complete, so a failed build leaves the last good site.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from .urls import output_file


def write_site(out: Path, files: dict[str, str | bytes], static: Path | None) -> None:
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
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap(new: Path, out: Path) -> None:
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
        old.rmdir()
        out.rename(old)
    new.rename(out)
    new_mode = 0o755
    out.chmod(new_mode)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
