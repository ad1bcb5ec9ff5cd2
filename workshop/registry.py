"""Features join the program by name ("module:attribute" in a list), so the code that lists them
does not import them up front: a tab, a page or a dialog is imported when first shown.

Every listed feature ships with the program. A name that does not resolve is an error, raised
where the feature is wanted, never a placeholder; ``tests/test_registries.py`` resolves every
entry, and ``build.spec`` hands the listed modules to the bundler (its import scan cannot see them).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any


def module_of(spec: str) -> str:
    """The module a "module:attribute" entry names."""
    module, sep, name = spec.partition(":")
    if not (module and sep and name):
        raise ValueError(f"“{spec}” is not a feature's name: give it as module:attribute")
    return module


def load(spec: str) -> Any:
    """The object a "module:attribute" entry names; ImportError when either is missing."""
    module = import_module(module_of(spec))
    name = spec.partition(":")[2]
    try:
        return getattr(module, name)
    except AttributeError:
        raise ImportError(f"{module.__name__} has no {name} (listed as {spec})", name=module.__name__) from None


__all__ = ["load", "module_of"]
