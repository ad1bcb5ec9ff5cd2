"""``workshop check`` and ``workshop check --repair`` from the command line: a PROBLEM line and the fault's own
exit code for every storage fault, tried for real (a missing, empty, text, foreign, newer or damaged file, a
lock held by another process, a read-only folder and file, a full disk), never a traceback."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from support.damage import scribble_root_page
from workshop.cli import main
from workshop.db import read_access
from workshop.db import probing
from workshop.db.engine import open_database
from workshop.db.search_index import index_tables
from workshop.db.revisions import head_revision


@pytest.fixture
def shop_file(tmp_path, migrated_template) -> Path:
    """A shop with a customer and a job, closed (no WAL file beside it)."""
    from workshop.services import customers, jobs

    path = tmp_path / "shop.db"
    shutil.copyfile(migrated_template, path)
    db = open_database(path)
    customer = customers.create_customer(db, name="Harrow & Finch")
    jobs.create_job(db, customer_id=customer.id, title="Oak dresser", due_date="2030-01-31")
    db.close()
    return path


def check(capsys, *args: str) -> tuple[int, list[str]]:
    code = main(["check", *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out.splitlines()


# --- faults ------------------------------------------------------------------------------------


def test_healthy(shop_file, capsys):
    code, out = check(capsys, "--db", str(shop_file))
    assert code == 0
    assert out == ["OK: integrity, links, stored files, numbering, job and invoice statuses, stock against its "
                   "movements and schema version are healthy."]


def test_missing_file(tmp_path, capsys):
    code, out = check(capsys, "--db", str(tmp_path / "missing.db"))
    assert (code, out) == (9, [f"PROBLEM: There is no database at {tmp_path / 'missing.db'}."])


def test_empty_file(tmp_path, capsys):
    (tmp_path / "shop.db").write_bytes(b"")
    code, out = check(capsys, "--db", str(tmp_path / "shop.db"))
    assert code == 11
    assert out[0].startswith("PROBLEM: shop.db is empty (0 bytes): it holds no shop.")


def test_a_text_file_and_another_programs_database(tmp_path, capsys):
    (tmp_path / "notes.db").write_text("Shopping: oak, hinges\n")
    code, out = check(capsys, "--db", str(tmp_path / "notes.db"))
    assert code == 7 and out[0].startswith("PROBLEM: notes.db is not a Workshop database")
    conn = sqlite3.connect(tmp_path / "other.db")
    conn.execute("CREATE TABLE songs (title)")
    conn.commit()
    conn.close()
    code, out = check(capsys, "--db", str(tmp_path / "other.db"))
    assert code == 7 and out[0].startswith("PROBLEM: other.db is not a Workshop database")


def test_a_newer_schema(shop_file, capsys):
    conn = sqlite3.connect(shop_file)
    conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.commit()
    conn.close()
    code, out = check(capsys, "--db", str(shop_file))
    assert code == 8 and out[0].startswith("PROBLEM: ") and "newer" in out[0]


def test_a_damaged_page(shop_file, capsys):
    conn = sqlite3.connect(shop_file)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'jobs'").fetchone()[0]
    conn.close()
    with open(shop_file, "r+b") as file:
        file.seek((root - 1) * page_size + 8)
        file.write(b"\xff" * 200)
    code, out = check(capsys, "--db", str(shop_file))
    assert code == 6 and out[0].startswith("PROBLEM: ") and "damaged" in out[0]
    code, out = check(capsys, "--repair", "--db", str(shop_file))
    assert code == 6 and out[0].startswith("PROBLEM: ") and "damaged" in out[0]


HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "exclusive":
    conn.execute("PRAGMA locking_mode=EXCLUSIVE")
    conn.execute("BEGIN EXCLUSIVE")
    conn.execute("UPDATE shop_settings SET phone = '1' WHERE id = 1")
elif sys.argv[2] == "write":
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE shop_settings SET phone = '1' WHERE id = 1")
else:
    conn.execute("BEGIN")
    conn.execute("SELECT count(*) FROM jobs").fetchall()
print("held", flush=True)
sys.stdin.readline()
"""


@contextmanager
def lock_held(path: Path, kind: str):
    """Another process holding a read, write or exclusive lock on ``path`` until the block ends."""
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), kind], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        yield
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


@pytest.mark.parametrize("kind", ["read", "write"])
def test_checking_beside_another_reader_or_writer(shop_file, capsys, kind):
    with lock_held(shop_file, kind):
        code, out = check(capsys, "--db", str(shop_file))
    assert code == 0 and out[0].startswith("OK: ")


