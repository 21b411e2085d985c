#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster on 127.0.0.1 and PAYUNG_TEST_PG_URL set,
# so the server tests run against PostgreSQL as well as SQLite. The cluster lives in a temporary
# folder, belongs to the `postgres` user (initdb refuses root) and is stopped by its pid on exit.
# Already set PAYUNG_TEST_PG_URL: the command runs as is. No PostgreSQL installed: the command
# runs without it (the SQLite half of the server tests still runs) and a line says so.
set -euo pipefail
if [ -n "${PAYUNG_TEST_PG_URL:-}" ]; then exec "$@"; fi
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "with-postgres: PostgreSQL not installed; server tests run on SQLite only" >&2
  exec "$@"
fi
dir=$(mktemp -d /tmp/payung-pg.XXXXXX)
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$dir"
  as_pg=(runuser -u postgres --)
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${as_pg[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
stop() {
  local pid
  pid=$(head -1 "$dir/data/postmaster.pid" 2>/dev/null || true)
  if [ -n "$pid" ]; then
    kill -INT "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$dir"
}
trap stop EXIT
export PAYUNG_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
echo "with-postgres: PostgreSQL $(basename "$(dirname "$bin")") on 127.0.0.1:$port" >&2
"$@"
