#!/usr/bin/env bash
# The test suite on SQLite and on PostgreSQL at the same time, one core each (the suite itself runs on one
# core), so `make test` takes about as long as the slower of the two. The SQLite run's output is kept in a
# file and shown when both have finished; the PostgreSQL run's is shown as it goes.
#   scripts/test-both.sh MAKE
set -uo pipefail
make_cmd=${1:-make}
log=$(mktemp "${TMPDIR:-/tmp}/serviceplans-sqlite-tests.XXXXXX")
trap 'rm -f "$log"' EXIT
echo "SQLite run started in the background (its output follows the PostgreSQL run's)."
$make_cmd --no-print-directory test-sqlite >"$log" 2>&1 &
sqlite=$!
$make_cmd --no-print-directory test-postgres
postgres=$?
wait "$sqlite"
sqlite_status=$?
echo
echo "==================== SQLite run (exit $sqlite_status; PostgreSQL's exit $postgres) ===================="
if [ "$sqlite_status" -eq 0 ]; then tail -n 5 "$log"; else cat "$log"; fi
[ "$sqlite_status" -eq 0 ] && [ "$postgres" -eq 0 ]
