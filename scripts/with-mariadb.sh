#!/usr/bin/env bash
# Run a command with a throwaway MariaDB (or MySQL) server: a data directory in a temp dir (on
# /dev/shm when it has room, else /tmp), the server on a free loopback port with its socket
# beside it, a `hegui` user and database, then HEGUI_TEST_MYSQL_URL exported, the command run,
# and the server always stopped and the directory deleted. If no server is installed, run the command anyway (the tests marked `mysql` then skip
# and say why; under CI=true they fail instead, see tests/conftest.py).
#
#   bash scripts/with-mariadb.sh .venv/bin/pytest -q
#
# The server is a test service only (like PostgreSQL in with-postgres.sh): nothing of it is
# linked or shipped.
set -uo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi

first() { for c in "$@"; do command -v "$c" 2>/dev/null && return 0; done; return 1; }
PATH="$PATH:/usr/sbin:/usr/local/sbin"
server=$(first mariadbd mysqld)
install_db=$(first mariadb-install-db mysql_install_db)
client=$(first mariadb mysql)
if [ -z "$server" ] || [ -z "$install_db" ] || [ -z "$client" ]; then
  echo "with-mariadb: MariaDB server, mariadb-install-db or client not found;" \
       "running without it (mysql tests will skip)" >&2
  exec "$@"
fi

# A free port on the loopback interface.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
# In memory where a tmpfs with room is at hand: mariadb-install-db syncs every file it writes
# (6-7 s on a busy disk, under 1 s on tmpfs), and the data is thrown away anyway.
base=/tmp
shm_free=$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 {print $4}')
if [ -w /dev/shm ] && [ "${shm_free:-0}" -gt 1048576 ]; then base=/dev/shm; fi
tmp=$(mktemp -d "$base/hegui-mariadb.XXXXXX")
data="$tmp/data"
sock="$tmp/mysqld.sock"
pidfile="$tmp/mysqld.pid"

# As root, run the server as the `mysql` user (mariadbd refuses root unless told otherwise).
as_my() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
  if ! id mysql >/dev/null 2>&1; then
    echo "with-mariadb: running as root but there is no 'mysql' user; running without MariaDB" >&2
    rm -rf "$tmp"
    exec "$@"
  fi
  chown mysql "$tmp"
  chmod 700 "$tmp"
  # Run from the temp dir: the mysql user may not be allowed into the checkout.
  as_my() { (cd "$tmp" && runuser -u mysql -- "$@"); }
fi

launcher=""
stop_server() {
  local pid=""
  [ -s "$pidfile" ] && pid=$(cat "$pidfile" 2>/dev/null)
  # No pid file yet (a server still starting when the wait gave up): its launcher, which
  # passes the signal on.
  [ -n "$pid" ] || pid="$launcher"
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  # A clean shutdown takes a second or two; bounded, then forced.
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  stop_server
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

run_without() {
  echo "with-mariadb: $1; running without MariaDB" >&2
  cat "$tmp/install.log" "$tmp/server.log" >&2 2>/dev/null || true
  stop_server
  "${@:2}"
  exit $?
}

# --no-defaults: the system's /etc/mysql config (its socket, port, data dir) must not apply.
if ! as_my "$install_db" --no-defaults --datadir="$data" --auth-root-authentication-method=normal \
     --skip-test-db >"$tmp/install.log" 2>&1; then
  run_without "mariadb-install-db failed (see below)" "$@"
fi

as_my "$server" --no-defaults --datadir="$data" --socket="$sock" --pid-file="$pidfile" \
  --port="$port" --bind-address=127.0.0.1 --log-error="$tmp/server.log" --tmpdir="$tmp" \
  --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
  --skip-log-bin --performance-schema=OFF --innodb-buffer-pool-size=64M --innodb-log-file-size=16M \
  --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 --max-connections=200 \
  >/dev/null 2>&1 &
launcher=$!

# Ready when it answers on its socket; bounded (60 s), and a server that died is noticed at once.
ready=""
for _ in $(seq 1 600); do
  if [ -S "$sock" ] && as_my "$client" --no-defaults --socket="$sock" -uroot -e "SELECT 1" >/dev/null 2>&1; then
    ready=1; break
  fi
  kill -0 "$launcher" 2>/dev/null || break
  sleep 0.1
done
[ -n "$ready" ] || run_without "server did not start within 60 s (see below)" "$@"

myuser=hegui
if ! as_my "$client" --no-defaults --socket="$sock" -uroot >"$tmp/setup.log" 2>&1 <<SQL
CREATE DATABASE hegui CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER '$myuser'@'127.0.0.1';
GRANT ALL PRIVILEGES ON *.* TO '$myuser'@'127.0.0.1' WITH GRANT OPTION;
SQL
then
  cat "$tmp/setup.log" >&2
  run_without "could not create the hegui user and database" "$@"
fi

export HEGUI_TEST_MYSQL_URL="mysql+pymysql://$myuser@127.0.0.1:$port/hegui?charset=utf8mb4"
version=$(as_my "$client" --no-defaults --socket="$sock" -uroot -N -e "SELECT VERSION()" 2>/dev/null)
echo "with-mariadb: MariaDB $version on 127.0.0.1:$port in $tmp (HEGUI_TEST_MYSQL_URL set)" >&2
"$@"
status=$?
exit $status
