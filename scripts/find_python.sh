#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter (Rasa 3.6 supports 3.8-3.10).
# pyenv shims answer `python3.10` even when that version is not the active one,
# so each candidate is tried, not just looked up.
set -u
source "$(dirname "$0")/settings.sh"  # defaults (config/defaults.env); PYTHON has none
for candidate in "${PYTHON:-}" python3.10 \
    "$(command -v pyenv >/dev/null 2>&1 && echo "$(pyenv root)")"/versions/3.10*/bin/python3.10 \
    /usr/bin/python3.10 /usr/local/bin/python3.10; do
  [ -n "$candidate" ] || continue
  if "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' >/dev/null 2>&1; then
    command -v "$candidate" 2>/dev/null || echo "$candidate"
    exit 0
  fi
done
echo "error: Python 3.10 not found. Install it (e.g. 'pyenv install 3.10') or set PYTHON=/path/to/python3.10" >&2
exit 1
