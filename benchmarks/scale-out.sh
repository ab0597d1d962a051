#!/usr/bin/env bash
# Scale-out benchmark: K silo processes against one PostgreSQL, one fixed sweep of compute-heavy cells, for each K.
# Prints wall time, speed-up and efficiency per K (efficiency = T(1) / (K · T(K))).
#
#   benchmarks/scale-out.sh [--silos "1 2 4 8"] [--slots S] [--seeds N] [--bin DIR]
#
# --silos  the silo counts to measure (default "1 2": this machine has 2 cores)
# --slots  kernel slots per silo (default 1)
# --seeds  cells in the sweep: one cold problem each (gd, N = 1024, M = 4096; default 48)
# KEEP=1   keep the work folder (silo logs, database) for a look afterwards
# --bin    folder with Orchestrator.Silo.dll and orchestrator.dll (default: a Release build made here); a
#          self-contained `dotnet publish -r linux-x64` folder runs on a machine without .NET
set -euo pipefail
cd "$(dirname "$0")/.."

silos="1 2"; slots=1; seeds=48; bin=""
while [ $# -gt 0 ]; do
  case "$1" in
    --silos) silos="$2"; shift 2 ;;
    --slots) slots="$2"; shift 2 ;;
    --seeds) seeds="$2"; shift 2 ;;
    --bin) bin="$2"; shift 2 ;;
    *) echo "scale-out.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

if [ -z "$bin" ]; then
  dotnet build src/Client -c Release -nologo -v quiet >/dev/null
  bin=src/Client/bin/Release/net10.0
fi
# A self-contained publish has native executables; a build has assemblies for `dotnet`.
command_of() { if [ -x "$bin/$1" ]; then echo "$bin/$1"; else echo "dotnet $bin/$1.dll"; fi; }
silo_cmd=$(command_of Orchestrator.Silo)
cli_cmd=$(command_of orchestrator)

work=$(mktemp -d)
chmod 755 "$work"   # the server may run as the postgres user, which must reach its folder inside
pg_port=$(( 20000 + RANDOM % 20000 ))
pids=()
cleanup() {
  for pid in "${pids[@]:-}"; do [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true; done
  bash scripts/postgres.sh stop "$work/pg" >/dev/null 2>&1 || true
  [ -n "${KEEP:-}" ] && echo "kept $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT

base=$(bash scripts/postgres.sh start "$work/pg" "$pg_port")
psql_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/psql

seed_list=$(seq -s, 0 $(( seeds - 1 )))
cat > "$work/spec.yaml" <<SPEC
name: scale-out
experiment: random-features
grid:
  optimizer: [gd]
  spectrum: [1.0]
  size: [1024]
  seed: [$seed_list]
settings:
  latent_dim: 4096
  steps: 100
  lr: auto
fit:
  bootstrap: 100
SPEC

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $seeds cells (gd, N = 1024, M = 4096, one problem each); $slots slot(s) per silo"
printf '%-6s %-8s %-10s %-9s %-10s\n' silos slots seconds speed-up efficiency
t1=""
for k in $silos; do
  db="$base"
  db="${db/Database=orchestrator/Database=scale$k}"
  PGHOST=127.0.0.1 PGPORT=$pg_port "$psql_bin" -U postgres -d orchestrator -qc "CREATE DATABASE scale$k" >/dev/null
  pids=()
  for i in $(seq 1 "$k"); do
    $silo_cmd --db "$db" --slots "$slots" --silo-port $((11200 + i)) --gateway-port $((30200 + i)) \
      --metrics-port $((9200 + i)) > "$work/silo-$k-$i.log" 2>&1 &
    pids+=($!)
  done
  for i in $(seq 1 "$k"); do
    until curl -sf "http://127.0.0.1:$((9200 + i))/healthz" >/dev/null; do sleep 0.2; done
  done
  sleep $(( 2 + k / 2 ))   # let every silo report its slots
  start=$(date +%s.%N)
  $cli_cmd submit "$work/spec.yaml" --db "$db" >/dev/null
  until $cli_cmd status scale-out --db "$db" --format json | grep -q '"state":"completed"'; do sleep 0.5; done
  seconds=$(echo "$(date +%s.%N) - $start" | bc -l)
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -z "$t1" ] && t1=$seconds
  speedup=$(echo "$t1 / $seconds" | bc -l)
  efficiency=$(echo "$speedup / $k" | bc -l)
  printf '%-6s %-8s %-10.1f %-9.2f %-10.2f\n' "$k" "$slots" "$seconds" "$speedup" "$efficiency"
done
