"""Commands that only read work on a shop they may not change (a read-only file): they open it read-only
instead of refusing with "read-only"."""

from __future__ import annotations

import json
import shutil

from support.mounts import read_only_file
from workshop.cli import main
from workshop.db.engine import open_database


def test_reports_and_prints_read_a_read_only_shop(tmp_path, migrated_template, capsys):
    from workshop.services import customers, jobs

    path = tmp_path / "shop.db"
    shutil.copyfile(migrated_template, path)
    db = open_database(path)
    customer = customers.create_customer(db, name="Harrow & Finch")
    job = jobs.create_job(db, customer_id=customer.id, title="Oak dresser", due_date="2030-01-31")
    db.close()
    before = path.read_bytes()
    with read_only_file(path):
        assert main(["job-cost", job.number, "--json", "--db", str(path)]) == 0
        assert json.loads(capsys.readouterr().out)["job"] == job.number
        assert main(["print", "job-card", job.number, "--db", str(path), "-o", str(tmp_path / "card.pdf")]) == 0
        assert (tmp_path / "card.pdf").read_bytes().startswith(b"%PDF")
    assert path.read_bytes() == before
