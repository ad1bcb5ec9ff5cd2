"""The job card as printed from the database: what the shop holds is what the bench gets."""

from __future__ import annotations

import re

from workshop.cli import main
from workshop.domain.scan_codes import operation_code
from workshop.documents.job_cards import job_card_pdf, job_cards_pdf
from workshop.services import attachments, bom, routing, settings


def _kitchen_job(db, shop):
    settings.update_settings(db, company_name="Łódź & Sons <Joinery>", address="1 Mill Lane\nLudlow")
    sub = bom.add_subassembly(db, shop.job.id, description="Drawer box", quantity="3")
    bom.add_line(db, shop.job.id, parent_id=sub, material_id=shop.hinge.id, quantity="2")
    bom.add_line(db, shop.job.id, material_id=shop.oil.id, quantity="0.5")
    routing.apply_template(db, shop.job.id, shop.template.id)
    routing.add_operation(db, shop.job.id, name="Fit J&C <b>handles</b>", workstation_id=shop.bench.id,
                          operator_id=shop.tom.id, setup_minutes="5", run_minutes="12.5",
                          instructions="Ø 25 mm ± 0.1")
    return shop.job


def test_job_card_carries_the_database_contents(db, shop, pdf_text, decode_barcodes):
    job = _kitchen_job(db, shop)
    pdf = job_card_pdf(db, job.id)
    text = pdf_text(pdf)
    for expected in (job.number, "Oak dresser", "Harrow & Finch Interiors", "Three drawers", "Drawer box",
                     "Hinge 35 mm soft-close", "HNG-35", "Hardwax oil", "Cut panels", "Assemble carcass",
                     "Check and oil", "Fit J&C <b>handles</b>", "Ø 25 mm ± 0.1", "Tom Reed", "Łódź & Sons <Joinery>",
                     job.due_date.strftime("%d %b %Y").lstrip("0")):
        assert expected in text, expected
    payloads = {payload for page in decode_barcodes(pdf) for _kind, payload in page}
    ops = routing.list_operations(db, job.id)
    assert {operation_code(job.number, o.op_number) for o in ops} | {job.number} <= payloads


def test_the_first_drawing_is_printed_as_a_thumbnail(db, shop, pdf_text):
    from workshop.demo.drawings import kitchen_elevation_png

    attachments.add_to_job(db, shop.job.id, "elevation.png", kitchen_elevation_png())
    assert "elevation.png" in pdf_text(job_card_pdf(db, shop.job.id))


def test_many_cards_report_progress(db, shop, pages_text):
    from workshop.services import jobs

    other = jobs.create_job(db, customer_id=shop.customer.id, title="Side table", due_date=shop.job.due_date)
    seen = []
    pdf = job_cards_pdf(db, [shop.job.id, other.id], progress=lambda done, total: seen.append((done, total)))
    texts = pages_text(pdf)
    assert any("Side table" in t for t in texts) and any("Oak dresser" in t for t in texts)
    assert seen[-1] == (4, 4) and seen == sorted(seen)


def test_print_command_writes_the_cards(db, shop, tmp_path, pdf_text, capsys):
    _kitchen_job(db, shop)
    out = tmp_path / "cards.pdf"
    url = db.url.render_as_string(hide_password=False)
    assert main(["print", "job-card", shop.job.number, "--db", url, "-o", str(out)]) == 0
    assert shop.job.number in pdf_text(out.read_bytes())
    assert main(["print", "job-card", "J-1999-0404", "--db", url, "-o", str(out)]) == 1
    assert "There is no job J-1999-0404" in capsys.readouterr().err


def test_the_final_inspection_prints_after_the_operations(db, shop, pages_text):
    """Checks tied to no operation (the default place for a new check) reach the bench: a section
    after the last operation with each check, its tolerance, a box to write in, and a sign-off."""
    from workshop.services import inspection

    job = _kitchen_job(db, shop)
    inspection.add_check(db, job_id=job.id, characteristic="Overall height", nominal="760", lower_tolerance="-1",
                         upper_tolerance="1", unit="mm", method="Tape")
    inspection.add_check(db, job_id=job.id, characteristic="Drawers run smoothly", check_type="pass_fail")
    text = re.sub(r"\s+", " ", "\n".join(pages_text(job_card_pdf(db, job.id))))
    section = text.index("Final inspection (after all operations)")
    assert section > text.index("Fit J&C <b>handles</b>")  # after the last operation (040)
    assert section < text.index("SHOP-FLOOR NOTES")
    final = text[section:text.index("SHOP-FLOOR NOTES")]
    # 760 mm with deviations -1 / +1: "± 1" as the inspection screens write it
    assert "Check Nominal Tolerance Method Measured" in final
    assert "Overall height 760 mm ± 1 Tape" in final
    assert "Drawers run smoothly pass / fail" in final
    assert "INSPECTION SIGN-OFF" in final and "INSPECTOR" in final and "PASS" in final and "FAIL" in final


def test_no_final_inspection_section_without_job_level_checks(db, shop, pdf_text):
    assert "Final inspection" not in pdf_text(job_card_pdf(db, _kitchen_job(db, shop).id))