def test_an_exclusive_lock_is_busy(shop_file, capsys, monkeypatch):
    monkeypatch.setattr(probing, "PROBE_TIMEOUT_S", 0.3, raising=False)  # the probe's wait
    monkeypatch.setattr(read_access, "BUSY_TIMEOUT_S", 0.3)  # the check reads through db/read_access.py
    with lock_held(shop_file, "exclusive"):
        code, out = check(capsys, "--db", str(shop_file))
        repair_code, repair_out = check(capsys, "--repair", "--db", str(shop_file))
    assert code == 3 and out[0].startswith("PROBLEM: ")
    assert "busy" in "\n".join(out).lower()
    assert repair_code == 3 and repair_out[0] == out[0]


# --- read-only and full: real mounts ----------------------------------------------------------


def _mount(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["mount", *args], capture_output=True, text=True)


@contextmanager
def small_disk(folder: Path, size: str = "4m"):
    if sys.platform != "linux" or shutil.which("mount") is None:
        pytest.skip("needs Linux mount")
    folder.mkdir()
    done = _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder))
    if done.returncode:
        pytest.skip(f"mounting a small disk is not allowed here: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def fill(folder: Path) -> None:
    with open(folder / "filler.bin", "ab", buffering=0) as file:
        for chunk in (65536, 4096, 512, 1):
            try:
                while True:
                    file.write(b"\0" * chunk)
            except OSError:
                continue


def test_a_read_only_folder_is_checked(shop_file, tmp_path, capsys):
    with small_disk(tmp_path / "ro") as folder:
        shutil.copyfile(shop_file, folder / "shop.db")
        assert _mount("-o", "remount,ro", str(folder)).returncode == 0
        code, out = check(capsys, "--db", str(folder / "shop.db"))
        assert code == 0
        assert out[0] == f"NOTE: The folder {folder} is read-only here: the shop can be read but not changed."
        assert out[-1].startswith("OK: ")
        assert sorted(p.name for p in folder.iterdir()) == ["shop.db"]  # nothing written beside it


def test_a_read_only_file_is_checked_and_repair_says_why_not(shop_file, capsys):
    conn = sqlite3.connect(shop_file)
    conn.execute("UPDATE number_sequences SET last_value = 0")
    conn.commit()
    conn.close()
    if sys.platform != "linux" or shutil.which("mount") is None:
        pytest.skip("needs Linux mount")
    done = _mount("--bind", str(shop_file), str(shop_file))
    if done.returncode:
        pytest.skip(f"bind mounts are not allowed here: {done.stderr.strip()}")
    try:
        assert _mount("-o", "remount,ro,bind", str(shop_file)).returncode == 0
        code, out = check(capsys, "--db", str(shop_file))
        assert code == 1
        assert out[0] == "NOTE: The file shop.db is read-only here: the shop can be read but not changed."
        assert out[1].startswith("PROBLEM: Numbers J-")
        code, out = check(capsys, "--repair", "--db", str(shop_file))
        assert code == 4  # ReadOnlyStorage.exit_code
        assert out[0].startswith("PROBLEM: ")
    finally:
        subprocess.run(["umount", "-l", str(shop_file)], check=True)


def test_a_full_disk(shop_file, tmp_path, capsys):
    with small_disk(tmp_path / "full") as folder:
        shutil.copyfile(shop_file, folder / "shop.db")
        fill(folder)
        code, out = check(capsys, "--db", str(folder / "shop.db"))
        assert code == 5
        full = ("PROBLEM: The disk that holds shop.db is full (0 KB free): Workshop cannot save anything there. "
                "Free some space (empty the recycle bin, move old files), then try again.")
        assert full in out
        code, out = check(capsys, "--repair", "--db", str(folder / "shop.db"))
        assert (code, out[-1]) == (5, full)  # nothing to repair, and the full disk still said


# --- data problems and repair -----------------------------------------------------------------


def test_problems_then_repair_then_nothing_to_repair(shop_file, tmp_path, capsys):
    conn = sqlite3.connect(shop_file)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("UPDATE jobs SET customer_id = 9999")
    conn.commit()
    conn.close()
    code, out = check(capsys, "--db", str(shop_file))
    assert code == 1
    assert out == ["PROBLEM: Broken link: jobs 1 has customer_id = 9999, but there is no such row in customers.",
                   "workshop check --repair fixes the problems that can be fixed (after a backup); the others stay."]

    code, out = check(capsys, "--repair", "--db", str(shop_file))
    assert code == 0
    [backup] = (tmp_path / "backups").iterdir()
    assert out == [f"Backed up first to {backup}",
                   "REPAIRED: 1 rows with a broken link set aside",
                   "REPAIRED: 1 rows set aside with them (they hung off those rows)",
                   "Rows set aside or changed are kept, with the reason, in the table set_aside_rows."]

    code, out = check(capsys, "--repair", "--db", str(shop_file))
    kept = ("NOTE: 2 row(s) set aside by an earlier workshop check --repair are kept, with the reason, in the table "
            "set_aside_rows.")
    assert (code, out) == (0, [kept, "OK: nothing to repair."])
    code, out = check(capsys, "--db", str(shop_file))
    assert (code, out[0]) == (0, kept)


def test_salvage_from_the_command_line(shop_file, tmp_path, capsys):
    conn = sqlite3.connect(shop_file)
    tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                          "AND name != 'alembic_version'").fetchone()[0] - len(index_tables())  # not copied
    conn.close()
    scribble_root_page(shop_file, "jobs")
    code, out = check(capsys, "--salvage", "--db", str(shop_file))
    [copy] = tmp_path.glob("shop.salvaged-*.db")
    assert code == 1
    assert out[0] == (f"Copied what could be read into {copy} (schema {head_revision()}); the damaged file was not "
                      "changed.")
    assert out[1] == ("LOST: jobs: 0 rows copied; reading stopped at a damaged page (at its start): the rows there "
                      "are lost.")
    assert out[2].startswith("Copied ") and out[2].endswith(f" rows from {tables} tables.")
    assert out[3] == (f"The copy has 1 problem(s): workshop check --db \"{copy}\" lists them, and --repair sets rows "
                      "whose parent was lost aside.")
    assert out[4] == f"To use the copy: workshop restore \"{copy}\" (the damaged file is backed up first)."


