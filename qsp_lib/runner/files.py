"""Files of a site's output folder: the per-site lock and atomic writes and moves.

Every file lands through a temporary name in the destination folder renamed into place, so
a reader (a browser, a dependent notebook reading ``results.json``) never sees half a file.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

#: Name of the lock file in a site's output folder.
LOCK_NAME = ".qsp-run.lock"


def read_json(path: Path) -> dict:
    """A JSON object from ``path``; ``{}`` when absent or unreadable."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def write_json(path: Path, data: Any) -> None:
    from qsp_lib.core.files import atomic_write_text

    atomic_write_text(Path(path), json.dumps(data, ensure_ascii=False, indent=2))


def move_exports(source: Path, out_dir: Path) -> list[str]:
    """Move every file a notebook wrote in ``source`` into ``out_dir`` (renamed into place,
    replacing an earlier export of the same name); returns the names, sorted."""
    from qsp_lib.core.files import shared_file_mode

    if not source.is_dir():
        return []
    moved = []
    for path in sorted(source.iterdir()):
        if path.is_file() and not path.name.startswith("."):
            path.chmod(shared_file_mode())
            os.replace(path, out_dir / path.name)
            moved.append(path.name)
    shutil.rmtree(source, ignore_errors=True)
    return moved


class SiteLock:
    """An exclusive lock on a site's output folder; a second run waits for the first."""

    def __init__(self, out_dir: Path, announce=print):
        self.path = Path(out_dir) / LOCK_NAME
        self.announce = announce
        self.handle = None

    def __enter__(self):
        import fcntl

        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = open(self.path, "a+")
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.handle.seek(0)
            holder = self.handle.read().strip() or "?"
            self.announce(
                f"Un autre « qsp run » travaille déjà sur {self.path.parent} "
                f"(processus {holder}) : attente de sa fin…"
            )
            fcntl.flock(self.handle, fcntl.LOCK_EX)
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.write(str(os.getpid()))
        self.handle.flush()
        return self

    def __exit__(self, *exc):
        import fcntl

        fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.handle.close()
