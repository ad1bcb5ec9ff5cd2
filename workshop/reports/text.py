"""What every report shares: figures as JSON strings and columns of text for a terminal."""

from __future__ import annotations

from decimal import Decimal


def amount_text(value: Decimal | None) -> str | None:
    """Money, hours or a percentage as JSON carries it: a string with 2 places (None stays None),
    so no reader turns 0.10 into a float."""
    return None if value is None else f"{Decimal(value):.2f}"


def or_dash(text: str | None, suffix: str = "") -> str:
    """A figure for a table cell: "—" where there is none."""
    return "—" if text is None else text + suffix


def table(headers: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    """Lines of a plain-text table: a header, a rule and the rows, each column as wide as its
    widest cell; the columns numbered in ``right`` (figures) are right-aligned."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths)))

    return [line(headers), "  ".join("-" * w for w in widths), *(line(r) for r in rows)]


__all__ = ["amount_text", "or_dash", "table"]
