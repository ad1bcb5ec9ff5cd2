"""Where each material stands (on hand, on order, allocated to open jobs), what a job's bill of
materials is missing once stock and orders are shared by due date, and the reorder list.
Every figure is worked by hand in the comments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from support.stock_rows import add_order, add_receipt, add_supplier, prefer
from workshop.db.models import Material
from workshop.services import bom, bookings, jobs, materials
from workshop.services.stock_needs import material_needs
from workshop.services.stock_position import reorder_list, stock_positions


@pytest.fixture
def two_jobs(db, shop, today):
    """J1 = the shop's job (2 off, due in 21 days); J2 (1 off, due in 7 days: it claims first);
    a cancelled job whose claim no longer counts."""
    j1 = shop.job
    j2 = jobs.create_job(db, customer_id=shop.customer.id, title="Oak side table", quantity=1,
                         due_date=today + dt.timedelta(days=7))
    gone = jobs.create_job(db, customer_id=shop.customer.id, title="Cancelled", quantity=1,
                           due_date=today + dt.timedelta(days=1))
    bom.add_line(db, j1.id, material_id=shop.oil.id, quantity="3")    # 3 l × 2 off = 6 l
    bom.add_line(db, j1.id, material_id=shop.oak.id, quantity="10")   # 10 m2 × 2 = 20 m2
    bom.add_line(db, j2.id, material_id=shop.oil.id, quantity="5")    # 5 l
    bom.add_line(db, j2.id, material_id=shop.oak.id, quantity="3")    # 3 m2
    bom.add_line(db, gone.id, material_id=shop.oil.id, quantity="100")
    jobs.change_status(db, gone.id, "cancel", "Customer changed their mind")
    jobs.change_status(db, j2.id, "release")
    bookings.issue_material(db, j2.id, material_id=shop.oil.id, quantity="1")  # oil on hand 6 − 1 = 5

    supplier = add_supplier(db, "Osmo UK")
    # for stock: 3 l ordered, 1 l received → 2 l still owed
    stock_line, = add_order(db, "PO-2026-0001", supplier, [(shop.oil.id, "3", "30.00")])
    add_receipt(db, stock_line, "1")
    add_order(db, "PO-2026-0002", supplier, [(shop.oil.id, "1", "30.00")], job_id=j1.id)     # for J1 (the order's job)
    add_order(db, "PO-2026-0003", supplier, [(shop.oil.id, "50", "30.00")], status="cancelled")  # owes nothing
    add_order(db, "PO-2026-0004", supplier, [(shop.oil.id, "9", "30.00")], status="received")    # owes nothing
    add_order(db, "PO-2026-0005", supplier, [(shop.oak.id, "4", "80.00", j2.id)], status="draft")  # line for J2
    return j1, j2


def test_a_job_missing_what_stock_and_orders_leave_after_the_earlier_job(db, shop, two_jobs):
    j1, j2 = two_jobs
    oil2 = material_needs(db, j2.id)[shop.oil.id]
    # J2 (due first) still to issue 5 − 1 = 4; free = 5 on hand + 2 for stock − 0 ahead = 7: nothing missing;
    # on order for it: 0 for J2 + 2 for stock; the others (J1) still need 6 (the cancelled job counts not)
    assert (oil2.to_issue, oil2.on_hand, oil2.on_order, oil2.allocated_elsewhere, oil2.missing) == (
        D(4), D(5), D(2), D(6), D(0))
    oil1 = material_needs(db, j1.id)[shop.oil.id]
    # J1: to issue 6; free = 5 + 2 − 4 (J2 ahead) = 3; supply = 1 on order for J1 + 3 = 4: missing 6 − 4 = 2;
    # on order 1 + 2 = 3; allocated elsewhere: J2's 4
    assert (oil1.to_issue, oil1.on_order, oil1.allocated_elsewhere, oil1.missing) == (D(6), D(3), D(4), D(2))
    # the old figure stays: stock alone leaves 6 − 5 = 1 short
    assert oil1.shortage == D(1)
    oak1 = material_needs(db, j1.id)[shop.oak.id]
    # oak: J1 needs 20, J2 3 is ahead; free = 40 + 0 − 3 = 37: nothing missing; J2's draft line is not J1's
    assert (oak1.on_order, oak1.allocated_elsewhere, oak1.missing) == (D(0), D(3), D(0))


def test_stock_positions_on_order_and_allocated(db, shop, two_jobs):
    by_code = {p.code: p for p in stock_positions(db)}
    oil, oak, hinge = by_code["OIL-HW"], by_code["OAK-25"], by_code["HNG-35"]
    # oil: 5 on hand; owed 2 (stock) + 1 (J1) = 3; allocated J1 6 + J2 4 = 10; projected 5 + 3 − 10 = −2
    assert (oil.on_hand, oil.on_order, oil.allocated, oil.projected) == (D(5), D(3), D(10), D(-2))
    # oak: 40 on hand, 4 owed to J2 (a draft is open), allocated 20 + 3 = 23
    assert (oak.on_hand, oak.on_order, oak.allocated) == (D(40), D(4), D(23))
    assert (hinge.on_order, hinge.allocated) == (D(0), D(0))
    # typed search, code or name, any case
    assert [p.code for p in stock_positions(db, "wax")] == ["OIL-HW"]
    assert [p.code for p in stock_positions(db, "", limit=1, offset=1)] == ["OAK-25"]  # HNG, OAK, OIL by code


def test_reorder_list_suggests_to_the_level_or_the_reorder_quantity(db, shop, two_jobs):
    pins = materials.create_material(db, code="PIN-8", name="Dowel pin 8 mm", unit="ea", unit_cost="0.05",
                                     stock_on_hand="12.5", reorder_level="20")
    with db.session() as s:
        s.get(Material, pins.id).reorder_quantity = D(5)
    dowels = add_supplier(db, "Dowel Direct")
    prefer(db, pins.id, (dowels, "DD-8", "0.04"))
    lines = {line.code: line for line in reorder_list(db)}
    # oak projected 40 + 4 − 23 = 21 ≥ 10 and hinges 200 ≥ 50: not listed
    assert set(lines) == {"OIL-HW", "PIN-8"}
    oil = lines["OIL-HW"]
    # oil: projected −2 below level 2: 2 − (−2) = 4 (no reorder quantity); no supplier: the average cost
    assert (oil.suggested, oil.supplier_id, oil.supplier_name, oil.unit_price) == (D(4), None, "", D("32.00"))
    pin = lines["PIN-8"]
    # pins: 20 − 12.5 = 7.5, more than the reorder quantity 5, whole pins: 8; at Dowel Direct's 0.04
    assert (pin.suggested, pin.supplier_name, pin.unit_price) == (D(8), "Dowel Direct", D("0.04"))


def test_the_reorder_list_reads_the_same_few_queries_however_many_suppliers(db, shop):
    from support.statements import statements_of
    from workshop.services import suppliers
    from workshop.services.suppliers import MaterialSupplierInput

    def low_material_with_its_own_supplier(i: int) -> None:
        m = materials.create_material(db, code=f"LOW-{i}", name=f"Low {i}", unit="ea", unit_cost="1.00",
                                      stock_on_hand="1", reorder_level="5")
        seller = suppliers.create_supplier(db, name=f"Seller {i}")
        suppliers.set_material_suppliers(db, m.id, [MaterialSupplierInput(seller.id, f"S{i}", "0.90")])

    low_material_with_its_own_supplier(0)
    with_one = statements_of(db, lambda: reorder_list(db))
    for i in range(1, 5):
        low_material_with_its_own_supplier(i)
    assert [line.supplier_name for line in reorder_list(db) if line.code.startswith("LOW-")] == [
        f"Seller {i}" for i in range(5)]
    assert statements_of(db, lambda: reorder_list(db)) == with_one


def test_every_materials_claims_are_each_materials_own(db, shop, two_jobs, today):
    """Over every material (the start page) a bill of one level is summed in SQL (ten years of a
    shop hold thousands of open lines); a bill with an assembly goes through the tree as before:
    the claims are the ones asked material by material."""
    from workshop.services import stock_claims

    j1, j2 = two_jobs
    j3 = jobs.create_job(db, customer_id=shop.customer.id, title="Oak cabinet", quantity=3,
                         due_date=today + dt.timedelta(days=14))
    carcass = bom.add_subassembly(db, j3.id, description="Carcass", quantity="2")
    bom.add_line(db, j3.id, parent_id=carcass, material_id=shop.oil.id, quantity="1.5")  # 1.5 l × 2 × 3 off = 9 l
    bom.add_line(db, j3.id, material_id=shop.oak.id, quantity="0.25")  # 0.25 m2 × 3 off = 0.75 m2
    with db.reader() as s:
        every = stock_claims.open_job_claims(s)
        each = {m: stock_claims.open_job_claims(s, [m])[m] for m in every}

    def claims(of):
        return sorted((c.job_id, c.to_issue) for c in of)

    assert {m: claims(c) for m, c in every.items()} == {m: claims(c) for m, c in each.items()}
    # oil: J1 3 l × 2 off; J2 5 l less the 1 l issued; J3 through its carcass
    assert claims(every[shop.oil.id]) == [(j1.id, D(6)), (j2.id, D(4)), (j3.id, D(9))]
    assert claims(every[shop.oak.id]) == [(j1.id, D(20)), (j2.id, D(3)), (j3.id, D("0.75"))]


def test_allocated_summed_by_the_database_follows_the_rule_claim_by_claim(db, shop, two_jobs, today):
    """The Materials page and the reorder list take what open jobs claim from sums the database makes
    per material (bills of one level; bills with assemblies through the tree): the same figures as
    summing every open job's claim made through ``job_needs`` (the rule), on a shop with an assembly,
    a held job, a return, an over-issue, a material issued that its job's bill does not name, one
    material on two lines of a bill, and a cancelled job (``two_jobs``)."""
    from support.statements import statements_of
    from workshop.services import stock_claims

    j1, j2 = two_jobs

    def job(title: str, quantity: int = 1, status: tuple[str, ...] = ()):
        made = jobs.create_job(db, customer_id=shop.customer.id, title=title, quantity=quantity,
                               due_date=today + dt.timedelta(days=30))
        for action in status:
            jobs.change_status(db, made.id, action, "Waiting for the customer" if action == "hold" else "")
        return made.id

    cabinet = job("Oak cabinet", 3)  # a bill with an assembly
    carcass = bom.add_subassembly(db, cabinet, description="Carcass", quantity="2")
    bom.add_line(db, cabinet, parent_id=carcass, material_id=shop.oil.id, quantity="1.5")  # 1.5 × 2 × 3 = 9 l
    bom.add_line(db, cabinet, material_id=shop.oak.id, quantity="0.25")                    # 0.75 m2
    held = job("Held bookcase", 1, ("release", "start"))
    bom.add_line(db, held, material_id=shop.oak.id, quantity="2")
    bom.add_line(db, held, material_id=shop.hinge.id, quantity="4")
    bookings.issue_material(db, held, material_id=shop.oak.id, quantity="1")
    bookings.return_material(db, held, material_id=shop.oak.id, quantity="0.5")  # oak: 2 − 0.5 = 1.5 to issue
    jobs.change_status(db, held, "hold", "Waiting for the customer")
    over = job("Over-issued stool", 1, ("release",))
    bom.add_line(db, over, material_id=shop.oil.id, quantity="0.5")
    bookings.issue_material(db, over, material_id=shop.oil.id, quantity="1")  # 0.5 l more than its bill: 0, not −0.5
    bookings.issue_material(db, j2.id, material_id=shop.hinge.id, quantity="3")  # not on J2's bill: takes nothing off
    twice = job("Two oak lines", 2)
    bom.add_line(db, twice, material_id=shop.oak.id, quantity="1")
    bom.add_line(db, twice, material_id=shop.oak.id, quantity="0.5")  # (1 + 0.5) × 2 = 3 m2

    with db.reader() as s:
        every = [m.id for m in s.scalars(select(Material))]
        rule = {m: sum((c.to_issue for c in stock_claims.open_job_claims(s, [m]).get(m, ())), D(0)) for m in every}
        assert stock_claims.allocated(s) == {m: qty for m, qty in rule.items() if qty}
        assert stock_claims.allocated(s, [shop.oak.id]) == {shop.oak.id: rule[shop.oak.id]}
    # oil: J1 6, J2 4, the cabinet 9 through its carcass, the over-issued stool 0
    # oak: J1 20, J2 3, the cabinet 0.75, the held job 1.5, two lines 3; hinges: the held job's 4
    assert (rule[shop.oil.id], rule[shop.oak.id], rule[shop.hinge.id]) == (D(19), D("28.25"), D(4))
    positions = {p.material_id: p for p in stock_positions(db)}
    assert {m: str(p.allocated) for m, p in positions.items()} == {m: str(rule[m]) for m in positions}
    assert [p.allocated for p in stock_positions(db, "", limit=1, offset=1)] == [rule[shop.oak.id]]  # HNG, OAK, OIL
    lines = {line.material_id: line for line in reorder_list(db)}
    assert {m: line.allocated for m, line in lines.items()} == {m: rule[m] for m in lines}
    assert set(lines) == {m for m, p in positions.items() if p.active and p.reorder_level > 0
                          and p.on_hand + p.on_order - rule[m] < p.reorder_level}

    # the page reads the same few statements however many open jobs, with assemblies or not
    page = statements_of(db, lambda: stock_positions(db))
    for i in range(3):
        more = job(f"More {i}", 2)
        bom.add_line(db, more, material_id=shop.oil.id, quantity="1")
        nested = bom.add_subassembly(db, more, description="Drawer", quantity="2")
        bom.add_line(db, more, parent_id=nested, material_id=shop.hinge.id, quantity="2")
        bom.add_line(db, job(f"Plain {i}"), material_id=shop.oak.id, quantity="1")
    assert statements_of(db, lambda: stock_positions(db)) == page
