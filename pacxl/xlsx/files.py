"""Opening the input read-only, and turning operating-system errors into messages."""

from __future__ import annotations

import errno
import os
import stat
from typing import BinaryIO

from ..errors import ReadError


def os_error(error: OSError, label: str) -> ReadError:
    """The :class:`ReadError` that tells the user what ``error`` means for the file."""
    if isinstance(error, FileNotFoundError) or error.errno == errno.ENOTDIR:
        return ReadError("file_not_found", path=label)
    if isinstance(error, IsADirectoryError):
        return ReadError("file_is_dir", path=label)
    if isinstance(error, PermissionError):
        return ReadError("file_no_permission", path=label)
    return ReadError("file_unreadable", path=label, reason=error.strerror or str(error))


def open_input(path: str, label: str) -> tuple[BinaryIO, int]:
    """The file opened read-only, and its size; only regular files are opened.

    Raises:
        ReadError: missing, a folder, a device or pipe, no permission, any other OSError.
    """
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise ReadError("file_is_dir", path=label)
        if not stat.S_ISREG(info.st_mode):
            raise ReadError("file_unreadable", path=label, reason="not a regular file")
        f = open(path, "rb")  # noqa: SIM115 - the caller closes it
    except OSError as error:
        raise os_error(error, label) from error
    except ValueError as error:  # a NUL in the name
        raise ReadError("file_unreadable", path=label, reason=str(error)) from error
    return f, info.st_size
