#!/usr/bin/env bash
# Create the virtual environment with a Python new enough for Django 6 (3.12 or newer).
set -euo pipefail
venv=${1:-.venv}
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then
  exit 0
fi
candidates=(python3.13 python3.12)
if command -v pyenv >/dev/null 2>&1; then
  root=$(pyenv root)
  for v in "$root"/versions/3.13* "$root"/versions/3.12*; do
    [ -x "$v/bin/python3" ] && candidates+=("$v/bin/python3")
  done
fi
candidates+=(python3)
for py in "${candidates[@]}"; do
  if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import sys, ssl, sqlite3; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
    echo "Creating $venv with $("$py" --version)"
    rm -rf "$venv"
    "$py" -m venv "$venv"
    exit 0
  fi
done
echo "No Python 3.12 or newer was found. Install one (Debian: apt-get install python3.12 python3.12-venv," >&2
echo "or pyenv install 3.12) and run make again." >&2
exit 1
