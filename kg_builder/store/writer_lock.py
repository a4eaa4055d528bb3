"""One writer at a time in a KG directory: ``build``, ``add`` and ``remove`` hold an exclusive lock
on ``KG/.lock`` from the moment they read the current build until they publish the next one, so two
changes never start from the same build and lose one another. Whoever takes the lock also clears
what killed writers left behind (staging folders, half-made links): while it is held, nobody else
can be using them."""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

from kg_builder.errors import StoreError

LOCK = ".lock"


class WriterLock:
    """The exclusive lock of ``kg_dir``, taken at once or refused with an error naming its holder."""

    def __init__(self, kg_dir: Path, builds: Path) -> None:
        kg_dir.mkdir(parents=True, exist_ok=True)
        path = kg_dir / LOCK
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(self._fd, 32, 0).decode("ascii", "replace").strip() or "another process"
            os.close(self._fd)
            raise StoreError(f"{kg_dir}: another build, add or remove is changing this graph (process {holder}); "
                             "run this one when it has finished") from None
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, str(os.getpid()).encode("ascii"), 0)
        clear_leftovers(kg_dir, builds)

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the lock
            self._fd = None


def clear_leftovers(kg_dir: Path, builds: Path) -> None:
    """Remove the staging folders and link files of writers that were killed before they finished."""
    if builds.is_dir():
        for entry in builds.iterdir():
            if entry.name.startswith(".staging-"):
                shutil.rmtree(entry, ignore_errors=True)
    for entry in kg_dir.iterdir():
        if entry.name.startswith(".current-") and entry.is_symlink():
            entry.unlink(missing_ok=True)
