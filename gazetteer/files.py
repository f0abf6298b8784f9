"""Writing files whole or not at all: what every layer of geoevents writes goes through `atomic_path`."""

from __future__ import annotations

import glob
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path


@contextmanager
def atomic_path(path: str | os.PathLike, *, create: bool = True) -> Iterator[Path]:
    """A temporary path beside `path` that becomes `path` only when the block succeeds.

    The one way geoevents writes a file (records, results parts, maps, exports, the gazetteer's index,
    its added layer and online cache; it lives here, at the bottom of the stack, for them). The temporary
    name is hidden (a leading dot), so nobody listing the folder meanwhile mistakes it for a
    finished file, ends with the target's suffix (GDAL drivers go by it), and holds the writer's
    process id, so that a temporary file left by a killed run (kill -9 allows no cleaning up) is
    removed by the next write beside it. With `create` False the path does not exist yet, for
    writers that want to create the file themselves.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(target)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.{os.getpid()}-", suffix=_TMP + target.suffix)
    os.close(fd)
    if create:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as open() would make it, not mkstemp's owner-only 0o600
    else:
        os.unlink(tmp)
    try:
        yield Path(tmp)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


_TMP = ".tmp"


def remove_stale(target: Path) -> None:
    """Remove the temporary files of `target` whose writing process is gone."""
    try:
        leftovers = list(target.parent.glob(f".{glob.escape(target.name)}.*-*{_TMP}*"))
    except OSError:
        return
    for leftover in leftovers:
        pid = leftover.name[len(target.name) + 2 :].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            with suppress(OSError):
                leftover.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True
