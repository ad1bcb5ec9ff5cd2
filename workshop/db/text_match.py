"""Matching typed text against a column, written for each database.

``folded_like(column, pattern)`` means ``lower(column) LIKE pattern ESCAPE '\\'`` (the pattern folded
with ``str.lower``, as ``domain.search.like_pattern(text, str.lower)`` makes it) on every database.
On SQLite ``lower`` is the program's own Python function (``connection.py``: SQLite's folds ASCII
only), and calling it once per row is most of what a search over thousands of names costs (2 ms
over 5,000 customers, against 0.3 ms for SQLite's ``LIKE``). So SQLite first asks its own ``LIKE``,
which ignores case for ASCII letters, and calls ``lower`` only for a name with a non-ASCII
character that did not match:

    (column LIKE p OR (length(column) <> length(CAST(column AS BLOB)) AND lower(column) LIKE p))

The same rows, every time:
- a name of ASCII characters only: ``lower`` lowers ASCII letters, which SQLite's ``LIKE`` already
  ignores the case of, so both forms say the same;
- any other name is asked ``lower(column) LIKE p`` itself when the first test fails; and when the
  first test matches, so does ``lower(column) LIKE p``: the pattern is lower case, ``str.lower``
  leaves every lower-case character as it is, so the matched stretch lowers to the same text.
A pattern of ASCII characters only can then match a lowered non-ASCII name only where ``lower``
gives ASCII letters for a non-ASCII character, which it does for two: U+0130 (İ, to i and a dot)
and U+212A (the Kelvin sign, to k); only names holding one of them are lowered for such a pattern.
"""

from __future__ import annotations

from sqlalchemy import Boolean, LargeBinary, and_, cast, func, literal_column, or_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

#: The characters ``str.lower`` turns into ASCII letters (with a combining dot for the first).
LOWERED_TO_ASCII = ("\u0130", "\u212a")


class _FoldedLike(FunctionElement):
    type = Boolean()
    inherit_cache = True
    _is_implicitly_boolean = True  # a condition as it stands: no "= 1" after it on SQLite
    name = "folded_like"


class _FoldedLikeAscii(_FoldedLike):
    """The pattern has ASCII characters only (a class of its own: compiled statements are cached by
    their shape, not by their values)."""
    inherit_cache = True


def folded_like(column, pattern, *, ascii_only: bool | None = None):
    """``lower(column) LIKE pattern ESCAPE '\\'``, quicker on SQLite (see the module's text).
    ``pattern``: the text, or a bound parameter standing for it (then say whether the text it will
    hold has ASCII characters only)."""
    if ascii_only is None:
        ascii_only = pattern.isascii()
    return (_FoldedLikeAscii if ascii_only else _FoldedLike)(column, pattern)


@compiles(_FoldedLike)
def _anywhere(element, compiler, **kw):
    column, pattern = list(element.clauses)
    return "(" + compiler.process(func.lower(column).like(pattern, escape="\\"), **kw) + ")"


@compiles(_FoldedLike, "sqlite")
def _on_sqlite(element, compiler, **kw):
    column, pattern = list(element.clauses)
    lowered = [length_differs(column)]
    if isinstance(element, _FoldedLikeAscii):
        lowered.append(or_(*(func.instr(column, literal_column(f"'{c}'")) > 0 for c in LOWERED_TO_ASCII)))
    lowered.append(func.lower(column).like(pattern, escape="\\"))
    return "(" + compiler.process(or_(column.like(pattern, escape="\\"), and_(*lowered)), **kw) + ")"


def length_differs(column):
    """True for text with a character outside ASCII (it takes more bytes than characters)."""
    return func.length(column) != func.length(cast(column, LargeBinary))
