#!/usr/bin/env bash
# The test suite on SQLite and on PostgreSQL at the same time, one core each (the suite itself runs on one
# core), so `make test` takes about as long as the slower of the two. The SQLite run's output is kept in a
# file and shown when both have finished; the PostgreSQL run's is shown as it goes.
#
# Tests whose result cannot depend on the database run in one of the two runs, not both: the browser tests
# (Chromium against the live server: what the browser does with our pages) and the Nu Html Checker in the
# SQLite run; the tests marked one_run (gunicorn on its own SQLite file, settings read in fresh processes,
# collected static files) in the PostgreSQL run. Split so, the two runs take about as long as each other.
# Every other test runs on both databases. `make test-sqlite` and `make test-postgres` alone run everything.
#   scripts/test-both.sh MAKE
set -uo pipefail
make_cmd=${1:-make}
log=$(mktemp "${TMPDIR:-/tmp}/serviceplans-sqlite-tests.XXXXXX")
trap 'rm -f "$log"' EXIT
echo "SQLite run started in the background (its output follows the PostgreSQL run's)."
$make_cmd --no-print-directory test-sqlite PYTEST_ARGS='-m "not one_run"' >"$log" 2>&1 &
sqlite=$!
$make_cmd --no-print-directory test-postgres PYTEST_ARGS='-m "not browser and not htmlcheck"'
postgres=$?
wait "$sqlite"
sqlite_status=$?
echo
echo "==================== SQLite run (exit $sqlite_status; PostgreSQL's exit $postgres) ===================="
if [ "$sqlite_status" -eq 0 ]; then tail -n 5 "$log"; else cat "$log"; fi
[ "$sqlite_status" -eq 0 ] && [ "$postgres" -eq 0 ]
