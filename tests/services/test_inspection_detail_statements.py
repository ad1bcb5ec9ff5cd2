"""What the Inspection tab shows for a chosen check is read at once (issue 17: choosing a check sent
16 statements on the ten-year shop, two more for each result signed, one more for each report a test
raised): ``check_detail`` gives the check, its results, its job's reports and tests in the same few
statements however many there are, and says what ``get_check``, ``list_results``, ``list_ncrs`` and
``list_finished_tests`` say; those lists read their rows' readings, photos, corrections and reports
in one statement each, not one per row (counted, not timed)."""

from __future__ import annotations

import pytest

from support.inspection_jobs import job_in_inspection
from support.statements import statements_of
from workshop.domain.errors import NotFoundError, ValidationError
from workshop.services import finished_tests, inspection, jobs, nonconformance as ncrs

#: The check with its operation, job and customer; its job's results; its job's reports; its job's tests.
DUE = 4
#: … and its results' reports, readings and photos.
INSPECTED = DUE + 3
#: … and the job's closed concessions for the check, once it has a failed result.
FAILED = INSPECTED + 1
#: ``with_job=False`` leaves out the job's reports and tests.
WITHOUT_JOB = 2

PHOTO = ("top.jpg", b"\xff\xd8\xff not really a jpeg")


def _count(db, fn) -> int:
    begin = 1 if db.engine.dialect.name == "sqlite" else 0  # one unit of work
    return statements_of(db, fn) - begin


def _each_part(db, check_id: int) -> tuple:
    detail = inspection.check_detail(db, check_id)
    return (detail.check, list(detail.results), list(detail.reports), list(detail.tests))


def _the_services(db, check_id: int) -> tuple:
    check = inspection.get_check(db, check_id)
    return (check, inspection.list_results(db, check_id=check_id), ncrs.list_ncrs(db, job_id=check.job_id),
            finished_tests.list_finished_tests(db, check.job_id))


def test_a_chosen_check_is_read_in_the_same_statements_however_much_is_signed(db, shop):
    small, small_flat, small_sheen = job_in_inspection(db, shop, "Hall table")
    big, big_flat, big_sheen = job_in_inspection(db, shop, "Kitchen run")
    counts = lambda check: (_count(db, lambda: inspection.check_detail(db, check.id)),  # noqa: E731
                            _count(db, lambda: inspection.check_detail(db, check.id, with_job=False)))
    assert counts(small_flat) == counts(big_flat) == (DUE, WITHOUT_JOB)  # nothing signed yet

    inspection.record_result(db, small_sheen.id, result="pass", inspector="Anna")
    for i in range(5):  # five passes, each with readings and a photo, then one corrected
        inspection.record_result(db, big_sheen.id, result="pass", inspector="Tom", photos=[PHOTO])
    first = inspection.list_results(db, check_id=big_sheen.id)[0]
    inspection.correct_result(db, first.id, reason="Wrong job's card", result="pass", inspector="Tom")
    for i in range(3):
        finished_tests.record_finished_test(db, big.id, name=f"Shelf {i}", nominal="0", lower_tolerance="0",
                                            upper_tolerance="2", unit="mm", value="3", tester="Tom")  # each fails
    ncrs.raise_ncr(db, big.id, description="Scratch on the left side")
    assert len(inspection.list_results(db, check_id=big_sheen.id)) == 6 and len(ncrs.list_ncrs(db, job_id=big.id)) == 4
    assert counts(small_sheen) == counts(big_sheen) == (INSPECTED, INSPECTED - (DUE - WITHOUT_JOB))

    inspection.record_result(db, small_flat.id, readings="0.7", inspector="Anna")
    for readings in ("0.6, 0.7", "0.1, 0.2, 0.3", "0.9"):
        inspection.record_result(db, big_flat.id, readings=readings, inspector="Anna")
    assert counts(small_flat) == counts(big_flat) == (FAILED, FAILED - (DUE - WITHOUT_JOB))
    assert _each_part(db, big_flat.id) == _the_services(db, big_flat.id)
    assert _each_part(db, big_sheen.id) == _the_services(db, big_sheen.id)


