"""Which invoices a job takes in each status, and the moves only the program makes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from workshop.domain import job_statement as js
from workshop.domain import status_questions as sq
from workshop.domain import statuses as st
from workshop.domain.errors import ValidationError

# status: (deposit or progress, final)
BILLING = {
    "planned": (True, False),
    "released": (True, False),
    "in_progress": (True, False),
    "on_hold": (True, False),
    "inspection": (True, False),
    "complete": (True, False),
    "delivered": (True, True),
    "invoiced": (False, True),  # marked so before it had a final invoice: the final may still come
    "closed": (False, False),
    "cancelled": (False, False),
}


def test_every_job_status_has_a_billing_rule():
    assert set(BILLING) == {s.value for s in st.JobStatus}


@pytest.mark.parametrize("status", BILLING)
def test_what_each_status_may_be_invoiced_for(status):
    stage, final = BILLING[status]
    assert (js.can_bill_stage(status), js.can_bill_final(status)) == (stage, final)
    assert js.can_invoice(status) == (stage or final)


def test_invoiced_is_the_programs_move_and_closing_by_hand_needs_a_reason():
    assert "invoice" in st.JOB_ACTIONS and not st.JOB_ACTIONS["invoice"].by_hand
    assert "invoice" not in [a.name for a in st.allowed_actions("delivered")]
    assert [a.name for a in st.allowed_actions("delivered")] == ["close", "reopen"]
    with pytest.raises(ValidationError) as info:
        st.check_by_hand("invoice")
    assert info.value.field == "action" and "final invoice" in info.value.message
    st.check_by_hand("close")  # a person's move: no refusal
    with pytest.raises(ValidationError, match="Give a reason to close"):
        st.target("close", "invoiced")
    assert st.target("close", "delivered", "Billed before the program was used") is st.JobStatus.CLOSED
    question = sq.status_question("close", "J-2026-0001", sq.UnfinishedWork())
    assert question.needs_reason and question.text.endswith("Why close J-2026-0001?")


@pytest.mark.parametrize("terms, percent", [
    ("Prices exclude VAT. 40% deposit on acceptance, balance on delivery.", Decimal("40")),
    ("A deposit of 25 % with the order.", Decimal("25")),
    ("12.5% cash deposit", Decimal("12.5")),
    ("30 % DEPOSIT", Decimal("30")),
    ("Payment within 30 days.", None),  # a number, but no deposit
    ("0% deposit", None),  # impossible shares are not offered
    ("120% deposit", None),
    ("", None),
])
def test_the_deposit_a_quotes_terms_ask_for(terms, percent):
    assert js.deposit_percent_in(terms) == percent


def test_why_a_job_takes_no_invoice_now():
    assert js.invoice_waits("J-2026-0001", "closed") == "Job J-2026-0001 is closed; it takes no more invoices."
    assert js.invoice_waits("J-2026-0001", "cancelled") == "Job J-2026-0001 is cancelled; it takes no more invoices."
    assert js.invoice_waits("J-2026-0001", "planned") == (
        "Job J-2026-0001 is planned; a deposit or progress invoice is made from planning on, the final invoice "
        "once it is delivered.")
