"""One writer at a time: the lock file beside the shop (who, where, since when), taken over when its
process died on this PC, refused (naming who) when another live process or another PC holds it."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap

import pytest

from workshop.db import lock as lock_module
from workshop.db.lock import acquire_writer_lock, lock_holder, lock_path
from workshop.domain.errors import ShopInUse


def _write_lock(db_path, **fields) -> None:
    data = {"host": lock_module.this_host(), "pid": os.getpid(), "user": "anna",
            "started_at": "2026-12-01T08:15:00+00:00", "token": "t"} | fields
    lock_path(db_path).write_text(json.dumps(data))


def test_the_lock_says_who_holds_the_shop_and_goes_on_release(tmp_path):
    db_path = tmp_path / "shop.db"
    lock = acquire_writer_lock(db_path)
    holder = lock_holder(db_path)
    assert (holder.host, holder.pid) == (lock_module.this_host(), os.getpid())
    assert holder.user == lock_module.this_user()
    assert abs(holder.started_at - dt.datetime.now(dt.UTC)) < dt.timedelta(seconds=5)
    assert (tmp_path / "shop.db.lock").is_file()
    lock.release()
    assert lock_holder(db_path) is None and not (tmp_path / "shop.db.lock").exists()


def test_the_lock_is_reentrant_in_one_process(tmp_path):
    db_path = tmp_path / "shop.db"
    first = acquire_writer_lock(db_path)
    second = acquire_writer_lock(db_path)
    assert second is first
    first.release()
    assert lock_holder(db_path) is not None  # still held once
    second.release()
    assert lock_holder(db_path) is None


HOLD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from workshop.db.lock import acquire_writer_lock
    lock = acquire_writer_lock(Path(sys.argv[1]))
    print("held", flush=True)
    sys.stdin.readline()
    lock.release()
""")


def test_a_live_process_holding_the_lock_is_named(tmp_path):
    db_path = tmp_path / "shop.db"
    other = subprocess.Popen([sys.executable, "-c", HOLD, str(db_path)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline() == "held\n"
        with pytest.raises(ShopInUse) as caught:
            acquire_writer_lock(db_path)
        assert caught.value.holder.pid == other.pid
        assert caught.value.message.startswith("This shop is open in Workshop on this PC (")
        assert f"Process: {other.pid}" in caught.value.details
        assert caught.value.exit_code == 3
    finally:
        other.communicate("\n", timeout=30)
    assert lock_holder(db_path) is None  # it released its lock
    acquire_writer_lock(db_path).release()


def test_a_lock_left_by_a_killed_process_is_taken_over_silently(tmp_path):
    db_path = tmp_path / "shop.db"
    other = subprocess.Popen([sys.executable, "-c", HOLD, str(db_path)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    assert other.stdout.readline() == "held\n"
    other.kill()  # SIGKILL: no chance to release
    other.wait(timeout=30)
    assert lock_holder(db_path).pid == other.pid  # left behind
    lock = acquire_writer_lock(db_path)
    assert lock_holder(db_path).pid == os.getpid()
    lock.release()
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # nothing of the stale lock left aside


def test_a_lock_whose_process_number_was_reused_is_stale(tmp_path):
    db_path = tmp_path / "shop.db"
    started = lock_module.process_started_at(os.getppid())
    if started is None:
        pytest.skip("process start times are read from /proc (Linux)")
    # written by a process that had the number of this test's parent long before that parent started
    _write_lock(db_path, pid=os.getppid(), started_at=(started - dt.timedelta(hours=1)).isoformat())
    lock = acquire_writer_lock(db_path)
    assert lock_holder(db_path).pid == os.getpid()
    lock.release()


def test_a_live_holder_started_before_its_lock_is_not_stale(tmp_path):
    db_path = tmp_path / "shop.db"
    _write_lock(db_path, pid=os.getppid(), started_at=dt.datetime.now(dt.UTC).isoformat())
    with pytest.raises(ShopInUse):
        acquire_writer_lock(db_path)


def test_a_lock_from_another_pc_names_host_user_and_time(tmp_path):
    db_path = tmp_path / "shop.db"
    _write_lock(db_path, host="BENCH-PC", pid=4242, user="tom", started_at="2026-12-01T08:15:00+00:00")
    before = lock_path(db_path).read_bytes()
    with pytest.raises(ShopInUse) as caught:
        acquire_writer_lock(db_path)
    local = dt.datetime(2026, 12, 1, 8, 15, tzinfo=dt.UTC).astimezone()
    since = f"{local.day} {local:%b %Y %H:%M}"  # "1 Dec 2026 08:15" where the PC keeps UTC
    assert caught.value.message.startswith(f"This shop is open in Workshop on BENCH-PC (tom, since {since})")
    assert "open it read-only here" in caught.value.message
    assert caught.value.holder.host == "BENCH-PC"
    assert lock_path(db_path).read_bytes() == before  # refused: their lock untouched
    taken = acquire_writer_lock(db_path, take_over=True)  # "Open anyway", after the warning
    assert lock_holder(db_path).host == lock_module.this_host()
    taken.release()


def test_an_empty_lock_file_is_stale_only_once_its_writer_had_time(tmp_path, monkeypatch):
    db_path = tmp_path / "shop.db"
    lock_path(db_path).write_bytes(b"")  # a process died between creating the file and writing it
    with pytest.raises(ShopInUse, match="opening this shop right now"):
        acquire_writer_lock(db_path)
    old = lock_path(db_path).stat().st_mtime - 60
    os.utime(lock_path(db_path), (old, old))
    acquire_writer_lock(db_path).release()


def test_releasing_never_removes_a_lock_someone_else_took_over(tmp_path):
    db_path = tmp_path / "shop.db"
    lock = acquire_writer_lock(db_path)
    _write_lock(db_path, host="OFFICE-PC", pid=7, token="theirs")  # taken over ("Open anyway") elsewhere
    lock.release()
    assert lock_holder(db_path).host == "OFFICE-PC"


def test_a_read_only_folder_cannot_be_locked(tmp_path):
    from support.mounts import remount_read_only, small_disk
    from workshop.domain.errors import ReadOnlyStorage

    folder = tmp_path / "share"
    with small_disk(folder, "1m"):
        remount_read_only(folder)
        with pytest.raises(ReadOnlyStorage):
            acquire_writer_lock(folder / "shop.db")
