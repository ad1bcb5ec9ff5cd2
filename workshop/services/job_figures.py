"""What a job's cost figures are made of, read once per unit of work: ``JobFigures``, the queries
behind the cost sheet, the estimate and the actual cost (``job_costing`` works the figures out from
what it reads here).

Plain rows, one statement each (the operations come with their workstation, operator and
supplier in one join; the time logs with their operation's number and name, workstation code
and operator name), read when first asked for and kept for the rest of the unit of work, so a
cost sheet reads each thing once however many figures it works out from it.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from typing import NamedTuple

from sqlalchemy import Integer, Row, Select, bindparam, func, select, type_coerce
from sqlalchemy.orm import Session, aliased

from ..db.models import (BomItem, DirectCost, Job, MaterialIssue, Operation, Operator, Supplier, TimeLog,
                         Workstation)
from ..domain import planning
from ..domain.costing import BookedTime, CostRates, MaterialCharge, OtherCost
from . import booking_views, bookings

_Station = aliased(Workstation, name="workstation")
_Operator = aliased(Operator, name="operator")
_Supplier = aliased(Supplier, name="supplier")


def _stored(column):
    """A scaled-decimal column as stored (whole hundredths), for ``_decimal`` to read once per value."""
    return type_coerce(column, Integer).label(column.key)


def _decimal(column) -> Callable[[int | None], Decimal | None]:
    """Stored value → Decimal, by the column's own type (``db.base.ScaledDecimal``)."""
    kind = column.type  # (looked up once: a mapped attribute finds .type the slow way)
    return lambda stored: kind.process_result_value(stored, None)


class _Snapshot(NamedTuple):
    """A time log's rates, as ``bookings.log_rates`` reads them."""
    labour_rate: Decimal
    machine_rate: Decimal
    overhead_rate: Decimal | None
    overhead_basis: str | None
    overhead_is_shop_default: bool


_JOB = bindparam("job_id")
_QUERIES: dict[str, Select] = {}


def _built(name: str, build: Callable[[], Select]) -> Select:
    """A statement of ``JobFigures``, built the first time (building one costs more than running it
    on one job), the job a bound value."""
    query = _QUERIES.get(name)
    if query is None:
        query = _QUERIES[name] = build()
    return query


