"""A very long paragraph of user text is printed in pieces (ReportLab re-wraps the whole rest of a
paragraph at every page break: a 100,000-character specification took 6.4 s on its job card, now
about 0.6 s; benchmarks/bench_bad_input.py). The pieces hold the text exactly, in order, join
without a gap, and are cut where the text breaks a line anyway, else after a sentence."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle

from workshop.printing.text import PIECE_CHARACTERS, paragraphs

STYLE = ParagraphStyle("body", spaceBefore=2, spaceAfter=6)


def _texts(flowables) -> list[str]:
    return ["".join(frag.text for frag in p.frags) for p in flowables]


def test_a_long_paragraph_is_cut_after_sentences_and_keeps_every_character():
    sentence = "The carcass is oak & walnut, 0.1 <A tolerance. "  # 47 characters
    text = (sentence * 1000).strip()  # 46,999 characters, no line break
    pieces = paragraphs(text, STYLE, in_pieces=True)
    texts = _texts(pieces)
    assert len(pieces) == 24  # 42 sentences (1,974 characters) a piece, the 24th holds the last 34
    assert all(len(t) <= PIECE_CHARACTERS for t in texts)
    assert all(t.endswith("tolerance.") for t in texts)  # cut after a sentence
    assert " ".join(texts) == text
    assert (pieces[0].style.spaceBefore, pieces[0].style.spaceAfter) == (2, 0)
    assert {(p.style.spaceBefore, p.style.spaceAfter) for p in pieces[1:-1]} == {(0, 0)}
    assert (pieces[-1].style.spaceBefore, pieces[-1].style.spaceAfter) == (0, 6)


def test_lines_are_kept_whole_when_they_fit_and_short_text_is_one_paragraph():
    lines = [f"Line {i:03d}: drawer runners, soft close" for i in range(200)]  # 36 characters each
    pieces = paragraphs("\n".join(lines), STYLE, in_pieces=True)
    texts = _texts(pieces)
    assert len(pieces) == 4  # 54 lines of 36 and 53 line breaks = 1,997 characters, three times; then 38
    assert [t.count("Line ") for t in texts] == [54, 54, 54, 38]
    assert [len(t) for t in texts] == [54 * 36] * 3 + [38 * 36]  # (a line break is a <br/>, not a character)
    assert len(paragraphs("Three drawers\n\nOiled", STYLE, in_pieces=True)) == 2
    assert len(paragraphs("x" * 5000, STYLE)) == 1  # in a table cell: one paragraph, as before
