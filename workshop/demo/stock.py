"""The demo's material side: suppliers and what each material is bought from, purchase orders
(received, part received, sent and a draft), goods in at prices that moved, outside work (powder
coating sent out from a released steel job), and a walnut sideboard released short of walnut, left
for the person trying the program to find, order, receive and issue.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..services import bom, goods_in, jobs, purchase_orders, routing, suppliers
from ..services.goods_in import ReceiptLineInput
from ..services.outside_work import order_outside_work
from ..services.purchase_orders import PurchaseOrderLineInput
from ..services.stock_position import stock_positions
from ..services.suppliers import MaterialSupplierInput

# name, contact, address, email, phone, lead time (days), material code prefixes it sells
SUPPLIERS = [
    ("Hardwood Direct Ltd", "Tom Reilly", "Unit 4, Mill Lane\nBristol\nBS3 4AB", "orders@hardwood-direct.example",
     "+44 117 496 0011", 5, ("OAK-20", "OAK-27", "WAL", "ASH", "EDGE")),
    ("Panel & Board Supplies", "Priya Shah", "12 Canal Street\nGloucester\nGL1 2PE", "sales@panelboard.example",
     "+44 1452 960 220", 3, ("OAK-VEN", "MDF", "PLY", "HDF")),
    ("Brassline Hardware", "Dave Moss", "3 Foundry Yard\nWalsall\nWS1 1AA", "trade@brassline.example",
     "+44 1922 960 400", 2, ("HNG", "RUN", "HDL", "LEG", "SCR", "DOWEL", "GLUE")),
    ("Finishes Warehouse", "Sara Lind", "Unit 9, Airfield Estate\nCheltenham\nGL51 6SP",
     "orders@finishes-warehouse.example", "+44 1242 960 311", 4, ("OIL", "LAC", "PNT")),
    ("Severn Steel Stockholders", "Rhys Evans", "Dock Road\nNewport\nNP20 2WA", "sales@severnsteel.example",
     "+44 1633 960 150", 4, ("SS", "MS", "BOLT", "ANCH", "WIRE", "GAS")),
    ("Automation Parts Ltd", "Kasia Wróbel", "Unit 2, Innovation Park\nSwindon\nSN2 1ET",
     "orders@automation-parts.example", "+44 1793 960 808", 7, ("PLC", "HMI", "VFD", "ESTOP", "CABLE", "ENCL",
                                                               "GUARD")),
    ("ColourCoat Powder Coating", "Lee Barnes", "Unit 7, Tredegar Works\nCardiff\nCF10 5FF",
     "jobs@colourcoat.example", "+44 29 2096 0707", 7, ("PWD",)),
    # a second, dearer walnut merchant, so a material shows more than one supplier
    ("Timberline Imports", "Hugo Marsh", "Wharf 3, Avonmouth\nBristol\nBS11 9BT", "sales@timberline.example",
     "+44 117 496 0990", 10, ("WAL",)),
]
WALNUT = "WAL-27"


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=dt.UTC)


def seed(db, demo) -> None:
    demo.progress("Suppliers, purchase orders, goods in and outside work…")
    today = demo.today
    demo.clock.now = _at(today - dt.timedelta(days=60), 8)
    made = {name: suppliers.create_supplier(db, name=name, contact=contact, address=address, email=email,
                                            phone=phone, lead_time_days=lead)
            for name, contact, address, email, phone, lead, _ in SUPPLIERS}
    for material in demo.materials:
        sellers = [made[s[0]] for s in SUPPLIERS if material.code.startswith(s[6])]
        suppliers.set_material_suppliers(db, material.id, [
            MaterialSupplierInput(seller.id, f"{seller.name[:2].upper()}-{material.code}",
                                  (material.unit_cost * Decimal(1 + rank / 10)).quantize(Decimal("0.01")))
            for rank, seller in enumerate(sellers)])
    by_code = {m.code: m for m in demo.materials}
    timber, hardware, steel, finishes = (made["Hardwood Direct Ltd"], made["Brassline Hardware"],
                                         made["Severn Steel Stockholders"], made["Finishes Warehouse"])

    # Oak for stock, ordered five weeks ago and received in two deliveries at a price that went up.
    oak = by_code["OAK-27"]
    po = purchase_orders.create_purchase_order(db, timber.id, expected_on=today - dt.timedelta(days=30), lines=[
        PurchaseOrderLineInput(quantity="20", unit_price=oak.unit_cost, material_id=oak.id)])
    purchase_orders.mark_sent(db, po.id)
    for days_ago, quantity, paid in ((32, "12", oak.unit_cost), (26, "8", oak.unit_cost + Decimal("4.50"))):
        demo.clock.now = _at(today - dt.timedelta(days=days_ago), 10)
        goods_in.receive_goods(db, purchase_order_id=po.id, delivery_note=f"HD-{4411 + days_ago}", lines=[
            ReceiptLineInput(quantity=quantity, unit_cost=paid, purchase_order_line_id=po.lines[0].id)])

    # Hardware: sent a fortnight ago, the hinges came, the runners are still to come.
    demo.clock.now = _at(today - dt.timedelta(days=14), 9)
    hinges, runners = by_code["HNG-SC"], by_code["RUN-500"]
    po = purchase_orders.create_purchase_order(db, hardware.id, expected_on=today - dt.timedelta(days=10), lines=[
        PurchaseOrderLineInput(quantity="100", unit_price=hinges.unit_cost, material_id=hinges.id),
        PurchaseOrderLineInput(quantity="20", unit_price=runners.unit_cost, material_id=runners.id)])
    purchase_orders.mark_sent(db, po.id)
    demo.clock.now = _at(today - dt.timedelta(days=11), 11)
    goods_in.receive_goods(db, purchase_order_id=po.id, delivery_note="BL-20931", lines=[
        ReceiptLineInput(quantity="100", unit_cost=hinges.unit_cost, purchase_order_line_id=po.lines[0].id)])

    # Stainless tube for stock, sent; and a draft for finishes, not yet sent.
    demo.clock.now = _at(today - dt.timedelta(days=3), 9)
    tube = by_code["SS304-40"]
    po = purchase_orders.create_purchase_order(db, steel.id, expected_on=today + dt.timedelta(days=2), lines=[
        PurchaseOrderLineInput(quantity="36", unit_price=tube.unit_cost, material_id=tube.id)])
    purchase_orders.mark_sent(db, po.id)
    demo.clock.now = _at(today - dt.timedelta(days=1), 16)
    oil, lacquer = by_code["OIL-HW"], by_code["LAC-2K"]
    purchase_orders.create_purchase_order(db, finishes.id, notes="Deliver to the back gate, please.", lines=[
        PurchaseOrderLineInput(quantity="4", unit_price=oil.unit_cost, material_id=oil.id),
        PurchaseOrderLineInput(quantity="2", unit_price=lacquer.unit_cost, material_id=lacquer.id)])

    demo.clock.now = _at(today, 8)
    _outside_work(db, demo, made["ColourCoat Powder Coating"])
    _walnut_sideboard(db, demo, by_code[WALNUT])


def _outside_work(db, demo, coater) -> None:
    """Powder coating, sent out from the first open steel job with a spray operation."""
    for job in demo.jobs:
        status = jobs.get_job(db, job.id).status
        if status not in ("released", "in_progress"):
            continue
        ops = routing.list_operations(db, job.id)
        spray = next((o for o in ops if o.workstation_code == "SPRAY" and o.status in ("pending", "ready")), None)
        if spray is None or not any(o.workstation_code in ("WELD", "BRAKE") for o in ops):
            continue
        op_id = routing.add_operation(db, job.id, position=spray.sequence, name="Powder coat RAL 9005 matt",
                                      supplier_id=coater.id, days_away=7,
                                      instructions="Mask threads and fixing holes.")
        order = order_outside_work(db, op_id, unit_price="85.00")
        purchase_orders.mark_sent(db, order.purchase_order_id)
        return


def _walnut_sideboard(db, demo, walnut) -> None:
    """A released job that needs more walnut than the shop has: the shortage to find."""
    on_hand = stock_positions(db, WALNUT)[0].on_hand
    customer = demo.customers[1]
    job = jobs.create_job(db, customer_id=customer.id, title="Walnut sideboard, four doors",
                          specification="American black walnut, 1800 × 450 × 820, oiled; soft-close doors.",
                          quantity=1, due_date=demo.today + dt.timedelta(days=24))
    table = next(t for t in demo.templates if t.name == "Oak dining table")  # the same steps suit a sideboard
    routing.apply_template(db, job.id, table.id)
    bom.add_line(db, job.id, material_id=walnut.id, quantity=str(on_hand + 3))  # 3 m² short
    # and hinges, of which there are plenty: walnut is the one thing missing
    bom.add_line(db, job.id, material_id=next(m.id for m in demo.materials if m.code == "HNG-SC"), quantity="8")
    jobs.change_status(db, job.id, "release")
    demo.jobs.append(jobs.get_job(db, job.id))
