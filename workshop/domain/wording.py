"""Words for counts as the owner would say them: "1 job", "2 jobs", never "1 jobs" or "job(s)"."""

from __future__ import annotations


def plural(count: int, word: str, plural_word: str | None = None) -> str:
    """``count`` and ``word``, the word in its plural form unless there is exactly one
    (``plural_word`` for plurals that are not ``word + "s"``: "sub-assemblies")."""
    many = plural_word if plural_word is not None else f"{word}s"
    return f"{count:,} {word if count == 1 else many}"


def outside_work(supplier: str, days_away: int | None) -> str:
    """An operation done outside the shop, as the job card and the cost sheet say it:
    "Outside: Acme Powder Coating (5 days away)"."""
    return f"Outside: {supplier} ({plural(days_away or 0, 'day')} away)"


def quantity_words(value) -> str:
    """A quantity in a sentence: 2.500 -> "2.5", -1 -> "−1" (a true minus sign: it reads as a figure,
    not a dash)."""
    text = f"{abs(value).normalize():f}"
    return f"−{text}" if value < 0 else text
