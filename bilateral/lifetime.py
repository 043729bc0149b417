"""Child processes that end with the build that started them.

A build killed outright (SIGKILL, an out-of-memory kill, a CI job cancelled)
gets no chance to stop its render workers or Pagefind: the workers would
wait forever for work that never comes, and Pagefind would go on writing
into a folder the next build removes. On Linux the kernel can send a child
a signal when its parent dies (PR_SET_PDEATHSIG); elsewhere a worker watches
its parent itself.
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _prctl():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # pragma: no cover - a libc without prctl
        return None


_PRCTL = _prctl()  # looked up once, in the parent: a forked child only calls it


def die_with_parent(parent: int) -> bool:
    """In a freshly started child: be killed when `parent` dies. True if the
    kernel will see to it; False where only watch_parent can."""
    if _PRCTL is None or _PRCTL(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        return False
    if os.getppid() != parent:  # it died before the request took effect
        os._exit(1)
    return True


def exit_with_parent(parent: int) -> None:
    """For a worker process (a pool's initializer): exit when `parent` dies,
    by the kernel's signal where there is one, else by watching for it."""
    if not die_with_parent(parent):
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)
