"""The job card as printed from the database: what the shop holds is what the bench gets."""

from __future__ import annotations

from workshop.cli import main
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
    assert {f"{job.number}/{o.op_number:03d}" for o in ops} | {job.number} <= payloads


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
