"""What the window asks before a job's status move, and the quality gate in words: a move that
ends work names what is unfinished (operations not done, rework, checks without a pass), and
completing with operations not done, like the other reasoned moves, needs a reason. Pure rules
over what the services gather (``UnfinishedWork``); the moves themselves are in ``statuses``."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ValidationError
from .statuses import ENDING_ACTIONS, FINISHED_JOB_STATUSES, JobStatus, job_action


def check_unfinished(action: str, reason: str, unfinished: UnfinishedWork) -> None:
    """Completing with operations not done needs a reason (kept in the status history)."""
    if needs_reason(action, unfinished) and not reason.strip():
        raise ValidationError("reason", f"{unfinished.operations_text()}: give a reason to complete it anyway.")


@dataclass(frozen=True)
class UnfinishedWork:
    """What is not finished on a job, gathered by the services for the questions below."""
    operations_total: int = 0
    operations_open: int = 0
    #: numbers of the non-conformance reports whose rework operation is not done
    rework_from: tuple[str, ...] = ()
    checks: int = 0
    #: what stops the quality gate (required checks without a pass, open reports)
    gate_problems: tuple[str, ...] = ()

    def operations_text(self) -> str:
        """``6 of 7 operations not done, including rework from NCR-2026-0003``."""
        noun = "operation" if self.operations_total == 1 else "operations"
        text = f"{self.operations_open} of {self.operations_total} {noun} not done"
        if self.rework_from:
            text += ", including rework from " + ", ".join(self.rework_from)
        return text


def needs_reason(action: str, unfinished: UnfinishedWork | None = None) -> bool:
    if job_action(action).needs_reason:
        return True
    return action == "complete" and unfinished is not None and unfinished.operations_open > 0


@dataclass(frozen=True)
class StatusQuestion:
    """What the window asks before a status move: shown as is, answered with a reason when
    ``needs_reason``, else confirmed (``confirm``) or simply done."""
    action: str
    title: str
    text: str
    confirm: bool
    needs_reason: bool
    confirm_label: str
    #: the quality gate will refuse the move: asking first would only waste the person's typing
    blocked: bool = False


def gate_summary(u: UnfinishedWork, status: JobStatus | str | None = None) -> tuple[str, str]:
    """Whether the job may be completed, in words: ``(state, text)`` with state "blocked" (the
    gate refuses), "no_checks", "unfinished" (operations not done), "ready", or "finished" for a
    job already past completion (it is no longer "ready to complete"). "Ready to complete" only
    when there are checks, all required ones passed, no report is open and the work is done."""
    if status is not None and JobStatus(status) in FINISHED_JOB_STATUSES:
        label = JobStatus(status).label
        if JobStatus(status) is JobStatus.CANCELLED:
            return "finished", f"{label}: nothing more is inspected on this job."
        passed = "every required check passed" if u.checks else "it had no checks"
        return "finished", f"{label}: {passed}. The results below are its quality record."
    if u.gate_problems:
        return "blocked", "Not ready to complete:\n" + "\n".join(f"•  {p[0].upper()}{p[1:]}" for p in u.gate_problems)
    ops = f"; {u.operations_text()}." if u.operations_open else "."
    if not u.checks:
        return "no_checks", f"No checks on this job, so nothing is inspected before it is completed{ops}"
    if u.operations_open:
        return "unfinished", f"Every required check has passed and no report is open, but {u.operations_text()}."
    return "ready", "Ready to complete: every required check has passed, no report is open and every operation is done."


_CONSEQUENCE = {
    "complete": "The work is then finished: it can be delivered, and reopened with a reason if need be.",
    "deliver": "The job then counts as handed over to the customer.",
    "close": "A closed job can no longer be changed: its fields, bookings, routing and bill of materials become "
             "read-only. It can be reopened with a reason. (A job closes by itself once its final invoice is paid "
             "in full.)",
    "cancel": "All work on it stops and it can no longer be changed; a cancelled job cannot be reopened.",
    "reopen": "It goes back to in progress, so work can be booked and changed again. The reason is kept in its "
              "status history.",
}


def status_question(action: str, number: str, unfinished: UnfinishedWork) -> StatusQuestion:
    """The question before ``action`` on job ``number``: an ending move names what is unfinished."""
    spec = job_action(action)
    verb = {"deliver": f"Mark {number} as delivered", "cancel": f"Cancel {number}"}.get(
        action, f"{spec.label} {number}")
    lines = []
    if action in ENDING_ACTIONS:
        u = unfinished
        if u.operations_open:
            lines.append(f"{u.operations_text()}.")
        elif u.operations_total:
            lines.append(f"All {u.operations_total} operations are done." if u.operations_total > 1
                         else "Its one operation is done.")
        else:
            lines.append("It has no operations.")
        if action != "cancel":
            if u.gate_problems:
                lines.append("Quality: " + "; ".join(u.gate_problems) + ".")
            elif not u.checks:
                lines.append("It has no inspection checks: nothing was inspected.")
    if action in _CONSEQUENCE:
        lines.append(_CONSEQUENCE[action])
    reason = needs_reason(action, unfinished)
    if reason:
        lines.append({"complete": "Why complete it with work unfinished?", "cancel": "Why cancel it?"}.get(
            action, f"Why {spec.label.lower()} {number}?"))
    asks = action in ENDING_ACTIONS or action == "reopen"
    blocked = action in ("complete", "deliver") and bool(unfinished.gate_problems)
    return StatusQuestion(action, f"{verb}?" if asks else spec.label, "\n\n".join(lines), asks, reason, spec.label,
                          blocked)
