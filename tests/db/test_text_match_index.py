"""The job search's trigram index (db/search_index.py): the phrase a typed text becomes, and why the
index finds exactly what the folded LIKE finds (SQLite's case folding adds nothing to Python's)."""

from __future__ import annotations

import sqlite3

import pytest

from workshop.db import search_index


@pytest.mark.parametrize(("folded", "phrase"), [
    ("oak", '"oak"'), ("łódź", '"łódź"'), ("oak table", '"oak table"'), ('"grand"', '"""grand"""'),
    ("a*", None), ("ab", None), ("", None), ("a-b", '"a-b"'), ("(oak) and near", '"(oak) and near"'),
    ("2 * 3", '"2 * 3"'), ("o'brien", '"o\'brien"'), ("ab\x00c", None), ("ab\ufffd", None), ("ab\ufffe", None),
    ("ab\uffff", None), ("100%", '"100%"'), ("a_b", '"a_b"'),
])
def test_the_phrase_of_a_folded_text(folded, phrase):
    assert search_index.phrase(folded) == phrase


def test_a_phrase_finds_what_the_like_finds():
    """Each phrase against texts that hold it, hold it in other case, or hold its words apart."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram')")
    texts = ["j-2026-0001\noak table\nthree drawers", 'stair "grand" (oak)', "desk and chair", "near the door",
             "shelf - 2 * 3", "łódź gate", "lodz railing", "table oak", "strasse sign", "o'brien's bench"]
    conn.executemany("INSERT INTO t(rowid, x) VALUES (?, ?)", enumerate(texts))
    for typed in ["oak", "oak table", "table oak", '"grand"', "(oak)", "- 2 *", "2 * 3", "and", "near the", "d and",
                  "łódź", "lodz", "0001\noak", "'brien", "-2026-", "zzz", "e o", "* 3"]:
        found = {r[0] for r in conn.execute("SELECT rowid FROM t WHERE t MATCH ?", (search_index.phrase(typed),))}
        assert found == {i for i, text in enumerate(texts) if typed in text}, typed
    conn.close()


def test_sqlite_folds_none_of_the_characters_python_casefold_leaves_but_two_noncharacters():
    """The code points ``str.casefold`` leaves as they are (the only ones a casefolded text holds), each
    as the third character of a trigram: SQLite's tokenizer gives each back unchanged but U+FFFE and
    U+FFFF, which it reads as U+FFFD (so a typed U+FFFD keeps the LIKE: ``phrase``). SQLite's folding
    (fts5_unicode2.c, ``sqlite3Fts5UnicodeFold``) changes nothing past U+FFFF but the Deseret capitals
    U+10400-U+10427, so those are all the code points there are to try (the whole range was tried once
    by hand, 12 s: the same two); NUL keeps the LIKE."""
    points = [*range(1, 0xD800), *range(0xE000, 0x10000), *range(0x10400, 0x10450)]
    fixed = [chr(cp) for cp in points if chr(cp).casefold() == chr(cp)]
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram', detail='none')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row')")
    step = 20_000
    conn.executemany("INSERT INTO t(x) VALUES (?)",
                     (("".join("\x01\x01" + c for c in fixed[i:i + step]),) for i in range(0, len(fixed), step)))
    read = {term[2] for (term,) in conn.execute("SELECT term FROM v") if len(term) == 3 and term[:2] == "\x01\x01"}
    conn.close()
    assert read == set(fixed) - {"\ufffe", "\uffff"}
    assert all(ch.casefold() == ch for cp in points for ch in chr(cp).casefold())  # casefold folds once for all


def test_the_trigram_tokenizer_is_here():
    assert search_index.trigram_tokenizer()  # Python's SQLite here is 3.40: the index is made and used
