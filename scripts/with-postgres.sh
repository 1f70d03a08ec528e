#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL cluster: initdb in a temp dir, start it on a free
# loopback port, export HEGUI_TEST_POSTGRES_URL, run the command, then always stop the cluster and
# delete the directory. If PostgreSQL is not installed, run the command anyway (the tests marked
# `postgres` then skip and say why).
#
#   bash scripts/with-postgres.sh .venv/bin/pytest -q
set -uo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi

bindir=""
for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
  if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then bindir="$dir"; break; fi
done
if [ -z "$bindir" ]; then
  echo "with-postgres: PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin;" \
       "running without it (postgres tests will skip)" >&2
  exec "$@"
fi

# A free port on the loopback interface.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
tmp=$(mktemp -d /tmp/hegui-pg.XXXXXX)
data="$tmp/data"

# PostgreSQL refuses to run as root: as root, run the server as the `postgres` user.
as_pg() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "with-postgres: running as root but there is no 'postgres' user; running without PostgreSQL" >&2
    rm -rf "$tmp"
    exec "$@"
  fi
  chown postgres "$tmp"
  chmod 700 "$tmp"
  # Run from the temp dir: the postgres user may not be allowed into the checkout.
  as_pg() { (cd "$tmp" && runuser -u postgres -- "$@"); }
fi

cleanup() {
  as_pg "$bindir/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

pguser=hegui
if ! as_pg "$bindir/initdb" -D "$data" -U "$pguser" --auth=trust -E UTF8 --locale=C.UTF-8 >"$tmp/initdb.log" 2>&1; then
  echo "with-postgres: initdb failed (see below); running without PostgreSQL" >&2
  cat "$tmp/initdb.log" >&2
  "$@"
  exit $?
fi
if ! as_pg "$bindir/pg_ctl" -D "$data" -l "$tmp/server.log" -w -t 60 \
     -o "-h 127.0.0.1 -p $port -k $tmp -c fsync=off -c full_page_writes=off -c synchronous_commit=off" start >/dev/null; then
  echo "with-postgres: server did not start; running without PostgreSQL" >&2
  cat "$tmp/server.log" >&2 || true
  "$@"
  exit $?
fi

export HEGUI_TEST_POSTGRES_URL="postgresql://$pguser@127.0.0.1:$port/postgres"
echo "with-postgres: PostgreSQL $(basename "$(dirname "$bindir")") on 127.0.0.1:$port in $tmp (HEGUI_TEST_POSTGRES_URL set)" >&2
"$@"
status=$?
exit $status
