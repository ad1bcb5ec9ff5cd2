"""Codes the bench scans read back whatever keyboard layout the scanner typed them through.

A keyboard-wedge scanner presses the keys of a US keyboard; the expected strings below are worked
out by hand from the Windows layouts (KBDUK, KBDGR, KBDFR), key by key, not from the code.
"""

from __future__ import annotations

import pytest

from workshop.domain.errors import ValidationError
from workshop.domain.keyboard_layouts import TYPED, UNTYPED
from workshop.domain.scan_codes import (
    LAYOUTS, SCANNER_CHECK_CODE, BadgeScan, CheckScan, OperationScan, UnreadableCode, badge_code, check_result,
    describe_layout, operation_code, read_scan, typed_as,
)

OLD_CODE = "J-2026-0042/030"
NEW_CODE = "J20260042030"


def test_each_layout_types_every_us_key_as_one_character_and_can_be_read_back():
    for layout in LAYOUTS:
        table = TYPED[layout]
        assert len(table) == 94  # 47 keys, unshifted and shifted: every printable ASCII but space
        # Every character arrives from one key only, so un-mangling is exact (French Shift+²,
        # which gives nothing, is the one key that leaves no trace).
        produced = [got for got in table.values() if got]
        assert len(produced) == len(set(produced)) == len(UNTYPED[layout])


def test_layout_tables_give_the_characters_the_windows_layouts_give():
    # de_DE (KBDGR): y/z swap; - is ß, / is -, _ is ?, ? is _, ; is ö; the US `-key is the dead ^.
    assert [typed_as(c, "de_DE") for c in "yzYZ-/_?;:'\"`="] == list("zyZYß-?_öÖäÄ^´")
    # fr_FR (KBDFR): the digit row unshifted, a/q z/w swap, m on the US ;, then , ; : ! on m , . /
    assert typed_as("1234567890", "fr_FR") == "&é\"'(-è_çà"
    assert [typed_as(c, "fr_FR") for c in "aqzwm;-/.,["] == list("qawz,m)!:;^")
    assert typed_as("~", "fr_FR") == ""  # Shift+² gives nothing on Windows
    # en_GB (KBDUK): @ and " swap, # is £, the ISO key beside Enter is # ~, ~ is ¬.
    assert [typed_as(c, "en_GB") for c in "@\"#\\|~"] == list("\"@£#~¬")
    assert typed_as("The quick brown fox: 42/7-3.", "en_US") == "The quick brown fox: 42/7-3."


def test_old_codes_arrive_mangled_exactly_as_worked_out_by_hand():
    # J - 2 0 2 6 - 0 0 4 2 / 0 3 0, key by key:
    # de_DE: - -> ß, / -> -, digits unchanged
    assert typed_as(OLD_CODE, "de_DE") == "Jß2026ß0042-030"
    # fr_FR: - -> ), 2 -> é, 0 -> à, 6 -> -, 4 -> ', / -> !, 3 -> "
    assert typed_as(OLD_CODE, "fr_FR") == "J)éàé-)àà'é!à\"à"
    # en_GB: nothing in this code moves
    assert typed_as(OLD_CODE, "en_GB") == OLD_CODE
    # A new code has no separator: only the French digit row changes it.
    assert typed_as(NEW_CODE, "de_DE") == NEW_CODE
    assert typed_as(NEW_CODE, "fr_FR") == "Jéàé-àà'éà\"à"
    assert typed_as("OPR0007", "fr_FR") == "OPRàààè"


def test_operation_code_drops_the_separators_and_keeps_three_digits_of_op_number():
    assert operation_code("J-2026-0042", 30) == "J20260042030"
    assert operation_code("J-2026-0042", 5) == "J20260042005"
    assert operation_code("J2-2026-0001", 10) == "J220260001010"
    # Above 999 the reader could not tell where the sequence ends: the old form stays.
    assert operation_code("J-2026-0042", 1010) == "J-2026-0042/1010"


def test_badge_code_is_opr_and_four_digits():
    assert badge_code(7) == "OPR0007"
    assert badge_code(12345) == "OPR12345"


def _only_operation(text: str) -> OperationScan:
    readings = read_scan(text)
    assert isinstance(readings[0].target, OperationScan), readings
    return readings[0].target


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("code", [NEW_CODE, OLD_CODE])
def test_new_and_old_codes_read_back_through_every_layout_and_caps_lock(code, layout):
    arrived = typed_as(code, layout)
    for text in (arrived, arrived.lower(), f"  {arrived}\r\n"):
        scan = _only_operation(text)
        assert scan.job_numbers[0] == "J-2026-0042"
        assert scan.op_number == 30


@pytest.mark.parametrize("layout", LAYOUTS)
def test_badges_read_back_through_every_layout_and_caps_lock(layout):
    arrived = typed_as(badge_code(7), layout)
    for text in (arrived, arrived.lower()):
        assert [r.target for r in read_scan(text)] == [BadgeScan(7)]


