"""Atomic writers: a reader (a browser, the next notebook, a second run) never sees half a
file, and output files get the mode ``open`` would give (they are meant to be shared)."""

from __future__ import annotations

import functools
import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any


@functools.cache
def shared_file_mode() -> int:
    """Mode for output files: what ``open`` would give under the process umask
    (``mkstemp`` makes 0600 files, but briefs and results are meant to be shared).

    Computed once per process, on first use: reading the umask means setting it for an
    instant, and the runner writes files from pool threads, which must never see a umask
    of 0 (hence also the lock around that instant)."""
    with _UMASK_LOCK:
        umask = os.umask(0)
        os.umask(umask)
    return 0o666 & ~umask


_UMASK_LOCK = threading.Lock()


def atomic_write(path: str | Path, write: Callable[[str], Any]) -> Path:
    """Write ``path`` through a temporary file of its folder renamed into place:
    ``write(tmp)`` fills the temporary file, whose name ends with ``path``'s suffix (pandas
    picks its Excel writer from it). A reader never sees half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.stem}.", suffix=f".tmp{path.suffix}"
    )
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, shared_file_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def atomic_write_text(path: Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file renamed into place."""
    return atomic_write(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
