"""Small pieces every service uses: field cleaning, lookups, gap-free numbers."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import ShopSettings
from ..db.sequences import take_next
from ..domain.errors import NotFoundError, ValidationError
from ..domain.locale_text import DEFAULT_LOCALE

T = TypeVar("T")
Validator = Callable[[Any], Any]


def clean_fields(validators: Mapping[str, Validator], values: Mapping[str, Any], *, partial: bool,
                 locale: str | None = None) -> dict[str, Any]:
    """Validate ``values`` with one validator per field. On create (``partial=False``)
    every field is validated, missing ones as ``None``; on edit only those given.
    Validators that read typed numbers or dates (they take a ``locale`` keyword, like
    ``v.money``) read them in ``locale``, the shop's (``shop_locale``)."""
    unknown = set(values) - set(validators)
    if unknown:
        name = sorted(unknown)[0]
        raise ValidationError(name, f"“{name}” is not a field that can be set here.")
    names = values.keys() if partial else validators.keys()
    return {name: _run(validators[name], values.get(name), locale) for name in names}


def _run(validator: Validator, value: Any, locale: str | None) -> Any:
    if locale is not None and _reads_locale(validator):
        return validator(value, locale=locale)
    return validator(value)


def _reads_locale(validator: Validator) -> bool:
    try:
        return "locale" in inspect.signature(validator).parameters
    except (TypeError, ValueError):  # a builtin without a signature
        return False


def shop_locale(db: Database) -> str:
    """The locale the shop reads and writes numbers and dates in (its settings), for validators:
    ``v.money("amount", text, locale=shop_locale(db))``. One small read per user action."""
    with db.reader() as s:
        return session_locale(s)


def session_locale(session: Session) -> str:
    """``shop_locale`` inside a session a service already has open."""
    row = _held_settings(session)
    return row.locale if row is not None and row.locale else DEFAULT_LOCALE


def _held_settings(session: Session) -> ShopSettings | None:
    """The settings row, read once per session: the session's identity map holds its records only
    weakly, so a row nobody kept was read again from the database by each ``session.get`` (a cost
    sheet read the settings eight times). The session keeps it now, for as long as the session lives."""
    row = session.info.get(_SETTINGS)
    if row is None or row not in session:  # (not in it: a row made here, then rolled back)
        row = session.get(ShopSettings, 1)
        if row is not None:
            session.info[_SETTINGS] = row
    return row


_SETTINGS = "workshop.shop_settings"


def get_or_fail(session: Session, model: type[T], record_id: Any, field: str, label: str, *,
                options: Sequence = ()) -> T:
    """The record, or a ValidationError/NotFoundError naming ``field``; ``options``: loader options
    for ``session.get`` (what it brings along in the same read)."""
    if record_id is None or isinstance(record_id, bool):
        raise ValidationError(field, f"Choose a {label}.")
    try:
        record_id = int(record_id)
    except (TypeError, ValueError):
        raise ValidationError(field, f"“{record_id}” is not a {label}.") from None
    obj = session.get(model, record_id, options=options)
    if obj is None:
        raise NotFoundError(field, f"There is no {label} with id {record_id}.")
    return obj


def settings_row(session: Session) -> ShopSettings:
    """The shop's settings row, read once per session (``_held_settings``)."""
    row = _held_settings(session)
    if row is None:  # only a hand-edited database lacks it; recreate with defaults
        row = ShopSettings(id=1)
        session.add(row)
        session.flush()
        session.info[_SETTINGS] = row
    return row


def next_number(session: Session, prefix: str, year: int) -> str:
    """``PREFIX-YYYY-NNNN``, gap-free: the counter moves in the caller's transaction, so a
    save that fails gives its number back; two programs taking numbers at once get different ones."""
    return f"{prefix}-{year}-{take_next(session, prefix, year):04d}"


def text_search(search: str, search_text_column, customer_id_column) -> Any:
    """Records whose stored, case-folded search text holds ``search``, or whose customer's name
    does. The text was folded when saved, so no per-row function runs over years of records."""
    from ..domain.search import like_pattern

    return search_condition(search_text_column, customer_id_column, like_pattern(search),
                            customers_named_query(like_pattern(search, str.lower)))


def search_condition(search_text_column, customer_id_column, folded, customers=None) -> Any:
    """``text_search``'s rule, its parts given: the stored search text is LIKE ``folded`` (the typed
    text folded, as a LIKE pattern, or a bound parameter for it), or the customer is one of
    ``customers`` (ids, a bound list of them, or ``customers_named_query``; None: no customer)."""
    stored = search_text_column.like(folded, escape="\\")
    return stored if customers is None else or_(stored, customer_id_column.in_(customers))


def customers_named_query(lowered, *, ascii_only: bool | None = None):
    """The ids of the customers whose name, lowered, is LIKE ``lowered`` (the typed text lowered, as a
    LIKE pattern, or a bound parameter for it: then say whether it is ASCII only, ``folded_like``)."""
    from ..db.models import Customer
    from ..db.text_match import folded_like

    return select(Customer.id).where(folded_like(Customer.name, lowered, ascii_only=ascii_only))


def like_any(search: str, *columns) -> Any:
    """Case-insensitive substring match on any of ``columns`` — for short lists (customers,
    materials); long ones keep a folded search column (see ``text_search``)."""
    from ..domain.search import like_pattern

    pattern = like_pattern(search, str.lower)
    return or_(*(func.lower(c).like(pattern, escape="\\") for c in columns))
