"""The table of supported functions, filled by the `functions` and `aggregates` modules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class FunctionSpec:
    """How to call one worksheet function.

    impl(ev, *args) gets evaluated arguments; `modes` gives each argument's compile mode
    ("V" single value, "R" reference allowed, "A" array), its last letter repeating; the
    letters after a "*" repeat as a group instead ("R*RV": R, then R, V, R, V, ...).
    `lift`: in array context the function is applied element by element.  Functions with
    impl None (IF, IFERROR, CHOOSE) are compiled specially because they are lazy."""

    impl: Callable[..., object] | None
    min_args: int
    max_args: int
    modes: str = "V"
    lift: bool = False
    returns_reference: bool = False

    def arg_mode(self, i: int) -> str:
        fixed, star, cycle = self.modes.partition("*")
        if i < len(fixed):
            return fixed[i]
        if star:
            return cycle[(i - len(fixed)) % len(cycle)]
        return fixed[-1]


FUNCTIONS: dict[str, FunctionSpec] = {}


def register(
    name: str,
    min_args: int,
    max_args: int,
    modes: str = "V",
    lift: bool = False,
    returns_reference: bool = False,
) -> Callable[[Callable[..., object]], Callable[..., object]]:
    """Decorator adding impl to FUNCTIONS under `name`."""

    def decorate(impl: Callable[..., object]) -> Callable[..., object]:
        FUNCTIONS[name] = FunctionSpec(impl, min_args, max_args, modes, lift, returns_reference)
        return impl

    return decorate


def register_special(name: str, min_args: int, max_args: int) -> None:
    """A lazy function whose closure the compiler builds itself."""
    FUNCTIONS[name] = FunctionSpec(None, min_args, max_args)
