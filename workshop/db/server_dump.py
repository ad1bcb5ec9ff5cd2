"""Backing up a PostgreSQL shop: ``pg_dump`` in its custom format, when the client tools are installed.
A server's own backups are its administrator's; this is the owner's copy on demand."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

from sqlalchemy.engine import URL

from ..domain import errors as e
from .backup import STAMP, BackupInfo, fault_while, local_time, unique_path


PG_DUMP_MISSING = (
    "pg_dump is not installed on this computer, so the server database was not backed up. Install the "
    "PostgreSQL client tools (Debian/Ubuntu: sudo apt install postgresql-client; Windows and macOS: the "
    "PostgreSQL installer from postgresql.org, \"Command Line Tools\"), or ask whoever runs the server to back "
    "it up.")


def dump_server(url: URL, destination: os.PathLike | str | None = None, *,
                now: dt.datetime | None = None) -> BackupInfo:
    """Back up a PostgreSQL database with ``pg_dump`` (custom format) when it is installed."""
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise e.WorkshopError(PG_DUMP_MISSING)
    moment = now or dt.datetime.now(dt.UTC)
    if destination is None:
        from ..paths import user_data_dir

        folder = user_data_dir() / "backups"
        folder.mkdir(parents=True, exist_ok=True)
        final = unique_path(folder / f"{url.database}-{local_time(moment).strftime(STAMP)}-manual.dump")
    else:
        final = Path(destination).expanduser().resolve()
        if final.exists():
            raise e.WorkshopError(f"{final} already exists; a backup never overwrites a file. Choose a new name.")
    partial = final.with_name(final.name + ".partial")
    plain = url.set(drivername="postgresql", password=None)
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)  # not on the command line, where others could read it
    try:
        done = subprocess.run([pg_dump, "--format=custom", f"--file={partial}",
                               f"--dbname={plain.render_as_string(hide_password=False)}"],
                              env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise e.WorkshopError("pg_dump could not back up the server database; nothing was written.",
                                  done.stderr.strip())
        os.replace(partial, final)
    except OSError as exc:
        raise fault_while("a backup", final.parent, exc) from exc
    finally:
        partial.unlink(missing_ok=True)
    return BackupInfo(path=final, taken_at=moment.astimezone(dt.UTC), kind="manual", size=final.stat().st_size)