class JobFigures:
    """One job's operations, bill of materials, bookings and today's rates, read once in ``s``."""

    def __init__(self, s: Session, job: Job) -> None:
        self.s, self.job = s, job
        self._rates: dict[tuple[int, int | None], CostRates] = {}

    @cached_property
    def operations(self) -> list[Row]:
        """In routing order; each row reads like an Operation (``workstation``, ``operator``,
        ``supplier``: their records)."""
        return list(self.s.execute(_built("operations", lambda: (
            select(Operation.id, Operation.op_number, Operation.name, Operation.status, Operation.setup_minutes,
                   Operation.run_minutes, Operation.labour_run_minutes, Operation.subassembly_id,
                   Operation.supplier_id, Operation.days_away, _Station, _Operator, _Supplier)
            .join(_Station, _Station.id == Operation.workstation_id)
            .outerjoin(_Operator, _Operator.id == Operation.operator_id)
            .outerjoin(_Supplier, _Supplier.id == Operation.supplier_id)
            .where(Operation.job_id == _JOB).order_by(Operation.sequence, Operation.id))), {"job_id": self.job.id}))

    @cached_property
    def items(self) -> list[Row]:
        """The bill of materials' lines, in order."""
        return self._rows("items", lambda: (
            select(BomItem.id, BomItem.parent_id, BomItem.quantity, BomItem.unit_cost, BomItem.is_assembly,
                   BomItem.material_id, BomItem.description, BomItem.operation_id)
            .where(BomItem.job_id == _JOB).order_by(BomItem.position, BomItem.id)))

    @cached_property
    def inputs(self) -> list[planning.BomNodeInput]:
        return [planning.BomNodeInput(i.id, i.parent_id, i.quantity, i.unit_cost, i.is_assembly) for i in self.items]

    @cached_property
    def effective(self) -> dict[int, Decimal]:
        """BOM line id → its quantity for the whole job."""
        return planning.effective_quantities(self.inputs, self.job.quantity)

    def units(self, op) -> Decimal:
        """How many units ``op``'s run time is multiplied by."""
        return planning.operation_quantity(op.subassembly_id, self.effective, self.job.quantity)

    def rates_now(self, op) -> CostRates:
        """Today's rates for work on ``op`` (``bookings.rates_now``), once per workstation and operator."""
        key = (op.workstation.id, op.operator.id if op.operator else None)
        if key not in self._rates:
            self._rates[key] = bookings.rates_now(self.s, op, op.operator)
        return self._rates[key]

    @cached_property
    def names(self) -> dict[int, tuple[str, str]]:
        return operation_names(self.operations)

    @cached_property
    def logs(self) -> list[Row]:
        """The time logs in the order they were worked: operation id, labour and machine minutes, the
        rates snapshot (those four as stored: whole hundredths, ``_stored``), overhead basis and
        whether it was the shop's, what it reverses, operation number and name, workstation code,
        operator name. Hundreds of logs: the stored numbers become Decimals once per value
        (``bookings``), not once per log."""
        return self._rows("logs", lambda: (
            select(TimeLog.operation_id, _stored(TimeLog.labour_minutes), _stored(TimeLog.machine_minutes),
                   _stored(TimeLog.labour_rate), _stored(TimeLog.machine_rate), _stored(TimeLog.overhead_rate),
                   TimeLog.overhead_basis, TimeLog.overhead_is_shop_default, TimeLog.reverses_id,
                   Operation.op_number, Operation.name, Workstation.code, Operator.name.label("operator_name"))
            .join(Operation, Operation.id == TimeLog.operation_id)
            .join(Workstation, Workstation.id == TimeLog.workstation_id)
            .outerjoin(Operator, Operator.id == TimeLog.operator_id)
            .where(TimeLog.job_id == _JOB)
            .order_by(func.coalesce(TimeLog.started_at, TimeLog.booked_at), TimeLog.id)))

    def _rows(self, name: str, build: Callable[[], Select]) -> list[Row]:
        """Plain rows of a query naming no records (built once, ``_built``), through the session's
        connection (the ORM's handling of a statement costs more than reading a few rows)."""
        return self.s.connection().execute(_built(name, build), {"job_id": self.job.id}).all()

    @cached_property
    def bookings(self) -> list[BookedTime]:
        """Each log as costing books it (``bookings.time_booking``), from its row: hours and rates
        worked out once per value stored, the operation's key once per operation."""
        minutes_of, money_of_ = _decimal(TimeLog.labour_minutes), _decimal(TimeLog.labour_rate)
        rates: dict[tuple, CostRates] = {}
        hours: dict[int, Decimal | Fraction] = {}
        keys: dict[int, str] = {}
        result = []
        for log in self.logs:
            (operation_id, labour, machine, labour_rate, machine_rate, overhead_rate, basis, shop_default,
             reverses_id, _number, _name, station, operator) = log
            rate_key = (labour_rate, machine_rate, overhead_rate, basis, shop_default)
            log_rates = rates.get(rate_key)
            if log_rates is None:
                log_rates = rates[rate_key] = bookings.log_rates(_Snapshot(
                    money_of_(labour_rate), money_of_(machine_rate), money_of_(overhead_rate), basis, shop_default))
            key = keys.get(operation_id)
            if key is None:
                key = keys[operation_id] = bookings.operation_key(log)
            labour_hours = hours.get(labour)
            if labour_hours is None:
                labour_hours = hours[labour] = booking_views.hours(minutes_of(labour))
            machine_hours = hours.get(machine)
            if machine_hours is None:
                machine_hours = hours[machine] = booking_views.hours(minutes_of(machine))
            result.append(BookedTime(key, station, labour_hours, machine_hours, log_rates, operator or "",
                                     reverses_id is not None))
        return result

    @cached_property
    def booked_minutes(self) -> dict[int, Decimal]:
        """Operation id → the time booked on it (``worked`` of each log)."""
        booked: dict[int, int] = {}
        for operation_id, labour, machine, *_ in self.logs:
            booked[operation_id] = booked.get(operation_id, 0) + worked(labour, machine)
        minutes_of = _decimal(TimeLog.labour_minutes)
        return {operation_id: minutes_of(total) for operation_id, total in booked.items()}

    @cached_property
    def issues(self) -> list[Row]:
        return self._rows("issues", lambda: (
            select(MaterialIssue.material_id, MaterialIssue.description, MaterialIssue.quantity,
                   MaterialIssue.unit_cost)
            .where(MaterialIssue.job_id == _JOB).order_by(MaterialIssue.issued_at, MaterialIssue.id)))

    @cached_property
    def others(self) -> list[Row]:
        return self._rows("others", lambda: (
            select(DirectCost.category, DirectCost.description, DirectCost.amount, DirectCost.reverses_id)
            .where(DirectCost.job_id == _JOB).order_by(DirectCost.incurred_on, DirectCost.id)))

    @cached_property
    def charges(self) -> list[MaterialCharge]:
        """The issues as costing charges them, each at the operation its material is used at."""
        return charges_from(self.issues, self.material_operations)

    @cached_property
    def other_costs(self) -> list[OtherCost]:
        return other_costs_from(self.others)

    @cached_property
    def material_operations(self) -> dict[int, tuple[str, str]]:
        """Material id → the operation its issues are charged to (``_material_operations``): from
        the operations and BOM already read, else from the BOM lines' materials and operations alone."""
        if "operations" in self.__dict__ and "items" in self.__dict__:
            return _material_operations(self.items, self.names)
        rows = self._rows("material_operations", lambda: (
            select(BomItem.material_id, BomItem.is_assembly, BomItem.operation_id, Operation.op_number,
                   Operation.name, Workstation.code)
            .outerjoin(Operation, (Operation.id == BomItem.operation_id) & (Operation.job_id == BomItem.job_id))
            .outerjoin(Workstation, Workstation.id == Operation.workstation_id)
            .where(BomItem.job_id == _JOB, BomItem.material_id.is_not(None)).distinct()))
        names = {r.operation_id: (bookings.operation_key(r), r.code) for r in rows if r.op_number is not None}
        return _material_operations(rows, names)


