# Shared by scripts/run and scripts/test: make sure .venv exists, was made by this Python ($PYTHON,
# else python3), and holds the project. Says what it is doing, a line at least every 10 s, on stderr;
# pip's whole output goes to .venv/pip.log (shown when something goes wrong).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="${PYTHON:-python3}"
EXTRAS="${1:-}"
stamp="$VENV/.installed$EXTRAS"

_say() { echo "$*" >&2; }

# Which Python this is: its version and the installation it comes from (a venv's is its base's).
_which_python() {
  "$1" -c 'import os, sys; print(sys.version.split()[0], os.path.realpath(sys.base_prefix))' 2>/dev/null
}

# Run a command with its output in the log; pass on the lines that tell how far it has got, and say
# "still working" after 8 s without one (a big download prints nothing while it runs).
_with_progress() {
  local log="$VENV/pip.log" seen quiet=0 waited=0 lines pid status
  seen=$(($(wc -l <"$log")))  # (macOS pads wc's count with spaces)
  "$@" >>"$log" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    waited=$((waited + 1))
    lines=$(($(wc -l <"$log")))
    if [ "$lines" -gt "$seen" ]; then
      sed -n "$((seen + 1)),${lines}p" "$log" | sed -n -E \
        -e 's/^Collecting ([^ ]+).*/  getting \1/p' \
        -e 's/^Processing .*\/([^/ ]+)( .*)?$/  getting \1/p' \
        -e 's/^ *Installing build dependencies: started/  preparing the build…/p' \
        -e 's/^ *Building editable for ([^ ]+).*started/  building \1…/p' \
        -e 's/^ *Downloading ([^ ]+) \((.*)\)$/    downloading \1 (\2)/p' \
        -e 's/^Installing collected packages: (.*)/  installing: \1 (this can take a minute)/p' \
        -e 's/^Successfully installed .*/  installed./p' >&2
      seen=$lines
      quiet=0
    else
      quiet=$((quiet + 1))
      if [ "$quiet" -ge 8 ]; then
        _say "  … still working (${waited} s so far)"
        quiet=0
      fi
    fi
  done
  status=0
  wait "$pid" || status=$?
  if [ "$status" -ne 0 ]; then
    _say "That failed (exit $status). The last lines of $log:"
    tail -n 25 "$log" >&2
    return "$status"
  fi
}

if ! command -v "$PY" >/dev/null 2>&1; then
  _say "Workshop needs Python 3.11 or newer, and '$PY' was not found. Install Python 3 (Debian/Ubuntu:"
  _say "sudo apt install python3 python3-venv), or name one: PYTHON=/path/to/python3 $0"
  exit 1
fi

want="$(_which_python "$PY")"
if [ -e "$VENV" ] && [ "$(_which_python "$VENV/bin/python" || true)" != "$want" ]; then
  _say "The Python environment in $VENV was made by another Python (or is broken);"
  _say "making it again with $PY ($want)…"
  rm -rf "$VENV"
fi

if [ ! -x "$VENV/bin/python" ]; then
  if ! "$PY" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    _say "Python's venv module is missing, so the environment cannot be made."
    _say "On Debian/Ubuntu install it with: sudo apt install python3-venv   (then run this again)"
    exit 1
  fi
  _say "First run: making the Python environment in $VENV and installing Workshop's libraries"
  _say "(about 800 MB to download; a few minutes on a slow line)…"
  if ! "$PY" -m venv "$VENV" >&2; then
    rm -rf "$VENV"
    _say "Making the environment failed. On Debian/Ubuntu: sudo apt install python3-venv, then run this again."
    exit 1
  fi
fi

# Reinstall when pyproject.toml changes (new dependencies).
if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ]; then
  # Quiet for the owner (pip's version nag, setuptools' deprecation warnings): all of it is in the log.
  pip=(env PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_PROGRESS_BAR=off PYTHONWARNINGS=ignore "$VENV/bin/python" -m pip)
  : >"$VENV/pip.log"
  _say "Updating pip…"
  _with_progress "${pip[@]}" install --upgrade pip
  _say "Installing Workshop${EXTRAS:+ with $EXTRAS} and the libraries it needs…"
  _with_progress "${pip[@]}" install -e "$ROOT$EXTRAS"
  _say "Ready."
  touch "$stamp"
fi