def test_many_problems_of_one_kind_are_counted_not_all_listed(shop_file, capsys):
    conn = sqlite3.connect(shop_file)
    columns = [r[1] for r in conn.execute("PRAGMA table_info(jobs)") if r[1] not in ("id", "number", "status")]
    listed = ", ".join(columns)
    for n in range(1, 26):  # 25 jobs with a status and no history (numbers outside the counters: OLD-…)
        conn.execute(f"INSERT INTO jobs (number, status, {listed}) SELECT 'OLD-{n}', 'released', {listed} FROM jobs "
                     "WHERE id = 1")
    conn.commit()
    conn.close()
    code, out = check(capsys, "--db", str(shop_file))
    assert code == 1
    assert out[:2] == ["PROBLEM: Job OLD-1 is released but has no status history.",
                       "PROBLEM: Job OLD-2 is released but has no status history."]
    assert out[20:] == ["PROBLEM: … and 5 more like the ones above (job status).",
                        "workshop check --repair fixes the problems that can be fixed (after a backup); the others "
                        "stay."]
    code, out = check(capsys, "--repair", "--db", str(shop_file))
    assert code == 0 and "REPAIRED: 25 job status histories completed" in out


WINDOW = """
import sys
from pathlib import Path
from workshop.db.lock import acquire_writer_lock
lock = acquire_writer_lock(Path(sys.argv[1]))
print("held", flush=True)
sys.stdin.readline()
lock.release()
"""


def test_repair_does_not_change_a_shop_another_workshop_has_open(shop_file, capsys):
    """Checking reads beside an open window; repairing waits until it is closed (the shop's writer lock)."""
    pytest.importorskip("workshop.db.lock")
    conn = sqlite3.connect(shop_file)
    conn.execute("UPDATE number_sequences SET last_value = 0")
    conn.commit()
    conn.close()
    before = shop_file.read_bytes()
    window = subprocess.Popen([sys.executable, "-c", WINDOW, str(shop_file)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert window.stdout.readline() == "held\n"
        assert check(capsys, "--db", str(shop_file))[0] == 1
        code, out = check(capsys, "--repair", "--db", str(shop_file))
    finally:
        window.stdin.close()
        window.wait(timeout=30)
    assert code == 3  # ShopInUse.exit_code
    assert out[0].startswith("PROBLEM: ")  # who holds it, in the lock's own words
    assert shop_file.read_bytes() == before
    assert check(capsys, "--repair", "--db", str(shop_file))[0] == 0  # closed: now it repairs
