#!/bin/sh
# make loadtest: 50 signed-in users for 60 s against gunicorn (2 workers, gunicorn.conf.py's one request at a
# time each; LOADTEST_THREADS=4 for four threads a worker) and PostgreSQL, with the
# demo council at 10×. Loopback only. Uses the test PostgreSQL server (scripts/test-postgres.sh) unless
# LOADTEST_DATABASE_URL is set. Prints locust's table: requests/s, p50/p95/p99 and failures for each page.
# LOADTEST_PAUSE: each user's pause before a page, in seconds (default 1-5; 0.5-2 asks twice as much of the
# server); LOADTEST_LOCUST_ARGS: more locust options (for example "--csv /tmp/lt --csv-full-history").
set -eu
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
BIN=$(dirname "$PYTHON")
PORT=${LOADTEST_PORT:-8152}
SCALE=${LOADTEST_SCALE:-10}
USERS=${LOADTEST_USERS:-50}
DURATION=${LOADTEST_DURATION:-60s}
export LOADTEST_PASSWORD=${LOADTEST_PASSWORD:-loadtest-password-1}
# Production mode (DEBUG off, as a council's servers run), over plain HTTP on loopback: a throwaway secret key,
# no HTTPS redirect or secure-only cookies, the static files collected as `make deploy` would.
export DEBUG=false
export SECRET_KEY="$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(50))')"
export SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false SECURE_HSTS_SECONDS=0
export STATIC_ROOT=${LOADTEST_STATIC_ROOT:-/tmp/loadtest-static}
export LOG_LEVEL=${LOG_LEVEL:-WARNING}
if [ -z "${LOADTEST_DATABASE_URL:-}" ]; then
	server=$(scripts/test-postgres.sh start)
	LOADTEST_DATABASE_URL="${server%/*}/${LOADTEST_DB_NAME:-loadtest_${SCALE}x}"
	"$PYTHON" - "$LOADTEST_DATABASE_URL" <<'PY'
import sys, psycopg
url = sys.argv[1]
base, name = url.rsplit("/", 1)
with psycopg.connect(base + "/postgres", autocommit=True) as connection:
    connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
    connection.execute(f'CREATE DATABASE "{name}"')
PY
fi
export DATABASE_URL="$LOADTEST_DATABASE_URL"
"$PYTHON" manage.py collectstatic --noinput --verbosity 0
if [ -z "${LOADTEST_REUSE:-}" ]; then
"$PYTHON" manage.py migrate --verbosity 0
"$PYTHON" manage.py load_demo --password "$LOADTEST_PASSWORD" --scale "$SCALE" | tail -1
fi
# (load_demo ends with ANALYZE, so the planner has the statistics a live database has.)
"$BIN/gunicorn" -c gunicorn.conf.py serviceplans.wsgi:application --bind "127.0.0.1:$PORT" --workers 2 --threads "${LOADTEST_THREADS:-1}" \
	--access-logfile /dev/null --error-logfile /tmp/loadtest-gunicorn.log &
gunicorn=$!
trap 'kill $gunicorn 2>/dev/null || true' EXIT INT TERM
sleep 3
"$BIN/locust" -f scripts/locustfile.py --headless -u "$USERS" -r 10 -t "$DURATION" \
	--host "http://127.0.0.1:$PORT" --only-summary --stop-timeout 5 ${LOADTEST_LOCUST_ARGS:-}