def test_the_chosen_check_as_the_services_say_it_worked_out_by_hand(db, shop):
    job, flat, sheen = job_in_inspection(db, shop, "Oak dresser")
    # flat: fails (a report, reworked), then passes
    failed = inspection.record_result(db, flat.id, readings="0.3, 0.8", inspector="Anna Kowalska",
                                      inspector_id=shop.anna.id)
    ncrs.disposition(db, failed.ncr_id, disposition="rework", cause="Top cupped", rework_minutes="30")
    inspection.record_result(db, flat.id, readings="0.2", inspector="Tom Reed", photos=[PHOTO])
    # sheen: a pass corrected to a fail (its report), accepted by concession
    passed = inspection.record_result(db, sheen.id, result="pass", inspector="Tom Reed")
    corrected = inspection.correct_result(db, passed.id, reason="Runs seen in daylight", result="fail",
                                          inspector="Tom Reed", notes="runs on the left door")
    ncrs.disposition(db, corrected.ncr_id, disposition="use_as_is", cause="Rushed coat",
                     concession_reference="CON-12")
    ncrs.verify(db, corrected.ncr_id, verified_by="Ruth Harrow")
    ncrs.close_ncr(db, corrected.ncr_id)
    # a finished-goods test fails (its report), another passes; a report raised by hand
    finished_tests.record_finished_test(db, job.id, name="Shelf load", nominal="0", lower_tolerance="0",
                                        upper_tolerance="2", unit="mm", value="3.5", tester="Tom Reed")
    finished_tests.record_finished_test(db, job.id, name="Drawer run", test_type="pass_fail", result="pass",
                                        tester="Tom Reed")
    ncrs.raise_ncr(db, job.id, description="Scratch on the left side", raised_by="Anna Kowalska")

    detail = inspection.check_detail(db, flat.id)
    assert (detail.job_number, detail.job_title, detail.customer_name) == (
        jobs.get_job(db, job.id).number, "Oak dresser", "Harrow & Finch Interiors")
    assert (detail.check.characteristic, detail.check.where, detail.check.state, detail.check.has_results) == (
        "Top flatness", "030 Check and oil", "pass", True)
    assert [(r.result, r.readings_text, r.inspector, r.inspector_id, [p.file_name for p in r.photos],
             r.ncr_number is not None) for r in detail.results] == [
        ("fail", "0.3 mm, 0.8 mm", "Anna Kowalska", shop.anna.id, [], True),
        ("pass", "0.2 mm", "Tom Reed", None, ["top.jpg"], False)]
    assert [r.in_tolerance for r in detail.results[0].readings] == [True, False]
    # the job's reports, newest first: by hand, the test's, the concession, the rework
    assert [(n.characteristic, n.status, n.disposition) for n in detail.reports] == [
        ("", "open", None), ("Shelf load", "open", None), ("Oil finish even", "closed", "use_as_is"),
        ("Top flatness", "dispositioned", "rework")]
    assert detail.reports[3].rework_op_number is not None
    assert [(t.name, t.result, t.ncr_number) for t in detail.tests] == [
        ("Shelf load", "fail", detail.reports[1].number), ("Drawer run", "pass", None)]
    assert _each_part(db, flat.id) == _the_services(db, flat.id)

    sheen_detail = inspection.check_detail(db, sheen.id, with_job=False)
    assert sheen_detail.check.state == "concession" and sheen_detail.reports is sheen_detail.tests is None
    assert [(r.result, r.superseded_by, r.corrects_id, r.correction_reason, r.ncr_number) for r in
            sheen_detail.results] == [("pass", corrected.id, None, "", None),
                                      ("fail", None, passed.id, "Runs seen in daylight", corrected.ncr_number)]
    assert _each_part(db, sheen.id) == _the_services(db, sheen.id)


def test_a_check_that_is_not_there_is_refused_as_get_check_refuses_it(db, shop):
    with pytest.raises(NotFoundError) as missing:
        inspection.check_detail(db, 999)
    assert missing.value.field == "check"
    for bad in (None, "abc"):
        with pytest.raises(ValidationError):
            inspection.check_detail(db, bad)


def test_the_lists_read_their_rows_details_once_not_per_row(db, shop):
    small, small_flat, _ = job_in_inspection(db, shop, "Hall table")
    big, big_flat, big_sheen = job_in_inspection(db, shop, "Kitchen run")
    inspection.record_result(db, small_flat.id, readings="0.7", inspector="Anna")
    finished_tests.record_finished_test(db, small.id, name="Shelf", test_type="pass_fail", result="fail", tester="Tom")
    for readings in ("0.6, 0.7", "0.1, 0.2, 0.3", "0.9", "0.2"):
        inspection.record_result(db, big_flat.id, readings=readings, inspector="Anna", photos=[PHOTO])
    inspection.record_result(db, big_sheen.id, result="fail", inspector="Anna")
    for i in range(4):
        finished_tests.record_finished_test(db, big.id, name=f"Shelf {i}", test_type="pass_fail", result="fail",
                                            tester="Tom")
    # the job (or check) itself, the results, and their corrections, reports, readings and photos
    for job, check in ((small, small_flat), (big, big_flat)):
        assert _count(db, lambda: inspection.list_results(db, job_id=job.id)) == 6
        assert _count(db, lambda: inspection.list_results(db, check_id=check.id)) == 6
        assert _count(db, lambda: ncrs.list_ncrs(db, job_id=job.id)) == 2  # the job, its reports
        assert _count(db, lambda: finished_tests.list_finished_tests(db, job.id)) == 2  # the job, its tests
    # two of flat's four results failed and sheen's did, each raising a report, and the four tests
    assert len(inspection.list_results(db, job_id=big.id)) == 5 and len(ncrs.list_ncrs(db, job_id=big.id)) == 7
