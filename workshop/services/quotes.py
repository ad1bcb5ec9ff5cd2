"""Quotes on a brief: cost lines (entered, or built from a job's estimate or actual cost, see
``quote_lines``),
contingency, a markup or a target margin, a design fee; revisions with history kept; and the
statuses draft → sent → accepted, rejected or expired. Accepting makes (or links) the job with
the quoted price as its budget. Prices come from ``workshop.domain.pricing.price_quote``.

A brief's price is settled once: see ``brief_price`` (no quote moves once the brief is a job).

``superseded`` marks a draft or sent revision that a newer revision replaced.

A draft may be open in two editors on two PCs (issue 18): each revision carries a version
(``QuoteDetail.version``) and who saved it last; ``update_quote(expected_version=…)`` refuses a save
made from an older version (services.edits), and every other change here (sending, deciding,
superseding) raises the version too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload

from ..db.engine import Database
from ..db.models import Brief, Job, Quote, QuoteHours, QuoteLine, Workstation
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.cost_figures import decimal_input
from ..domain.errors import NotFoundError, ValidationError
from ..domain.labels import quote_label
from ..domain.locale_text import DEFAULT_LOCALE, format_date
from ..domain.pricing import QuotePrice, QuoteCostLine, price_quote, tax_on
from ..domain.statuses import (REVISABLE_QUOTE_STATUSES, BriefStatus, JobStatus, QuoteStatus, check_brief_move,
                               is_read_only)
from .common import get_or_fail, next_number, session_locale, settings_row, shop_locale
from .edits import refuse_stale, rows_of_it_changed, saved_or_conflict
from .brief_price import approved_changes, check_open, closed_reason
from .promise import check_hours_in_session
from .quote_lines import QuoteLineInput, clean_lines, lines_from_cost
from .quote_views import QuoteDetail, QuoteHoursView, QuoteLineView, QuoteRow

# --- cleaning ----------------------------------------------------------------------------------


def _pct(field: str, value: object, label_: str, *, required: bool, locale: str = DEFAULT_LOCALE) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(field, f"{label_} is required.")
        return None
    number = decimal_input(field, value, label=label_, places=4, locale=locale)
    if number > 1000:
        raise ValidationError(field, f"{label_} must be at most 1000%.")
    return number.quantize(Decimal("0.0001"))


def _flag(field: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(field, f"{field.replace('_', ' ').capitalize()} must be ticked or not (True or False).")
    return value


def clean_terms(values: dict, *, locale: str = DEFAULT_LOCALE) -> dict:
    """Clean the pricing and wording fields (typed figures read in the shop's ``locale``)."""
    clean = {
        "contingency_pct": _pct("contingency_pct", values.get("contingency_pct", "0"), "Contingency", required=True,
                                locale=locale),
        "markup_pct": _pct("markup_pct", values.get("markup_pct"), "Markup", required=False, locale=locale),
        "target_margin_pct": _pct("target_margin_pct", values.get("target_margin_pct"), "Target margin",
                                  required=False, locale=locale),
        "design_fee": v.money("design_fee", values.get("design_fee", "0"), locale=locale),
        "quantity": v.positive_int("quantity", values.get("quantity", 1), locale=locale),
        "title": v.text("title", values.get("title"), required=True),
        "terms": v.long_text("terms", values.get("terms", "")),
        "payment_terms": v.long_text("payment_terms", values.get("payment_terms", "")),
        "exclusions": v.long_text("exclusions", values.get("exclusions", "")),
        "print_constraints": _flag("print_constraints", values.get("print_constraints", False)),
        "notes": v.long_text("notes", values.get("notes", "")),
        "valid_until": v.date("valid_until", values.get("valid_until"), required=False, locale=locale),
        "promised_date": v.date("promised_date", values.get("promised_date"), required=False, locale=locale),
    }
    return clean


def _check_promise(clean: Mapping, today: dt.date, locale: str) -> None:
    """A delivery date being promised now cannot be in the past."""
    v.date("promised_date", clean["promised_date"], required=False, not_before=today, locale=locale)


def _store_hours(s: Session, q: Quote, rows: Sequence[tuple[int, Decimal]]) -> None:
    s.execute(delete(QuoteHours).where(QuoteHours.quote_id == q.id))
    s.add_all(QuoteHours(quote_id=q.id, position=i, workstation_id=ws_id, hours=hours)
              for i, (ws_id, hours) in enumerate(rows, start=1))
    s.flush()


def _hours_of(s: Session, quote_id: int) -> tuple[QuoteHoursView, ...]:
    rows = s.execute(select(QuoteHours, Workstation.code, Workstation.name)
                     .join(Workstation, Workstation.id == QuoteHours.workstation_id)
                     .where(QuoteHours.quote_id == quote_id).order_by(QuoteHours.position))
    return tuple(QuoteHoursView(row.workstation_id, code, name, row.hours) for row, code, name in rows)


def _price(lines: Sequence[QuoteLineInput], clean: Mapping) -> QuotePrice:
    return price_quote([QuoteCostLine(f"{ln.category} {ln.description}".strip() if ln.description else ln.category,
                                      Decimal(ln.amount)) for ln in lines],
                       clean["contingency_pct"], clean["markup_pct"], clean["target_margin_pct"], clean["design_fee"])


def store_quote(s: Session, q: Quote, lines: Sequence[QuoteLineInput], clean: Mapping) -> None:
    """Give ``q`` its cleaned terms and lines and price it, inside the caller's unit of work."""
    pricing = _price(lines, clean)
    for name, value in clean.items():
        setattr(q, name, value)
    q.lines = [QuoteLine(position=i, category=ln.category, description=ln.description, amount=Decimal(ln.amount),
                         explanation=ln.explanation) for i, ln in enumerate(lines, start=1)]
    q.cost = pricing.cost.amount
    q.price = pricing.price.amount
    s.flush()


# --- views -------------------------------------------------------------------------------------


def _row(q: Quote) -> QuoteRow:
    return QuoteRow(q.id, q.number, q.revision, quote_label(q.number, q.revision), q.brief_id, q.brief.number,
                    q.brief.customer.name, q.title, QuoteStatus(q.status), q.price, q.valid_until, q.created_at,
                    q.job.number if q.job else None)


def _latest_revision(s: Session, number: str) -> int:
    return s.scalar(select(func.max(Quote.revision)).where(Quote.number == number)) or 0


def _actions(q: Quote, latest: bool, overdue: bool, brief_open: bool) -> tuple[str, ...]:
    """What can be done with ``q``; on a closed brief only what leaves the job's budget alone."""
    actions = []
    if q.status == QuoteStatus.DRAFT and brief_open:
        actions += ["edit", "send"]
    if q.status == QuoteStatus.SENT:
        actions += (["expire"] if overdue else (["accept", "reject"] if brief_open else ["reject"]))
    if latest and q.status in REVISABLE_QUOTE_STATUSES and brief_open:
        actions.append("revise")
    return tuple(actions)


def _detail(s: Session, db: Database, q: Quote) -> QuoteDetail:
    settings = settings_row(s)
    lines = tuple(QuoteLineView(ln.position, ln.category, ln.description, ln.amount, ln.explanation) for ln in q.lines)
    pricing = _price([QuoteLineInput(ln.category, ln.description, ln.amount) for ln in lines],
                     {"contingency_pct": q.contingency_pct, "markup_pct": q.markup_pct,
                      "target_margin_pct": q.target_margin_pct, "design_fee": q.design_fee})
    tax = tax_on(q.price, settings.default_tax_rate)
    latest = q.revision == _latest_revision(s, q.number)
    overdue = q.status == QuoteStatus.SENT and q.valid_until is not None and q.valid_until < db.today()
    closed = "" if q.status == QuoteStatus.ACCEPTED else closed_reason(s, q.brief)
    revisions = tuple(_row(r) for r in s.scalars(_list_query().where(Quote.number == q.number)
                                                  .order_by(None).order_by(Quote.revision)))
    return QuoteDetail(
        q.id, q.number, q.revision, quote_label(q.number, q.revision), q.brief_id, q.brief.number, q.brief.customer_id,
        q.brief.customer.name, q.title, QuoteStatus(q.status), q.quantity, q.valid_until, q.contingency_pct,
        q.markup_pct, q.target_margin_pct, q.design_fee, q.terms, q.notes, lines, pricing, q.price,
        settings.default_tax_rate, tax, q.price + tax, settings.currency, q.created_at, q.sent_at, q.decided_on,
        q.decision_reason, q.job_id, q.job.number if q.job else None, latest, overdue,
        _actions(q, latest, overdue, not closed), revisions, closed, payment_terms=q.payment_terms,
        exclusions=q.exclusions, print_constraints=q.print_constraints, promised_date=q.promised_date,
        hours=_hours_of(s, q.id), version=q.version, updated_by=q.updated_by,
        saved_at=q.saved_at,
    )


def _list_query():
    return (select(Quote).options(selectinload(Quote.brief).selectinload(Brief.customer), selectinload(Quote.job))
            .order_by(Quote.created_at.desc(), Quote.id.desc()))


def _draft_job(s: Session, brief: Brief) -> Job | None:
    return s.scalar(select(Job).where(Job.brief_id == brief.id, Job.status != JobStatus.CANCELLED.value)
                    .order_by(Job.id.desc()).limit(1))


# --- actions -----------------------------------------------------------------------------------


@writes(Change.QUOTES)
def create_quote(db: Database, brief_id: int, *, lines: Iterable[object] | None = None, contingency_pct="0",
                 markup_pct=None, target_margin_pct=None, design_fee="0", valid_until=None, terms: str | None = None,
                 notes: str = "", quantity=None, title: str | None = None, payment_terms: str | None = None,
                 exclusions: str | None = None, print_constraints: bool = False, promised_date=None,
                 hours: Sequence[tuple[int, object]] | None = None) -> QuoteDetail:
    """A draft quote (revision 1) on an open brief. ``lines``: (category, description, amount)
    as dicts, tuples or ``QuoteLineInput``; without them, the lines come from the estimate of the
    job already planned for the brief. Give either ``markup_pct`` or ``target_margin_pct``.
    Terms, payment terms and exclusions not given are the shop's (Company settings). ``hours``:
    (workstation id, hours) in the order the work is done, what ``promised_date`` was scheduled on."""
    values = dict(contingency_pct=contingency_pct, markup_pct=markup_pct, target_margin_pct=target_margin_pct,
                  design_fee=design_fee, valid_until=valid_until, notes=notes, print_constraints=print_constraints,
                  promised_date=promised_date)
    locale = shop_locale(db)
    checked = clean_lines(lines, locale=locale) if lines is not None else None
    with db.session() as s:
        brief = get_or_fail(s, Brief, brief_id, "brief", "brief")
        check_open(s, brief)
        job = _draft_job(s, brief)
        if checked is None:
            if job is None:
                raise ValidationError("lines", "Enter the cost lines, or plan a job for this brief so the quote "
                                               "can be built from its estimate.")
            from .job_costing import estimate_in_session

            checked = lines_from_cost(estimate_in_session(s, job), f"estimate, {job.number}")
            if not checked:
                raise ValidationError("lines", f"Job {job.number} has no routing or materials to estimate from.")
        settings = settings_row(s)
        values["title"] = brief.title if title is None else title
        values["quantity"] = quantity if quantity is not None else (job.quantity if job else 1)
        values["terms"] = settings.quote_terms if terms is None else terms
        values["payment_terms"] = settings.quote_payment_terms if payment_terms is None else payment_terms
        values["exclusions"] = settings.quote_exclusions if exclusions is None else exclusions
        clean = clean_terms(values, locale=locale)
        if clean["valid_until"] is not None and clean["valid_until"] < db.today():
            raise ValidationError("valid_until", "The quote would be out of date before it is sent.")
        _check_promise(clean, db.today(), locale)
        quoted_hours = check_hours_in_session(s, hours or ())
        number = next_number(s, settings.quote_prefix, db.today().year)
        q = Quote(number=number, revision=1, brief_id=brief.id, status=QuoteStatus.DRAFT.value, created_at=db.now())
        s.add(q)
        store_quote(s, q, checked, clean)
        _store_hours(s, q, quoted_hours)
        return _detail(s, db, q)


def _quote(s: Session, quote_id: int) -> Quote:
    return get_or_fail(s, Quote, quote_id, "quote", "quote")


def _merge(q: Quote, changes: dict, *, locale: str = DEFAULT_LOCALE) -> tuple[list[QuoteLineInput], dict]:
    allowed = {"lines", "contingency_pct", "markup_pct", "target_margin_pct", "design_fee", "valid_until", "terms",
               "notes", "quantity", "title", "payment_terms", "exclusions", "print_constraints", "promised_date"}
    unknown = set(changes) - allowed
    if unknown:
        name = sorted(unknown)[0]
        raise ValidationError(name, f"“{name}” is not a field that can be set here.")
    values = {name: getattr(q, name) for name in allowed - {"lines"}}
    if "markup_pct" in changes and "target_margin_pct" not in changes:
        values["target_margin_pct"] = None
    if "target_margin_pct" in changes and "markup_pct" not in changes:
        values["markup_pct"] = None
    values.update({k: val for k, val in changes.items() if k != "lines"})
    if "lines" in changes:
        lines = clean_lines(changes["lines"], locale=locale)
    else:
        lines = [QuoteLineInput(ln.category, ln.description, ln.amount, ln.explanation) for ln in q.lines]
    return lines, clean_terms(values, locale=locale)


@writes(Change.QUOTES)
def update_quote(db: Database, quote_id: int, *, expected_version: int | None = None, **changes) -> QuoteDetail:
    """Edit a draft in place (a sent quote is revised instead, so what the customer saw is kept).
    ``hours`` replaces the hours it is promised on. ``expected_version``: the version the editor
    showed; saved by someone since, EditConflict (services.edits) and nothing is saved. Without it
    (a script) the save is made as it stands."""
    return saved_or_conflict(lambda: _update_quote(db, quote_id, expected_version, changes),
                             lambda: get_quote(db, quote_id), lambda q: f"Quote {q.label}")


def _update_quote(db: Database, quote_id: int, expected_version: int | None, changes: dict) -> QuoteDetail:
    changes = dict(changes)
    hours = changes.pop("hours", None)
    with db.session() as s:
        q = _quote(s, quote_id)
        # a draft sent (or revised) meanwhile is refused in its own words, before any question of versions
        if q.status != QuoteStatus.DRAFT:
            raise ValidationError("status", f"{quote_label(q.number, q.revision)} is {q.status}; revise it instead.")
        refuse_stale(q, expected_version, f"Quote {quote_label(q.number, q.revision)}", lambda: _detail(s, db, q))
        check_open(s, q.brief)
        lines, clean = _merge(q, changes, locale=session_locale(s))
        if "promised_date" in changes:
            _check_promise(clean, db.today(), session_locale(s))
        quoted_hours = check_hours_in_session(s, hours) if hours is not None else None
        began = q.version
        with s.no_autoflush:  # one UPDATE of its row (loading its old lines would flush it half-set)
            store_quote(s, q, lines, clean)
        if quoted_hours is not None:
            _store_hours(s, q, quoted_hours)
        if q.version == began:  # its lines or hours alone
            rows_of_it_changed(q)
            s.flush()
        return _detail(s, db, q)


@writes(Change.QUOTES)
def revise_quote(db: Database, quote_id: int, **changes) -> QuoteDetail:
    """A new revision (same number, revision + 1) as a draft, with ``changes`` applied; the old
    revision is kept as it was (a draft or sent one is marked superseded). It keeps the old one's
    hours unless ``hours`` are given; a promised date already past is cleared."""
    hours = changes.pop("hours", None)
    with db.session() as s:
        old = _quote(s, quote_id)
        if old.revision != _latest_revision(s, old.number):
            raise ValidationError("quote", f"{quote_label(old.number, old.revision)} is not the latest revision.")
        if old.status not in REVISABLE_QUOTE_STATUSES:
            raise ValidationError("status", f"{quote_label(old.number, old.revision)} is {old.status}; "
                                            "it cannot be revised.")
        check_open(s, old.brief)
        lines, clean = _merge(old, changes, locale=session_locale(s))
        if clean["valid_until"] is not None and clean["valid_until"] < db.today():
            clean["valid_until"] = None  # a fresh validity is set when the revision is sent
        if "promised_date" in changes:
            _check_promise(clean, db.today(), session_locale(s))
        elif clean["promised_date"] is not None and clean["promised_date"] < db.today():
            clean["promised_date"] = None  # a promise already broken is not made again
        quoted_hours = check_hours_in_session(s, hours) if hours is not None else \
            [(row.workstation_id, row.hours) for row in _hours_of(s, old.id)]
        if old.status in (QuoteStatus.DRAFT, QuoteStatus.SENT):
            old.status = QuoteStatus.SUPERSEDED.value
        new = Quote(number=old.number, revision=old.revision + 1, brief_id=old.brief_id,
                    status=QuoteStatus.DRAFT.value, created_at=db.now())
        s.add(new)
        store_quote(s, new, lines, clean)
        _store_hours(s, new, quoted_hours)
        return _detail(s, db, new)


def _decision_date(db: Database, value) -> dt.date:
    return v.date("decided_on", value, required=False, locale=shop_locale(db)) or db.today()


@writes(Change.QUOTES | Change.BRIEFS)
def send_quote(db: Database, quote_id: int, *, valid_until=None) -> QuoteDetail:
    """Draft → sent. Validity: ``valid_until``, else the quote's own, else the shop's default days."""
    valid_until = v.date("valid_until", valid_until, required=False, not_before=db.today(), locale=shop_locale(db))
    with db.session() as s:
        q = _quote(s, quote_id)
        if q.status != QuoteStatus.DRAFT:
            raise ValidationError("status", f"{quote_label(q.number, q.revision)} is {q.status}; "
                                            "only a draft can be sent.")
        check_open(s, q.brief)
        if valid_until is not None:
            q.valid_until = valid_until
        if q.valid_until is None or q.valid_until < db.today():
            q.valid_until = db.today() + dt.timedelta(days=settings_row(s).quote_validity_days)
        q.status = QuoteStatus.SENT.value
        q.sent_at = db.now()
        if q.brief.status == BriefStatus.NEW.value:
            q.brief.status = BriefStatus.QUOTED.value
            q.brief.updated_at = db.now()
        s.flush()
        return _detail(s, db, q)


def _sent(q: Quote, action: str, day: dt.date, locale: str) -> None:
    if q.status != QuoteStatus.SENT:
        raise ValidationError("status", f"{quote_label(q.number, q.revision)} is {q.status}; only a sent quote can be "
                                        f"{action}.")
    if q.valid_until is not None and day > q.valid_until:
        raise ValidationError("status", f"{quote_label(q.number, q.revision)} expired on "
                                        f"{format_date(q.valid_until, locale)}; "
                                        "revise it to quote again.")


@writes(Change.QUOTES | Change.BRIEFS | Change.JOBS | Change.FILES)
def accept_quote(db: Database, quote_id: int, *, due_date=None, job_id: int | None = None, decided_on=None,
                 priority: str = "normal") -> QuoteDetail:
    """Sent → accepted, in one unit of work: links ``job_id`` (or the job already planned for the
    brief), else makes the job from the brief (due ``due_date``, else the date the quote promised,
    else the brief's required-by date); the job's budget becomes the quoted price plus any change orders already approved on
    it, and the brief is won. Refused once the brief is won (see the module's note)."""
    from .jobs import convert_brief_in_session

    day = _decision_date(db, decided_on)
    with db.session() as s:
        q = _quote(s, quote_id)
        _sent(q, "accepted", day, session_locale(s))
        brief = q.brief
        check_open(s, brief)
        job = get_or_fail(s, Job, job_id, "job_id", "job") if job_id is not None else _draft_job(s, brief)
        if job is not None:
            if job.brief_id not in (None, brief.id) or job.customer_id != brief.customer_id:
                raise ValidationError("job_id", f"Job {job.number} is for another brief or customer.")
            if is_read_only(job.status):
                raise ValidationError("job_id", f"Job {job.number} is {job.status}.")
            job.brief_id = brief.id
            job.budget = q.price + approved_changes(s, job)
            job.updated_at = db.now()
            if brief.status != BriefStatus.WON.value:
                check_brief_move(brief.status, BriefStatus.WON)
                brief.status = BriefStatus.WON.value
                brief.updated_at = db.now()
        else:
            due = due_date if due_date not in (None, "") else (q.promised_date or brief.required_by)
            if due is None:
                raise ValidationError("due_date", "Give the due date of the job the quote makes.")
            job = convert_brief_in_session(s, db, brief.id, quantity=q.quantity, due_date=due, priority=priority,
                                           title=q.title, budget=q.price)
        q.status = QuoteStatus.ACCEPTED.value
        q.decided_on = day
        q.job_id = job.id
        s.flush()
        s.refresh(q)
        return _detail(s, db, q)


@writes(Change.QUOTES | Change.BRIEFS)
def reject_quote(db: Database, quote_id: int, reason: str = "", *, decided_on=None) -> QuoteDetail:
    reason = v.long_text("reason", reason)
    day = _decision_date(db, decided_on)
    with db.session() as s:
        q = _quote(s, quote_id)
        if q.status != QuoteStatus.SENT:
            raise ValidationError("status", f"{quote_label(q.number, q.revision)} is {q.status}; "
                                            "only a sent quote can be rejected.")
        q.status = QuoteStatus.REJECTED.value
        q.decided_on = day
        q.decision_reason = reason
        return _detail(s, db, q)


@writes(Change.QUOTES)
def expire_quote(db: Database, quote_id: int) -> QuoteDetail:
    """Sent → expired, once its validity date has passed."""
    with db.session() as s:
        q = _quote(s, quote_id)
        if q.status != QuoteStatus.SENT:
            raise ValidationError("status", f"{quote_label(q.number, q.revision)} is {q.status}; "
                                            "only a sent quote expires.")
        if q.valid_until is None or q.valid_until >= db.today():
            until = format_date(q.valid_until, session_locale(s)) if q.valid_until else "no date"
            raise ValidationError("status", f"{quote_label(q.number, q.revision)} is valid until {until}.")
        q.status = QuoteStatus.EXPIRED.value
        q.decided_on = db.today()
        return _detail(s, db, q)


@writes(Change.QUOTES)
def expire_overdue_quotes(db: Database) -> list[str]:
    """Mark every sent quote past its validity date expired; returns their labels."""
    with db.session() as s:
        overdue = list(s.scalars(select(Quote)
                                 .where(Quote.status == QuoteStatus.SENT.value, Quote.valid_until < db.today())
                                 .order_by(Quote.number, Quote.revision)))
        for q in overdue:
            q.status = QuoteStatus.EXPIRED.value
            q.decided_on = db.today()
        return [quote_label(q.number, q.revision) for q in overdue]


def get_quote(db: Database, quote_id: int) -> QuoteDetail:
    with db.reader() as s:
        return _detail(s, db, _quote(s, quote_id))


def quote_by_number(db: Database, number: str, revision: int | None = None) -> QuoteDetail:
    """``Q-2026-0012`` (the latest revision) or a given revision; ``Q-2026-0012 rev 2`` also works."""
    text = (number or "").strip().upper()
    if " REV " in text:
        text, _, rev = text.partition(" REV ")
        revision = v.positive_int("revision", rev.strip())
    with db.reader() as s:
        q_ = select(Quote).where(func.upper(Quote.number) == text.strip())
        latest = s.scalar(q_.order_by(Quote.revision.desc()).limit(1))
        if latest is None:
            raise NotFoundError("quote", f"There is no quote {text.strip()}.")
        if revision is None:
            return _detail(s, db, latest)
        q = s.scalar(q_.where(Quote.revision == revision))
        if q is None:  # name the revision asked for, and the ones there are
            there = f"rev 1 to {latest.revision}" if latest.revision > 1 else "only rev 1"
            raise NotFoundError("revision", f"{latest.number} has no revision {revision}: it has {there}.")
        return _detail(s, db, q)


def list_quotes(db: Database, *, brief_id: int | None = None, statuses: Sequence[str] = (),
                latest_only: bool = False, limit: int | None = None, offset: int = 0) -> list[QuoteRow]:
    """Newest first. ``latest_only``: one row per quote number, its latest revision."""
    with db.reader() as s:
        q = _list_query()
        if brief_id is not None:
            q = q.where(Quote.brief_id == brief_id)
        if statuses:
            q = q.where(Quote.status.in_(list(statuses)))
        if latest_only:
            latest = select(Quote.number, func.max(Quote.revision).label("rev")).group_by(Quote.number).subquery()
            q = q.join(latest, (latest.c.number == Quote.number) & (latest.c.rev == Quote.revision))
        return [_row(x) for x in s.scalars(q.offset(offset).limit(limit))]


__all__ = ["QuoteLineView", "QuoteHoursView", "QuoteRow", "QuoteDetail",
           "create_quote", "update_quote", "revise_quote", "send_quote", "accept_quote", "reject_quote",
           "expire_quote", "expire_overdue_quotes", "get_quote", "quote_by_number", "list_quotes"]
