"""The bundle's smoke check (scripts/smoke runs it): build dist/workshop/ with build.spec, copy it to a
folder outside the source tree and, offscreen, make the demo shop and check it, upgrade a database of
the oldest schema, print a job card and decode its barcodes, render its first page with QtPdf, open and
close the window, and time a cold start against the same from source.

Fails (exit 1) when a step fails, when the bundle is over SIZE_BUDGET_MIB, or when its cold start takes
over START_RATIO_BUDGET times the source's, measured in the same run. Prints its figures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from workshop.domain.scan_codes import operation_code

ROOT = Path(__file__).resolve().parent.parent
SIZE_BUDGET_MIB = 200.0
START_RATIO_BUDGET = 1.2

failures: list[str] = []


def say(text: str) -> None:
    print(text, flush=True)


def fail(text: str) -> None:
    failures.append(text)
    say(f"  FAILED: {text}")


def clean_env(home: Path) -> dict[str, str]:
    """Offscreen, with no trace of the source tree's Python and a home of its own (settings, backups)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "WORKSHOP_DB", "PYTHONSTARTUP")}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_DATA_HOME=str(home / "data"),
               XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"))
    return env


def run(args: list[str], cwd: Path, env: dict[str, str], what: str, expect: int | None = 0):
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    if expect is not None and result.returncode != expect:
        fail(f"{what}: exit {result.returncode}, expected {expect}\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return result


def build() -> float:
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                             "--distpath", str(ROOT / "dist"), "--workpath", str(ROOT / "build"),
                             str(ROOT / "build.spec")], cwd=ROOT, capture_output=True, text=True)
    seconds = time.monotonic() - started
    if result.returncode != 0:
        say(result.stdout[-3000:] + result.stderr[-5000:])
        raise SystemExit(f"The build failed (exit {result.returncode}).")
    # the spec's own table of what it left out
    for line in result.stdout.splitlines():
        if "MiB" in line or line.startswith("Workshop "):
            say("  " + line.strip())
    return seconds


def folder_mib(folder: Path) -> float:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink()) / 2**20


def decode(png: Path) -> set[tuple[str, str]]:
    # zbarimg exits 4 when an image has no barcode at all
    result = subprocess.run(["zbarimg", "-q", str(png)], capture_output=True, text=True)
    return {tuple(line.split(":", 1)) for line in result.stdout.splitlines() if ":" in line}


