#!/usr/bin/env bash
# Orchestration scale benchmark: K silo processes on one PostgreSQL run a `synthetic` sweep of C cells that each sleep
# D seconds (no CPU), so the cores are not the limit and what is measured is the orchestration: dispatch, placement,
# reports, durable writes. Prints the ideal wall time (C × D / (K × S)), the actual one (the sweep's started_at to
# finished_at), their ratio, cells per second, and the most PostgreSQL connections each silo held at once (sampled
# every second from pg_stat_activity; each silo connects under its own application name). Not a CI test.
#
#   benchmarks/scale-sleep.sh [--silos 16] [--slots 8] [--cells 20000] [--duration 0.5] [--bin DIR]
#
# --cells  a multiple of 4 (4 sizes × C/4 seeds)
# KEEP=1   keep the work folder (silo logs, database)
set -euo pipefail
cd "$(dirname "$0")/.."

silos=16; slots=8; cells=20000; duration=0.5; bin=""
while [ $# -gt 0 ]; do
  case "$1" in
    --silos) silos="$2"; shift 2 ;;
    --slots) slots="$2"; shift 2 ;;
    --cells) cells="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --bin) bin="$2"; shift 2 ;;
    *) echo "scale-sleep.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ $(( cells % 4 )) -eq 0 ] && [ "$cells" -gt 0 ] || { echo "scale-sleep.sh: --cells: $cells is not a positive multiple of 4" >&2; exit 2; }

source benchmarks/binaries.sh

work=$(mktemp -d)
chmod 755 "$work"   # the server may run as the postgres user, which must reach its folder inside
pg_port=$(( 20000 + RANDOM % 20000 ))
pids=()
sampler=""
cleanup() {
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null || true
  for pid in "${pids[@]:-}"; do [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  bash scripts/postgres.sh stop "$work/pg" >/dev/null 2>&1 || true
  [ -n "${KEEP:-}" ] && echo "kept $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT

cat > "$work/spec.yaml" <<SPEC
name: scale-sleep
experiment: synthetic
grid:
  optimizer: [gd]
  spectrum: [1.0]
  size: [32, 64, 128, 256]
  seed: [$(seq -s, 0 $(( cells / 4 - 1 )))]
settings:
  alpha: 0.3
  sigma: 0.02
  duration: $duration
fit:
  bootstrap: 100
SPEC

# Each silo holds at most 10 connections: room for all of them and the CLI.
db=$(PG_MAX_CONNECTIONS=$(( silos * 10 + 20 )) bash scripts/postgres.sh start "$work/pg" "$pg_port")
psql_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/psql
psql() { PGHOST=127.0.0.1 PGPORT=$pg_port "$psql_bin" -U postgres -d orchestrator -qAt "$@"; }
$cli_cmd db init --db "$db" >/dev/null
for i in $(seq 1 "$silos"); do
  $silo_cmd --db "$db;Application Name=silo-$i" --slots "$slots" --silo-port $((11600 + i)) \
    --gateway-port $((30600 + i)) --metrics-port $((9600 + i)) > "$work/silo-$i.log" 2>&1 &
  pids+=($!)
done
for i in $(seq 1 "$silos"); do
  until curl -sf "http://127.0.0.1:$((9600 + i))/healthz" >/dev/null; do
    kill -0 "${pids[$((i - 1))]}" 2>/dev/null || { echo "scale-sleep.sh: silo $i did not start:" >&2; tail -n 20 "$work/silo-$i.log" >&2; exit 1; }
    sleep 0.2
  done
done
sleep $(( 3 + silos / 4 ))   # let every silo report its slots

( while true; do
    psql -c "SELECT application_name, count(*) FROM pg_stat_activity WHERE application_name LIKE 'silo-%' GROUP BY 1" >> "$work/connections.txt" 2>/dev/null || true
    sleep 1
  done ) &
sampler=$!

$cli_cmd submit "$work/spec.yaml" --db "$db" >/dev/null
until $cli_cmd status scale-sleep --db "$db" --format json > "$work/status.json" 2>/dev/null \
  && grep -q '"state":"completed"' "$work/status.json"; do sleep 1; done
kill "$sampler" 2>/dev/null || true; sampler=""

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $silos silos × $slots slots; $cells cells of $duration s"
python3 - "$work" "$silos" "$slots" "$cells" "$duration" <<'PY'
import json, sys
from datetime import datetime
work, silos, slots, cells, duration = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
status = json.load(open(f"{work}/status.json"))
parse = lambda t: datetime.fromisoformat(t.replace("Z", "+00:00"))
actual = (parse(status["finished_at"]) - parse(status["started_at"])).total_seconds()
ideal = cells * duration / (silos * slots)
peak = {}
for line in open(f"{work}/connections.txt"):
    name, _, count = line.strip().partition("|")
    if count:
        peak[name] = max(peak.get(name, 0), int(count))
per_silo = [peak.get(f"silo-{i}", 0) for i in range(1, silos + 1)]
print(f"done {status['done']} of {status['total']}, failed {status['failed']}")
print(f"ideal {ideal:.1f} s; actual {actual:.1f} s; ideal/actual {ideal / actual:.3f}; {cells / actual:.0f} cells/s")
print(f"PostgreSQL connections per silo, most at once: max {max(per_silo)}, mean {sum(per_silo) / len(per_silo):.1f} "
      f"({' '.join(map(str, per_silo))})")
PY
