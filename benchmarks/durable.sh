#!/usr/bin/env bash
# Durable-state benchmark: one silo on a private PostgreSQL runs sweeps of trivially small cells (N = 8, M = 16,
# T = 1), so that what is measured is the orchestration and its storage, not the kernel. For each sweep size it
# prints the throughput (cells over the sweep's own time from first dispatch to last report; the wall time from
# submit to a client seeing it completed is shown beside it) and what the database wrote per finished cell: WAL bytes
# (pg_stat_wal, everything PostgreSQL made durable) and storage rows inserted or updated, and the CPU time the silo
# and PostgreSQL (server and all its backends) used from submit to the sweep seen completed, per 1000 cells: on a
# machine with other work on it the throughput drops with the load, the CPU time much less.
#
#   benchmarks/durable.sh [--cells "1000 10000 100000"] [--slots S] [--window W] [--bin DIR]
#
# --cells   sweep sizes, each a multiple of 50 (10 spectra × 5 sizes × seeds; default "1000 10000 100000")
# --slots   kernel slots of the silo (default 2)
# --window  cells in flight per sweep (default: the silo's default, 2 × slots)
# --bin     folder with Orchestrator.Silo.dll and orchestrator.dll (default: a Release build made here)
# KEEP=1    keep the work folder (silo log, database) for a look afterwards
set -euo pipefail
cd "$(dirname "$0")/.."

cells_list="1000 10000 100000"; slots=2; window=0; bin=""
while [ $# -gt 0 ]; do
  case "$1" in
    --cells) cells_list="$2"; shift 2 ;;
    --slots) slots="$2"; shift 2 ;;
    --window) window="$2"; shift 2 ;;
    --bin) bin="$2"; shift 2 ;;
    *) echo "durable.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
for n in $cells_list; do
  [ $(( n % 50 )) -eq 0 ] || { echo "durable.sh: --cells: $n is not a multiple of 50" >&2; exit 2; }
done

source benchmarks/binaries.sh

