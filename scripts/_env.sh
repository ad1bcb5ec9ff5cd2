# Shared by scripts/run and scripts/test: make sure .venv exists and holds the project.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="${PYTHON:-python3}"
EXTRAS="${1:-}"
stamp="$VENV/.installed$EXTRAS"
if [ ! -x "$VENV/bin/python" ]; then
  echo "Creating the Python environment in $VENV (first run only)…" >&2
  "$PY" -m venv "$VENV"
fi
# Reinstall when pyproject.toml changes (new dependencies).
if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ]; then
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >&2
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$ROOT$EXTRAS" >&2
  touch "$stamp"
fi
