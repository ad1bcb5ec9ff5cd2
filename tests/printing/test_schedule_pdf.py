"""The schedule for the wall: its text names the jobs, their customers, the workstations, and which
job is late, on a small shop worked out by hand."""

from __future__ import annotations

import datetime as dt

from workshop.cli import main
from workshop.documents.schedule import schedule_data, schedule_pdf
from workshop.services import jobs, routing

NOW = dt.datetime(2026, 12, 7, 8, 0)  # a Monday, as the shop opens


def test_the_wall_schedule_names_jobs_workstations_and_the_late_one(db, shop, pdf_text):
    db.clock = lambda: NOW.astimezone()
    # Gate: 240 min on the saw, due Monday 7 Dec: Mon 08:00-12:00, on time.
    # Table: 600 min on the saw after it (later due), then 60 min at the bench: the saw Mon 12:00-16:00
    # (240 min) and Tue 08:00-14:00 (360); the bench Tue 14:00-15:00. Due Mon 7 Dec: late (Tue 8 Dec).
    made = {}
    for title, due, saw_minutes in (("Gate", dt.date(2026, 12, 7), "240"), ("Table", dt.date(2026, 12, 7), "600")):
        job = jobs.create_job(db, customer_id=shop.customer.id, title=title, due_date=due)
        routing.add_operation(db, job.id, name="Cut", workstation_id=shop.saw.id, setup_minutes="0",
                              run_minutes=saw_minutes)
        if title == "Table":
            routing.add_operation(db, job.id, name="Assemble", workstation_id=shop.bench.id, setup_minutes="0",
                                  run_minutes="60")
        jobs.change_status(db, job.id, "release")
        made[title] = job
    data = schedule_data(db, NOW)
    by_number = {line.number: line for line in data.jobs}
    assert by_number[made["Gate"].number].finish == dt.date(2026, 12, 7) and not by_number[made["Gate"].number].late
    assert by_number[made["Table"].number].finish == dt.date(2026, 12, 8) and by_number[made["Table"].number].late

    text = pdf_text(schedule_pdf(db, NOW))
    assert "SCHEDULE" in text.upper()
    assert "2 jobs scheduled, 1 late" in text
    for word in (made["Gate"].number, made["Table"].number, "SAW", "BENCH", "Harrow & Finch Interiors · Gate",
                 "Week 50", "LATE"):
        assert word in text, word
    # One LATE for Table in the list (the intro's "late" is lower case).
    assert text.count("LATE") == 1
    # The list gives each job's due and predicted finish.
    table_line = next(line for line in text.splitlines() if made["Table"].number in line and "Finch" in line)
    assert "7 Dec 2026" in table_line and "8 Dec 2026" in table_line


def test_nothing_to_schedule_says_so(db, shop, pdf_text):
    text = pdf_text(schedule_pdf(db, NOW))
    assert "No released or in-progress job has work left to schedule." in text


def test_print_schedule_command(db, shop, tmp_path, pdf_text):
    # due in a fortnight: due today, half an hour of work run after the day's end (16:30) is late
    job = jobs.create_job(db, customer_id=shop.customer.id, title="Gate", due_date=db.today() + dt.timedelta(days=14))
    routing.add_operation(db, job.id, name="Cut", workstation_id=shop.saw.id, setup_minutes="0", run_minutes="30")
    jobs.change_status(db, job.id, "release")
    out = tmp_path / "wall.pdf"
    assert main(["print", "schedule", "-o", str(out), "--db", db.url.render_as_string(hide_password=False)]) == 0
    text = pdf_text(out.read_bytes())
    assert job.number in text and "SAW" in text and "1 job scheduled, 0 late" in text
