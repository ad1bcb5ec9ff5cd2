"""How records are found by typed text: case-folded once when saved, so a search is a plain
substring test on every database ("łódź" finds "Łódź", "STRASSE" finds "Straße")."""

from __future__ import annotations


def search_key(*parts: str | None) -> str:
    return "\n".join(p.casefold() for p in parts if p)


def like_pattern(search: str, fold=str.casefold) -> str:
    """A LIKE pattern (escape character backslash) matching ``search`` anywhere. ``fold`` must
    match how the compared column was folded: casefold for stored search text, str.lower when
    the query compares SQL lower() of a column."""
    folded = fold(search.strip())
    return "%" + folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
