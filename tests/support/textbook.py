"""The textbook two-department job in a database: sixteen walnut table tops machined on a CNC
(overhead per machine hour; the router runs 150 min a top, a person attends 30) and assembled on a
bench (overhead 80% of labour cost), with the materials each department uses. Its figures are
worked by hand in tests/services/test_costing_split.py."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace


def textbook_job(db, today: dt.date) -> SimpleNamespace:
    from workshop.services import bom, customers, jobs, materials, routing, workstations

    cnc = workstations.create_workstation(db, code="CNC", name="CNC router", kind="machine", labour_rate="30.20",
                                          machine_rate="45.00", overhead_rate="20.00",
                                          overhead_basis="per_machine_hour", capacity_hours_per_day="8")
    assy = workstations.create_workstation(db, code="ASSY", name="Assembly", kind="manual", labour_rate="28.00",
                                           overhead_rate="80", overhead_basis="percent_of_labour",
                                           capacity_hours_per_day="8")
    walnut = materials.create_material(db, code="WAL-30", name="Walnut board 30 mm", unit="m2", unit_cost="90.00",
                                       stock_on_hand="50", reorder_level="0")
    kit = materials.create_material(db, code="KIT-T", name="Table hardware kit", unit="ea", unit_cost="6.50",
                                    stock_on_hand="100", reorder_level="0")
    customer = customers.create_customer(db, name="Walnut & Co")
    job = jobs.create_job(db, customer_id=customer.id, title="Walnut table tops", quantity=16,
                          due_date=today + dt.timedelta(days=30))
    machine = routing.add_operation(db, job.id, name="Machine tops", workstation_id=cnc.id, setup_minutes="60",
                                    run_minutes="150", labour_run_minutes="30")
    assemble = routing.add_operation(db, job.id, name="Assemble", workstation_id=assy.id, setup_minutes="30",
                                     run_minutes="45")
    walnut_line = bom.add_line(db, job.id, material_id=walnut.id, quantity="0.75", operation_id=machine)
    kit_line = bom.add_line(db, job.id, material_id=kit.id, quantity="1", operation_id=assemble)
    packing_line = bom.add_line(db, job.id, description="Packing", quantity="1", unit_cost="2.00")
    return SimpleNamespace(cnc=cnc, assy=assy, walnut=walnut, kit=kit, customer=customer, job=job, machine=machine,
                           assemble=assemble, walnut_line=walnut_line, kit_line=kit_line, packing_line=packing_line)
