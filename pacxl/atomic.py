"""Outputs written atomically: a temporary file beside the target, renamed into place."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import OutputError


def check_output(path: Path, *, force: bool, suffix: str | None = None,
                 inputs: tuple[Path, ...] = ()) -> Path:
    """Refuse an output that cannot or must not be written, before any work is done."""
    path = Path(path)
    if path.is_dir():
        raise OutputError("output_is_dir", path=path)
    if suffix and path.suffix.lower() != suffix:
        raise OutputError("output_bad_suffix", path=path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError("output_no_folder", folder=folder)
    if any(path.resolve() == Path(i).resolve() for i in inputs):
        raise OutputError("output_is_input", path=path)
    if path.exists() and not force:
        raise OutputError("output_exists", path=path)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError("output_not_writable", folder=folder.resolve())
    return path


@contextlib.contextmanager
def _temporary(path: Path) -> Iterator[Path]:
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix + ".tmp",
                                   dir=folder)
    except PermissionError as exc:
        raise OutputError("output_not_writable", folder=folder.resolve()) from exc
    except OSError as exc:  # a read-only or full file system, a vanished folder
        raise OutputError("output_failed", path=path, reason=exc.strerror or exc) from exc
    os.close(fd)
    try:
        yield Path(tmp)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp)`` then move ``tmp`` over ``path``; on failure the old file stays."""
    with _temporary(path) as tmp:
        try:
            write(tmp)
        except OSError as exc:
            raise OutputError("output_failed", path=path, reason=exc.strerror or exc) from exc
        try:
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, path)
        except PermissionError as exc:
            raise OutputError("output_locked", path=path) from exc
        except OSError as exc:  # the temporary file vanished, a network drive refused…
            raise OutputError("output_failed", path=path, reason=exc.strerror or exc) from exc


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