def time_start(args: list[str], cwd: Path, env: dict[str, str], out: Path) -> float:
    started = time.monotonic()
    result = subprocess.run(args + ["-o", str(out)], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    seconds = time.monotonic() - started
    if result.returncode != 0 or not out.exists():
        fail(f"start-up run {' '.join(args[:2])}: exit {result.returncode}\n{result.stderr[-2000:]}")
    out.unlink(missing_ok=True)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-build", action="store_true", help="check the dist/workshop/ already built")
    parser.add_argument("--runs", type=int, default=5, help="cold starts timed for each (default 5)")
    options = parser.parse_args()
    for tool in ("zbarimg", "pdftoppm"):
        if shutil.which(tool) is None:
            raise SystemExit(f"The smoke check needs {tool} (Debian: apt install zbar-tools poppler-utils).")

    build_seconds = None
    if not options.no_build:
        say("Building dist/workshop/ (build.spec) …")
        build_seconds = build()
        say(f"  built in {build_seconds:.0f} s")
    bundle = ROOT / "dist" / "workshop"
    size = folder_mib(bundle)

    with tempfile.TemporaryDirectory(prefix="workshop-smoke-") as tmp:
        tmp = Path(tmp)
        if tmp.resolve().is_relative_to(ROOT):
            raise SystemExit("The temporary folder is inside the source tree; set TMPDIR elsewhere.")
        app = tmp / "Workshop"
        say(f"Copying the bundle to {app} (as a user would) …")
        shutil.copytree(bundle, app, symlinks=True)
        exe = str(app / ("workshop.exe" if os.name == "nt" else "workshop"))
        work = tmp / "work"
        work.mkdir()
        env = clean_env(tmp / "home")
        shop = work / "shop.db"

        say("1. workshop --version, demo, check")
        version = run([exe, "--version"], work, env, "workshop --version").stdout.strip()
        say(f"  {version}")
        result = run([exe, "demo", "--db", str(shop)], work, env, "workshop demo")
        say("  demo: " + (result.stdout.strip().splitlines() or ["(nothing printed)"])[-1])
        result = run([exe, "check", "--db", str(shop)], work, env, "workshop check on the demo shop")
        say("  check: " + (result.stdout.strip().splitlines() or ["(nothing printed)"])[-1])

        # the PostgreSQL driver travels in the bundle: a server URL gets as far as connecting
        result = run([exe, "check", "--db", "postgresql+psycopg://nobody@127.0.0.1:9/none"], work, env,
                     "workshop check on a PostgreSQL URL", None)
        if "No module named" in result.stdout + result.stderr or "psycopg" in (result.stdout + result.stderr).lower() \
                and "install" in (result.stdout + result.stderr).lower():
            fail(f"the bundle has no PostgreSQL driver:\n{result.stdout}{result.stderr}")
        else:
            say("  a postgresql:// URL reaches the driver: " + (result.stdout + result.stderr).strip().splitlines()[0][:100])

        say("2. A database of the oldest schema (0001, made by the source tree's migrations)")
        old = work / "old.db"
        made = subprocess.run([sys.executable, "-c",
                               "import sys; from sqlalchemy.engine import make_url; from workshop.db import migrate;"
                               "migrate.upgrade(make_url('sqlite:///' + sys.argv[1]), '0001')", str(old)],
                              cwd=ROOT, capture_output=True, text=True)
        if made.returncode != 0:
            fail(f"making the 0001 database: {made.stderr[-2000:]}")
        else:
            result = run([exe, "check", "--db", str(old)], work, env, "workshop check on the old database", None)
            if "older than" not in result.stdout + result.stderr:
                fail(f"check did not call the 0001 database older:\n{result.stdout}{result.stderr}")
            else:
                say("  check: it is older, as expected")
            run([exe, "screenshot", "--db", str(old), "-o", str(work / "old.png")], work, env,
                "opening the old database in the window")
            with sqlite3.connect(old) as conn:
                revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            head = sorted(p.name.split("_")[0] for p in (ROOT / "migrations" / "versions").glob("[0-9]*.py"))[-1]
            if revision != head:
                fail(f"opening left the old database at {revision}, not {head}")
            else:
                say(f"  opened: upgraded 0001 → {revision}")
            result = run([exe, "check", "--db", str(old)], work, env, "workshop check after the upgrade")
            if "older than" in result.stdout:
                fail("check still calls the upgraded database older")

        say("3. A job card, its barcodes, its first page through QtPdf")
        with sqlite3.connect(shop) as conn:
            job_id, number = conn.execute("SELECT id, number FROM jobs ORDER BY id LIMIT 1").fetchone()
            op_numbers = conn.execute("SELECT op_number FROM operations WHERE job_id = ?", (job_id,))
            ops = {operation_code(number, n) for (n,) in op_numbers}
        card = work / "card.pdf"
        run([exe, "print", "job-card", number, "--db", str(shop), "-o", str(card)], work, env, "workshop print job-card")
        if card.exists():
            subprocess.run(["pdftoppm", "-r", "150", "-png", str(card), str(work / "page")], check=True)
            found = set().union(*(decode(p) for p in work.glob("page-*.png")))
            codes = {payload for symbology, payload in found if symbology == "CODE-128"}
            if ("QR-Code", number) not in found or number not in codes:
                fail(f"the card's job barcodes ({number}) were not read back: {sorted(found)}")
            if codes - {number} != ops:
                fail(f"operation barcodes {sorted(codes - {number})} differ from {sorted(ops)}")
            else:
                say(f"  {number}: QR and Code 128 read back, and {len(ops)} operation barcodes")
            page = work / "qtpdf-page1.png"
            result = run([exe, "--smoke-pdf-page", str(card), str(page)], work, env, "QtPdf rendering the card")
            say("  " + result.stdout.strip())
            if page.exists() and ("CODE-128", number) not in decode(page):
                fail(f"the QtPdf page shows no readable {number} barcode")

        say("4. The window opens and closes (workshop screenshot)")
        shot = work / "window.png"
        run([exe, "screenshot", "--db", str(shop), "-o", str(shot)], work, env, "workshop screenshot")
        if shot.exists():
            from struct import unpack

            width, height = unpack(">II", shot.read_bytes()[16:24])
            say(f"  window painted: {width}x{height}")
            if (width, height) != (1280, 800):
                fail(f"the window was {width}x{height}, not 1280x800")

        say("4b. A report with its charts as a PDF, and a chart on screen (ReportLab drawing, QtSvg)")
        report = work / "load.pdf"
        run([exe, "report", "load", "--db", str(shop), "--pdf", str(report)], work, env, "workshop report load --pdf")
        if report.exists():
            text = subprocess.run(["pdftotext", str(report), "-"], capture_output=True, text=True).stdout
            if "LOAD AGAINST CAPACITY" not in text:  # the heading, in capitals
                fail(f"the load report's PDF does not say what it is: {text[:200]!r}")
        chart = work / "chart.png"
        say("  " + run([exe, "--smoke-chart", str(chart)], work, env, "a chart through QtSvg").stdout.strip())

        say(f"5. Cold start to a painted window, {options.runs} runs each, alternating")
        source_env = clean_env(tmp / "home")
        source = [sys.executable, "-m", "workshop", "screenshot", "--db", str(shop)]
        frozen = [exe, "screenshot", "--db", str(shop)]
        time_start(source, ROOT, source_env, work / "warm.png")  # one of each first: the disk cache
        time_start(frozen, work, env, work / "warm.png")
        times = {"source": [], "bundle": []}
        for _ in range(options.runs):
            times["source"].append(time_start(source, ROOT, source_env, work / "s.png"))
            times["bundle"].append(time_start(frozen, work, env, work / "b.png"))

    source_s, bundle_s = statistics.median(times["source"]), statistics.median(times["bundle"])
    ratio = bundle_s / source_s
    say("")
    say("Figures")
    if build_seconds is not None:
        say(f"  build:            {build_seconds:.0f} s")
    say(f"  bundle size:      {size:.1f} MiB (budget {SIZE_BUDGET_MIB:.0f} MiB)")
    say(f"  cold start:       bundle {bundle_s:.2f} s, source {source_s:.2f} s (medians): "
        f"{ratio:.2f}× (budget {START_RATIO_BUDGET}×)")
    if size > SIZE_BUDGET_MIB:
        fail(f"the bundle is {size:.1f} MiB, over its {SIZE_BUDGET_MIB:.0f} MiB budget")
    if ratio > START_RATIO_BUDGET:
        fail(f"the bundle starts in {ratio:.2f}× the source's time, over {START_RATIO_BUDGET}×")
    if failures:
        say(f"Smoke check FAILED: {len(failures)} problem(s).")
        return 1
    say("Smoke check passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