def test_french_readings_say_the_layout_they_were_read_through():
    [reading] = read_scan("J)éàé-)àà'é!à\"à")
    assert reading.layout == "fr_FR"
    assert reading.target == OperationScan(("J-2026-0042",), 30)
    # Caps Lock on a French PC types the digit row as digits and the letters small.
    assert read_scan("j20260042030")[0].target == OperationScan(("J-2026-0042",), 30)


def test_a_prefix_holding_a_digit_reads_most_plausible_year_first():
    for layout in LAYOUTS:
        scan = _only_operation(typed_as("J2-2026-0001/010", layout))
        assert scan.job_numbers[0] == "J2-2026-0001"
        assert scan.op_number == 10
    # Without separators "J220260001010" could also be J-2202-60001: the year 2026 comes first.
    assert _only_operation("J220260001010").job_numbers == ("J2-2026-0001", "J-2202-60001")


def test_an_old_code_with_an_op_number_above_999_keeps_it_whole():
    for layout in LAYOUTS:
        assert [r.target for r in read_scan(typed_as("J-2026-0042/1010", layout))] == \
            [OperationScan(("J-2026-0042",), 1010)]


def test_separators_of_any_kind_or_none_read_the_same():
    for text in ("J 2026 0042 030", "J.2026.0042.030", "J_2026_0042_030", "J#2026#0042#030", "J20260042-030"):
        assert _only_operation(text) == OperationScan(("J-2026-0042",), 30)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_scanner_check_code_names_the_layout_it_arrived_through(layout):
    arrived = typed_as(SCANNER_CHECK_CODE, layout)
    for text in (arrived, arrived.lower()):
        assert [r.target for r in read_scan(text)] == [CheckScan(layout)]


def test_the_scanner_check_code_arrives_as_worked_out_by_hand():
    # C H K - Y Z A Q W M / 0 1 2 3 4 5 6 7 8 9 . "
    assert typed_as(SCANNER_CHECK_CODE, "en_US") == 'CHK-YZAQWM/0123456789."'
    assert typed_as(SCANNER_CHECK_CODE, "en_GB") == "CHK-YZAQWM/0123456789.@"  # " -> @
    assert typed_as(SCANNER_CHECK_CODE, "de_DE") == "CHKßZYAQWM-0123456789.Ä"  # Y/Z swap, " -> Ä
    # AZERTY: A/Q and Z/W swap, M is Shift+, = ?, / is !, the digits unshifted, . is :, " is %
    assert typed_as(SCANNER_CHECK_CODE, "fr_FR") == "CHK)YWQAZ?!à&é\"'(-è_ç:%"


def test_the_check_code_through_an_unknown_layout_is_still_the_check_code_but_names_none():
    # Its letters and digits are right, its punctuation matches none of the four layouts.
    assert [r.target for r in read_scan("CHK+YZAQWM+0123456789+")] == [CheckScan(None)]


def test_describe_layout_names_it_for_a_person():
    assert describe_layout("de_DE") == "German (QWERTZ)"
    assert describe_layout("fr_FR") == "French (AZERTY)"
    assert describe_layout("en_GB") == "UK English (QWERTY)"
    assert describe_layout("en_US") == "US English (QWERTY)"


@pytest.mark.parametrize("text, says", [
    ("", "Nothing was scanned"),
    (" \r\n\t", "Nothing was scanned"),
    ("XYZ", "“XYZ” has no digits"),
    ("!!!", "“!!!” holds no letters or digits"),
    ("20260042030", "“20260042030” has no letters"),
    ("J2026004", "“J2026004” is too short for an operation's code"),
    ("Q1", "“Q1” is too short"),
])
def test_unreadable_scans_say_what_is_wrong_and_what_to_scan(text, says):
    with pytest.raises(UnreadableCode) as caught:
        read_scan(text)
    assert caught.value.message.startswith(says)
    assert caught.value.message.endswith("scan the operation's barcode on the job card, or an operator's badge.")
    assert isinstance(caught.value, ValidationError) and caught.value.field == "scan"
    assert caught.value.text == text


def test_a_long_code_that_is_nothing_workshop_prints_says_so():
    with pytest.raises(UnreadableCode, match="“ABCDEFGHIJKLMNOP1” is not a code Workshop prints"):
        read_scan("ABCDEFGHIJKLMNOP1")


def test_check_result_says_which_layout_or_that_none_is_known():
    assert check_result("de_DE") == ("Scanner check: OK, the scanner types through German (QWERTZ)",
                                     "Operation codes and badges read correctly on this PC.")
    headline, detail = check_result(None)
    assert headline == "Scanner check: the code arrives through a keyboard layout Workshop does not know"
    assert "set the scanner to the PC's layout" in detail


def test_a_scan_far_longer_than_any_code_is_refused_at_once():
    # a page pasted into the scan field (a million characters): refused by its length, before any
    # pattern reads it (the separated-code pattern would take minutes on it)
    with pytest.raises(UnreadableCode) as refused:
        read_scan("J-2026-0042/030" * 70_000)
    assert refused.value.message.startswith("That scan is 1,050,000 characters long; no code Workshop prints is "
                                            "longer than 64")
    assert read_scan("J-2026-0042/030")[0].target.op_number == 30  # a code still reads
