#!/usr/bin/env bash
# A private, throw-away PostgreSQL server for benchmarks, docs and manual runs.
#
#   scripts/postgres.sh start DIR PORT   initdb into DIR (first time only) and start on 127.0.0.1:PORT (unless
#                                        running already);
#                                        prints the connection string (database "orchestrator", trust auth)
#   scripts/postgres.sh stop DIR         stop the server of DIR (the files stay; rm -rf DIR to drop them)
#
# PG_MAX_CONNECTIONS sets the server's max_connections (default 100, PostgreSQL's own).
# It listens on loopback only, keeps its unix socket inside DIR and trusts local connections: never use it for
# anything but local work. Installs PostgreSQL with apt when no server binaries are found. initdb refuses to run
# as root, so as root the server runs as the "postgres" OS user and DIR is handed to it.
set -euo pipefail

usage() {
  echo "usage: $0 start DIR PORT | stop DIR" >&2
  exit 2
}

find_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then
    echo "$dir"
  fi
}

ensure_installed() {
  if [ -n "$(find_bindir)" ]; then
    return
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "postgres.sh: PostgreSQL is missing and there is no root to install it" >&2; exit 1; }
    sudo="sudo"
  fi
  echo "postgres.sh: installing postgresql" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
}

# Runs a server binary as the unprivileged owner of the data directory.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start() {
  local dir=$1 port=$2
  ensure_installed
  local bin
  bin=$(find_bindir)
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$dir"
    runuser -u postgres -- test -w "$dir" \
      || { echo "postgres.sh: the postgres user cannot reach $dir (choose a directory under /tmp)" >&2; exit 1; }
  fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
  fi
  if ! as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=${PG_MAX_CONNECTIONS:-100}" start >/dev/null \
      || { tail -n 20 "$dir/server.log" >&2; exit 1; }
  fi
  if ! as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = 'orchestrator'" | grep -q 1; then
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres orchestrator
  fi
  echo "Host=127.0.0.1;Port=$port;Database=orchestrator;Username=postgres"
}

stop() {
  local dir=$1
  local bin
  bin=$(find_bindir)
  [ -n "$bin" ] || { echo "postgres.sh: no PostgreSQL binaries found" >&2; exit 1; }
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
  fi
}

case "${1:-}" in
  start) [ $# -eq 3 ] || usage; start "$2" "$3" ;;
  stop) [ $# -eq 2 ] || usage; stop "$2" ;;
  *) usage ;;
esac