work=$(mktemp -d)
chmod 755 "$work"   # the server may run as the postgres user, which must reach its folder inside
pg_port=$(( 20000 + RANDOM % 20000 ))
silo_pid=""
watch_pid=""
cleanup() {
  [ -n "$watch_pid" ] && kill "$watch_pid" 2>/dev/null || true
  [ -n "$silo_pid" ] && kill -9 "$silo_pid" 2>/dev/null || true
  bash scripts/postgres.sh stop "$work/pg" >/dev/null 2>&1 || true
  [ -n "${KEEP:-}" ] && echo "kept $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT

base=$(bash scripts/postgres.sh start "$work/pg" "$pg_port")
psql_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/psql
pg_pid=$(head -n 1 "$work/pg/data/postmaster.pid")
sql() { PGHOST=127.0.0.1 PGPORT=$pg_port "$psql_bin" -U postgres -d "$1" -tAqc "$2"; }

# CPU ticks of a process (user + system) and of its children that it has waited for.
ticks_of() { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# PostgreSQL: the server, its live backends and helpers, and those that ended (counted in the server's children).
pg_ticks() {
  local total pid
  total=$(ticks_of "$pg_pid")
  for pid in $(ps -o pid= --ppid "$pg_pid"); do total=$(( total + $(ticks_of "$pid") )); done
  echo "$total"
}
hz=$(getconf CLK_TCK)

echo "machine: $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg); silo: $slots slot(s), window ${window/#0/default}"
printf '%-8s %-9s %-9s %-8s %-15s %-15s %-10s %-13s %-13s\n' cells wall-s sweep-s cells/s "WAL bytes/cell" "row writes/cell" "silo RSS" \
  "silo CPU s/1k" "PG CPU s/1k"
for n in $cells_list; do
  db_name="durable$n"
  db="${base/Database=orchestrator/Database=$db_name}"
  sql orchestrator "CREATE DATABASE $db_name" >/dev/null
  [ -n "${ASYNC_COMMIT:-}" ] && sql orchestrator "ALTER DATABASE $db_name SET synchronous_commit = off" >/dev/null
  $cli_cmd db init --db "$db" >/dev/null
  $silo_cmd --db "$db" --slots "$slots" --window "$window" --silo-port 11311 --gateway-port 30311 \
    --metrics-port 9311 > "$work/silo-$n.log" 2>&1 &
  silo_pid=$!
  until curl -sf http://127.0.0.1:9311/healthz >/dev/null; do
    kill -0 "$silo_pid" 2>/dev/null || { echo "durable.sh: the silo did not start:" >&2; tail -n 20 "$work/silo-$n.log" >&2; exit 1; }
    sleep 0.2
  done
  sleep 2   # let the silo report its slots

  seeds=$(( n / 50 ))
  cat > "$work/spec-$n.yaml" <<SPEC
name: durable-$n
experiment: random-features
grid:
  optimizer: [gd]
  spectrum: [0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4]
  size: [4, 5, 6, 7, 8]
  seed: [$(seq -s, 0 $(( seeds - 1 )))]
settings:
  latent_dim: 16
  steps: 1
  lr: auto
fit:
  bootstrap: 100
SPEC

  wal_before=$(sql "$db_name" "SELECT wal_bytes FROM pg_stat_wal")
  rows_before=$(sql "$db_name" "SELECT coalesce(sum(n_tup_ins + n_tup_upd), 0) FROM pg_stat_user_tables WHERE relname = 'orleansstorage'")
  silo_ticks_before=$(ticks_of "$silo_pid"); pg_ticks_before=$(pg_ticks)
  start=$(date +%s.%N)
  $cli_cmd submit "$work/spec-$n.yaml" --db "$db" >/dev/null
  # One client follows the sweep to its end (a status call every 250 ms on one connection) and prints the final status
  # as JSON on its last line. A CLI process per poll would take a good share of a small machine's CPU from the sweep
  # it measures (about 0.8 CPU-seconds each, most of it starting up).
  $cli_cmd status "durable-$n" --db "$db" --watch --format json > "$work/watch-$n.txt" 2>&1 &
  watch_pid=$!
  while kill -0 "$watch_pid" 2>/dev/null; do
    kill -0 "$silo_pid" 2>/dev/null || { echo "durable.sh: the silo stopped:" >&2; tail -n 20 "$work/silo-$n.log" >&2; exit 1; }
    sleep 0.2
  done
  wait "$watch_pid" || { echo "durable.sh: status --watch failed:" >&2; tail -n 5 "$work/watch-$n.txt" >&2; exit 1; }
  watch_pid=""
  tail -n 1 "$work/watch-$n.txt" > "$work/status.json"
  grep -q '"state":"completed"' "$work/status.json" \
    || { echo "durable.sh: sweep durable-$n ended but not completed:" >&2; cat "$work/status.json" >&2; exit 1; }
  wall=$(echo "$(date +%s.%N) - $start" | bc -l)
  silo_cpu=$(echo "($(ticks_of "$silo_pid") - $silo_ticks_before) / $hz * 1000 / $n" | bc -l)
  pg_cpu=$(echo "($(pg_ticks) - $pg_ticks_before) / $hz * 1000 / $n" | bc -l)
  # The sweep's own clock, first dispatch to last report: client start-up and polling are left out.
  started_at=$(grep -o '"started_at":"[^"]*"' "$work/status.json" | cut -d'"' -f4)
  finished_at=$(grep -o '"finished_at":"[^"]*"' "$work/status.json" | cut -d'"' -f4)
  seconds=$(echo "$(date -d "$finished_at" +%s.%N) - $(date -d "$started_at" +%s.%N)" | bc -l)
  sleep 3   # the aggregator's last coalesced writes; the sweep is complete, so nothing else runs
  rss=$(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$silo_pid/status)
  kill "$silo_pid" 2>/dev/null || true   # its database sessions end and report their statistics
  wait "$silo_pid" 2>/dev/null || true
  silo_pid=""
  sleep 1
  wal_after=$(sql "$db_name" "SELECT wal_bytes FROM pg_stat_wal")
  rows_after=$(sql "$db_name" "SELECT coalesce(sum(n_tup_ins + n_tup_upd), 0) FROM pg_stat_user_tables WHERE relname = 'orleansstorage'")

  printf '%-8s %-9.1f %-9.1f %-8.0f %-15.0f %-15.2f %-10s %-13.2f %-13.2f\n' "$n" "$wall" "$seconds" "$(echo "$n / $seconds" | bc -l)" \
    "$(echo "($wal_after - $wal_before) / $n" | bc -l)" "$(echo "($rows_after - $rows_before) / $n" | bc -l)" "$rss" \
    "$silo_cpu" "$pg_cpu"
done
