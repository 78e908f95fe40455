#!/usr/bin/env bash
# A throw-away PostgreSQL server for the test suite, on loopback only.
#   scripts/test-postgres.sh start   starts it (if not running) and prints its DATABASE_URL
#   scripts/test-postgres.sh stop    stops it
#   scripts/test-postgres.sh status  succeeds if it is running
# It lives in a folder of its own under /tmp so the postgres user can reach it wherever the clone is.
set -euo pipefail
port=${TEST_POSTGRES_PORT:-5433}
dir=${TEST_POSTGRES_DIR:-/tmp/serviceplans-postgres-$port}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bindir" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
  start)
    if ! [ -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
      as_owner "$bindir/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_owner "$bindir/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      as_owner "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" \
        start >/dev/null
    fi
    echo "postgres://postgres@127.0.0.1:$port/serviceplans"
    ;;
  stop)
    [ -f "$dir/PG_VERSION" ] && as_owner "$bindir/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true
    ;;
  status)
    [ -f "$dir/PG_VERSION" ] && as_owner "$bindir/pg_ctl" -D "$dir" status >/dev/null 2>&1
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
