"""Features join the program by name ("module:attribute" in a list), so a feature can land on
its own without the code that lists it importing it up front."""

from __future__ import annotations

from importlib import import_module
from typing import Any


def load(spec: str) -> Any:
    module, _, name = spec.partition(":")
    return getattr(import_module(module), name)


def load_optional(spec: str) -> Any | None:
    """Like ``load``, but None when the feature's module is not there (yet). An import error
    *inside* an existing module is a bug and is raised."""
    module = spec.partition(":")[0]
    try:
        return load(spec)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        return None