def operation_names(ops) -> dict[int, tuple[str, str]]:
    """Operation id → (key as in cost sheets, workstation code): where a BOM line's material is used."""
    return {op.id: (bookings.operation_key(op), op.workstation.code) for op in ops}


def _material_operations(items, names: dict[int, tuple[str, str]]) -> dict[int, tuple[str, str]]:
    """Material id → the one operation its BOM lines name, so an issue of it is charged there. A
    material with lines at two operations, or a line naming none, stays with the job as a whole."""
    found: dict[int, set[tuple[str, str]]] = {}
    for i in items:
        if i.material_id is not None and not i.is_assembly:
            found.setdefault(i.material_id, set()).add(names.get(i.operation_id, ("", "")))
    return {m: next(iter(ops)) for m, ops in found.items() if len(ops) == 1 and ("", "") not in ops}


def charges_from(issues, material_operations: dict[int, tuple[str, str]] | None) -> list:
    """Material issues as costing charges them, each at the operation ``material_operations`` gives
    its material (material id → (operation key, workstation)), else at the job as a whole."""
    at = material_operations or {}
    return [MaterialCharge(i.description, i.quantity, i.unit_cost, *at.get(i.material_id, ("", ""))) for i in issues]


def other_costs_from(others) -> list[OtherCost]:
    """Direct costs as costing counts them (a reversal is marked as one)."""
    return [OtherCost(c.category, c.description, c.amount, c.reverses_id is not None) for c in others]


def worked(labour_minutes: Decimal, machine_minutes: Decimal) -> Decimal:
    """Time spent on an operation by a log: a person's time, or an unattended machine's."""
    return max(labour_minutes, machine_minutes)


__all__ = ["JobFigures", "operation_names", "charges_from", "other_costs_from", "worked"]
