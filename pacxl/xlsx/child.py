"""The child side of an isolated parse: limit memory, work, answer in frames, leave.

A frame is the length of a pickle (8 bytes, little-endian) followed by the pickle:
("message", object) while working, then one answer: ("ok", result), ("error", ReadError),
("memory",) or ("crash", reason).
"""

from __future__ import annotations

import faulthandler
import gc
import os
import pickle
import signal
import struct
from collections.abc import Callable
from typing import Any

from ..errors import ReadError

try:
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]

LENGTH = struct.Struct("<Q")
_OUT_OF_MEMORY = pickle.dumps(("memory",))


def serve(
    write_end: int, work: Callable[..., Any], args: tuple[Any, ...], memory: int, streaming: bool
) -> None:
    """Run ``work(*args)`` (with a ``send`` function last if ``streaming``); never returns."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: die quietly, the parent reports
        faulthandler.disable()  # a crash is reported by the parent, without a C traceback
        limit_memory(memory)
        gc.disable()

        def send(message: Any) -> None:
            _send(write_end, pickle.dumps(("message", message), pickle.HIGHEST_PROTOCOL))

        try:
            answer: tuple = ("ok", work(*args, *([send] if streaming else [])))
        except ReadError as error:
            answer = ("error", error.with_traceback(None))
        except MemoryError:
            answer = ("memory",)
        except BaseException as error:  # reported to the parent
            answer = ("crash", f"{type(error).__name__}: {error}"[:300])
        try:
            data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            data = _OUT_OF_MEMORY
        _send(write_end, data)
    except BaseException:  # no answer: the parent reports a crash
        code = 1
    finally:
        os._exit(code)


def _send(write_end: int, data: bytes) -> None:
    view = memoryview(LENGTH.pack(len(data)) + data)
    while view:
        view = view[os.write(write_end, view) :]


def limit_memory(extra: int) -> None:
    """Cap this process's address space at what it has now plus ``extra`` bytes.

    RLIMIT_AS counts the address space inherited from the parent, so the cap adds to it.
    """
    if resource is None:
        return
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = _address_space() + extra
        for bound in (soft, hard):
            if bound != resource.RLIM_INFINITY:
                limit = min(limit, bound)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):  # a system without RLIMIT_AS: the timeout still holds
        pass


def _address_space() -> int:
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0
