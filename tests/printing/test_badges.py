"""Operator badges and the scanner check card: the text read back from the PDF, the barcodes decoded
by zbarimg, and what the terminal makes of each decoded code."""

from __future__ import annotations

import pytest

from workshop.documents.badges import badges_pdf, scanner_check_pdf
from workshop.documents.job_cards import job_card_pdf
from workshop.domain.errors import NotFoundError
from workshop.domain.scan_codes import (
    SCANNER_CHECK_CODE, BadgeScan, CheckScan, OperationScan, badge_code, operation_code, read_scan,
)
from workshop.printing.badges import OperatorBadge, render_badges, render_scanner_check
from workshop.services import routing, workstations


def _code128(decoded) -> list[str]:
    return [payload for page in decoded for symbology, payload in page if symbology == "CODE-128"]


def test_a_badge_prints_the_name_as_typed_its_code_and_a_barcode_of_it(letterhead, a4, pdf_text, decode_barcodes):
    pdf = render_badges([OperatorBadge(7, "J&C <b>Ltd</b>"), OperatorBadge(12, "Łódź Wiśniewska")], letterhead, a4)
    text = pdf_text(pdf)
    # The names exactly as typed: markup-looking text is not markup, Polish letters are not boxes.
    assert "J&C <b>Ltd</b>" in text and "Łódź Wiśniewska" in text
    assert "OPR0007" in text and "OPR0012" in text  # badge_code: OPR and four digits
    assert "2 badges" in text
    assert sorted(_code128(decode_barcodes(pdf))) == ["OPR0007", "OPR0012"]


def test_eight_badges_fit_an_a4_sheet_and_the_ninth_starts_the_next(letterhead, a4, pages_text, decode_barcodes):
    badges = [OperatorBadge(n, f"Operator {n}") for n in range(1, 10)]
    pdf = render_badges(badges, letterhead, a4)
    pages = pages_text(pdf)
    assert len(pages) == 2
    assert all(f"Operator {n}" in pages[0] for n in range(1, 9)) and "Operator 9" in pages[1]
    decoded = decode_barcodes(pdf)
    assert sorted(_code128(decoded[:1])) == [f"OPR000{n}" for n in range(1, 9)]
    assert _code128(decoded[1:]) == ["OPR0009"]


def test_no_badges_is_refused_clearly(letterhead, a4):
    with pytest.raises(ValueError, match="No operators to print badges for"):
        render_badges([], letterhead, a4)


def test_badges_from_the_database_are_the_active_operators_or_the_ones_asked_for(db, shop, pdf_text, decode_barcodes):
    workstations.update_operator(db, shop.anna.id, active=False)
    everyone = badges_pdf(db)
    text = pdf_text(everyone)
    assert "Tom Reed" in text and "Anna Kowalska" not in text  # only active operators
    [reading] = read_scan(_code128(decode_barcodes(everyone))[0])
    assert reading.target == BadgeScan(shop.tom.id)
    chosen = badges_pdf(db, [shop.anna.id])  # asked for by id: printed even when inactive
    assert _code128(decode_barcodes(chosen)) == [badge_code(shop.anna.id)]
    with pytest.raises(NotFoundError):
        badges_pdf(db, [9999])


def test_the_scanner_check_card_says_what_arrives_under_each_layout(letterhead, a4, pdf_text, decode_barcodes):
    pdf = render_scanner_check(letterhead, a4)
    text = pdf_text(pdf)
    assert "Click in the Shop Floor scan field and scan this code." in text
    assert SCANNER_CHECK_CODE in text
    # What arrives, worked out by hand key by key (see tests/domain/test_scan_codes.py):
    for layout_name, arrives in (("US English (QWERTY)", 'CHK-YZAQWM/0123456789."'),
                                 ("UK English (QWERTY)", "CHK-YZAQWM/0123456789.@"),
                                 ("German (QWERTZ)", "CHKßZYAQWM-0123456789.Ä"),
                                 ("French (AZERTY)", "CHK)YWQAZ?!à&é\"'(-è_ç:%")):
        assert f"{layout_name} {arrives} Scanner check: OK, the scanner types through {layout_name}" in text
    assert "a keyboard layout Workshop does not know" in text
    [code] = _code128(decode_barcodes(pdf))
    assert code == SCANNER_CHECK_CODE
    assert [r.target for r in read_scan(code)] == [CheckScan("en_US")]


def test_the_scanner_check_card_from_the_database_carries_the_shops_letterhead(db, shop, pdf_text):
    from workshop.services import settings

    settings.update_settings(db, company_name="Łódź & Sons <Joinery>")
    assert "Łódź & Sons <Joinery>" in pdf_text(scanner_check_pdf(db))


def test_a_job_cards_operation_barcodes_read_back_to_the_job_and_operation(db, shop, decode_barcodes):
    routing.apply_template(db, shop.job.id, shop.template.id)
    ops = routing.list_operations(db, shop.job.id)
    pdf = job_card_pdf(db, shop.job.id)
    codes = set(_code128(decode_barcodes(pdf))) - {shop.job.number}
    assert codes == {operation_code(shop.job.number, o.op_number) for o in ops}
    assert all("-" not in code and "/" not in code for code in codes)  # nothing for a layout to mangle
    for code in codes:
        assert read_scan(code)[0].target == OperationScan((shop.job.number,), int(code[-3:]))


def test_print_commands_write_badges_and_the_scanner_check_card(db, shop, tmp_path, pdf_text, capsys):
    from workshop.cli import main

    url = db.url.render_as_string(hide_password=False)
    out = tmp_path / "badges.pdf"
    assert main(["print", "badges", "--db", url, "-o", str(out)]) == 0
    text = pdf_text(out.read_bytes())
    assert "Anna Kowalska" in text and "Tom Reed" in text and "2 badges" in text
    # One operator, by badge code or by id, given twice: printed twice, in the order asked.
    assert main(["print", "badges", "--db", url, "--operator", badge_code(shop.tom.id).lower(),
                 "--operator", str(shop.anna.id), "-o", str(out)]) == 0
    text = pdf_text(out.read_bytes())
    assert text.index("Tom Reed") < text.index("Anna Kowalska")
    assert main(["print", "badges", "--db", url, "--operator", "9999", "-o", str(out)]) == 1
    assert "There is no operator with id 9999" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["print", "badges", "--db", url, "--operator", "Tom", "-o", str(out)])
    assert "“Tom” is not an operator: give the id or the badge code" in capsys.readouterr().err
    card = tmp_path / "check.pdf"
    assert main(["print", "scanner-check", "--db", url, "-o", str(card)]) == 0
    assert SCANNER_CHECK_CODE in pdf_text(card.read_bytes())
