"""File names from whatever a person or another program gave: ``../../x`` (a path, not a name),
``CON.pdf`` (a device on Windows), a 300-character name (longer than a disk allows), control
characters and the signs Windows forbids.

One home for the rule: an attachment keeps ``file_name(...)`` (shown as given, ``J&C <b>.png``
included), and a copy written to disk uses ``disk_file_name(...)`` (``_CON.pdf``, ``J&C _b_.png``).
"""

from __future__ import annotations

import re
import unicodedata

#: Most file systems allow 255 bytes in one name (ext4, NTFS counts 255 UTF-16 units: fewer).
MAX_NAME_BYTES = 255
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_DEVICES = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", *(f"COM{i}" for i in range(1, 10)),
            *(f"LPT{i}" for i in range(1, 10))}


def file_name(name: str, *, fallback: str = "file") -> str:
    """The name to keep and show: the last part of ``name`` (never a path), without control
    characters, at most ``MAX_NAME_BYTES`` bytes in UTF-8 with its extension kept.
    ``../../x`` -> ``x``; a 300-character name -> its first 251 characters and ``.pdf``."""
    name = unicodedata.normalize("NFC", str(name))
    name = _CONTROL.sub("", re.split(r"[/\\]", name)[-1]).strip()
    if not name.strip(". "):
        name = fallback
    return _shortened(name, fallback)


def disk_file_name(name: str, *, fallback: str = "file") -> str:
    """``file_name`` that can also be written on Windows: the signs it refuses become ``_``, a device
    name (``CON``, ``LPT1`` …, with any extension) gets a ``_`` in front, no dot or space at the end."""
    name = _FORBIDDEN.sub("_", file_name(name, fallback=fallback)).rstrip(". ")
    if not name.strip("._ "):
        name = fallback
    if name.split(".")[0].upper().rstrip() in _DEVICES:
        name = "_" + name
    return _shortened(name, fallback)


def _shortened(name: str, fallback: str) -> str:
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or len(extension.encode()) > 32:  # no extension, or just a dot in a long name
        stem, extension = name, ""
    extension = ("." + extension) if extension else ""
    room = MAX_NAME_BYTES - len(extension.encode())
    if len(stem.encode()) > room:
        stem = stem.encode()[:room].decode(errors="ignore").rstrip(". ") or fallback
    return stem + extension
