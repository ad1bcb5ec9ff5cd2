"""The command line answers a mistyped command with a message, never a traceback: bad dates and
sizes, a closed pipe, a quote revision that is not there; statuses read alike in every command;
``screenshot`` offers every tab of the window and shows ``--job`` on each."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

from workshop.cli import build_parser, main
from workshop.services import bookings, briefs, jobs, quotes, routing
from workshop.ui.tabs import TAB_CLASSES


def _usage_error(capsys, argv: list[str]) -> str:
    """argparse's way: exit status 2 and a one-line reason on stderr."""
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


def test_an_impossible_date_and_a_bad_size_are_usage_errors(capsys, tmp_path):
    err = _usage_error(capsys, ["demo", "--db", str(tmp_path / "d.db"), "--today", "2026-02-31"])
    assert "argument --today: “2026-02-31” is not a date: give one like 2026-11-21" in err
    assert not (tmp_path / "d.db").exists()
    err = _usage_error(capsys, ["screenshot", "--size", "abc", "-o", str(tmp_path / "x.png")])
    assert "argument --size: “abc” is not a size: give WIDTHxHEIGHT in pixels, like 1280x720" in err
    err = _usage_error(capsys, ["screenshot", "--size", "10x10", "-o", str(tmp_path / "x.png")])
    assert "10x10 is out of range" in err
    assert build_parser().parse_args(["screenshot", "--size", "1280X720", "-o", "x.png"]).size == (1280, 720)


def test_screenshot_offers_every_tab_of_the_window(capsys):
    tabs = [tab_id for tab_id, _spec, _title in TAB_CLASSES]
    assert tabs == ["start", "briefs", "job-cards", "routing", "shop-floor", "inspection", "wip", "invoices", "stock",
                    "schedule", "reports"]
    err = _usage_error(capsys, ["screenshot", "--tab", "nope", "-o", "x.png"])
    assert "invalid choice: 'nope'" in err and all(f"'{t}'" in err for t in tabs)
    with pytest.raises(SystemExit):
        main(["screenshot", "--help"])
    # help text wraps long lines, breaking "shop-floor" after its hyphen: read it as one line
    help_text = re.sub(r"-\s*\n\s*", "-", capsys.readouterr().out)
    assert "briefs, job-cards, routing, shop-floor, inspection, wip, invoices" in " ".join(help_text.split())


def test_a_reader_that_stops_early_gets_no_traceback(db, shop):
    """``workshop report wip | head``: the pipe closes before the report is written."""
    url = db.url.render_as_string(hide_password=False)
    jobs.change_status(db, shop.job.id, "release")
    process = subprocess.Popen([sys.executable, "-m", "workshop", "report", "wip", "--db", url],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # the reader is gone before a line is written
    err = process.stderr.read().decode()
    assert process.wait(timeout=60) == 1
    assert err == ""


def test_quote_revisions_that_are_not_there_are_named(db, shop, capsys, tmp_path):
    url = db.url.render_as_string(hide_password=False)
    brief = briefs.create_brief(db, customer_id=shop.customer.id, title="Hall table", requirements="A table")
    q = quotes.send_quote(db, quotes.create_quote(db, brief.id, lines=[("labour", "Making", "300.00")],
                                                    markup_pct="20").id)
    quotes.revise_quote(db, q.id, markup_pct="25")
    out = str(tmp_path / "q.pdf")
    for rev in ("0", "3", "-1"):
        assert main(["print", "quote", q.number, "--rev", rev, "-o", out, "--db", url]) == 1
        assert capsys.readouterr().err == f"workshop: {q.number} has no revision {rev}: it has rev 1 to 2.\n"
    assert main(["print", "quote", q.number, "--rev", "2", "-o", out, "--db", url]) == 0
    assert main(["print", "quote", "Q-1999-0001", "--rev", "1", "-o", out, "--db", url]) == 1
    assert "There is no quote Q-1999-0001." in capsys.readouterr().err


def test_statuses_read_the_same_in_every_command(db, shop, capsys):
    """The job's status as the window and the printed documents word it: "In progress"."""
    url = db.url.render_as_string(hide_password=False)
    routing.apply_template(db, shop.job.id, shop.template.id)
    for action in ("release", "start"):
        jobs.change_status(db, shop.job.id, action)
    cut = routing.list_operations(db, shop.job.id)[0]
    bookings.log_time(db, cut.id, shop.anna.id, minutes="30", mark_done=True)

    assert main(["job-cost", shop.job.number, "--db", url]) == 0
    job_cost = capsys.readouterr().out
    assert "Status: In progress" in job_cost and "in_progress" not in job_cost
    cut_row = next(line for line in job_cost.splitlines() if line.startswith("010 Cut panels"))
    assert cut_row.split()[4] == "Done"  # 010 Cut panels SAW Done …
    assert main(["report", "wip", "--db", url]) == 0
    wip_row = next(line for line in capsys.readouterr().out.splitlines() if line.startswith(shop.job.number))
    assert "In progress" in wip_row
    assert main(["job-cost", shop.job.number, "--json", "--db", url]) == 0
    assert '"status": "in_progress"' in capsys.readouterr().out  # JSON keeps the stable code


def test_screenshot_shows_the_job_on_each_tab(qtbot, db, shop, capsys, tmp_path):
    from PySide6.QtCore import QSettings

    from workshop.services import inspection
    from workshop.ui.app import create_main_window
    from workshop.ui.screenshot import _show_job

    other = jobs.create_job(db, customer_id=shop.customer.id, title="Pine shelf", due_date=shop.job.due_date)
    for job_id in (other.id, shop.job.id):  # the other job first: lists start on it
        routing.apply_template(db, job_id, shop.template.id)
        jobs.change_status(db, job_id, "release")
        jobs.change_status(db, job_id, "start")
    check = inspection.add_check(db, job_id=shop.job.id, characteristic="Doors close flush", check_type="pass_fail")
    inspection.add_check(db, job_id=other.id, characteristic="Shelf level", check_type="pass_fail")

    window = create_main_window(db, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    for tab_id in ("job-cards", "routing", "inspection", "wip"):
        window.select_tab(tab_id)
        qtbot.waitUntil(window.tab(tab_id).isVisible)  # a tab loads when first shown
        assert _show_job(window, tab_id, shop.job.id, shop.job.number) == ""
    assert window.tab("job-cards").detail.job.number == shop.job.number
    assert window.tab("routing").job_id == shop.job.id
    assert window.tab("inspection").record.check.id == check.id
    wip_tab = window.tab("wip")
    assert wip_tab.view.currentIndex().siblingAtColumn(0).data() == shop.job.number
    window.select_tab("briefs")
    assert _show_job(window, "briefs", shop.job.id, shop.job.number) == (
        f"{shop.job.number} was not made from a brief; the tab shows the first brief.")

    url = db.url.render_as_string(hide_password=False)
    out = tmp_path / "routing.png"
    assert main(["screenshot", "--db", url, "--tab", "routing", "--job", shop.job.number, "--size", "1024x700",
                 "-o", str(out)]) == 0
    assert QImage(str(out)).size().toTuple() == (1024, 700)
    assert capsys.readouterr().err == ""
