#!/usr/bin/env bash
# Load benchmark: one PostgreSQL, S silo processes, C client processes submitting small sweeps at once, one large
# sweep, and cancels in the middle. Measures lost or duplicated cells, silo memory (VmRSS) over time and the
# latency of `orchestrator status` sampled every second, both as a whole CLI process and as the grain call alone
# (benchmarks/StatusProbe, one connected client). Not a CI test: it prints figures and a verdict.
#
#   benchmarks/load/load.sh [--silos 2] [--slots 1] [--window 64] [--clients 10] [--small-seeds 100]
#                           [--big-seeds 6250] [--big-limit 900] [--bin DIR]
#
# --window       cells in flight per sweep (the silos' --window; default 64: tiny cells need a deep pipeline)
# --clients      client processes, each submitting its own sweep at the same moment (default 10); the odd-numbered
#                ones cancel their sweep right after submitting it, the others let it complete
# --small-seeds  seeds per client sweep; each has 2 spectra × that many seeds cells (default 100: 200 cells)
# --big-seeds    seeds of the large sweep: 4 optimizers × 2 spectra × 2 sizes × that many cells (default 6250:
#                100,000 cells)
# --big-limit    seconds the large sweep may run before it is cancelled (default 900); a sweep cancelled so is
#                checked as a cancelled one and its throughput reported
# Every cell is tiny (N = 8 or 16, M = 16, T = 1): the figures measure the orchestrator, not the kernels.
# KEEP=1 keeps the work folder (logs, samples, results).
set -euo pipefail
cd "$(dirname "$0")/../.."

silos=2; slots=1; window=64; clients=10; small_seeds=100; big_seeds=6250; big_limit=900; bin=""
while [ $# -gt 0 ]; do
  case "$1" in
    --silos) silos="$2"; shift 2 ;;
    --slots) slots="$2"; shift 2 ;;
    --window) window="$2"; shift 2 ;;
    --clients) clients="$2"; shift 2 ;;
    --small-seeds) small_seeds="$2"; shift 2 ;;
    --big-seeds) big_seeds="$2"; shift 2 ;;
    --big-limit) big_limit="$2"; shift 2 ;;
    --bin) bin="$2"; shift 2 ;;
    *) echo "load.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

if [ -z "$bin" ]; then
  dotnet build benchmarks/StatusProbe -c Release -nologo -v quiet >/dev/null
  probe_bin=benchmarks/StatusProbe/bin/Release/net10.0
fi
source benchmarks/binaries.sh

work=$(mktemp -d)
chmod 755 "$work"
pg_port=$(( 20000 + RANDOM % 20000 ))
pids=(); samplers=()
cleanup() {
  for pid in "${samplers[@]:-}" "${pids[@]:-}"; do [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  bash scripts/postgres.sh stop "$work/pg" >/dev/null 2>&1 || true
  [ -n "${KEEP:-}" ] && echo "kept $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT

export ORCHESTRATOR_DB
ORCHESTRATOR_DB=$(bash scripts/postgres.sh start "$work/pg" "$pg_port")
$cli_cmd db init >/dev/null

for i in $(seq 1 "$silos"); do
  $silo_cmd --slots "$slots" --window "$window" --silo-port $((11300 + i)) --gateway-port $((30300 + i)) \
    --metrics-port $((9300 + i)) > "$work/silo-$i.log" 2>&1 &
  pids+=($!)
done
for i in $(seq 1 "$silos"); do
  until curl -sf "http://127.0.0.1:$((9300 + i))/healthz" >/dev/null; do sleep 0.2; done
done
sleep 3   # let every silo report its slots

spec() { # name seeds optimizers sizes
  cat > "$work/$1.yaml" <<SPEC
name: $1
experiment: random-features
grid:
  optimizer: $3
  spectrum: [1.0, 1.5]
  size: $4
  seed: [$(seq -s, 0 $(( $2 - 1 )))]
settings:
  latent_dim: 16
  steps: 1
fit:
  bootstrap: 100
SPEC
}
for c in $(seq 1 "$clients"); do spec "load-$c" "$small_seeds" "[gd]" "[8]"; done
spec load-big "$big_seeds" "[gd, momentum, natural-gradient, ng-power]" "[8, 16]"

field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])" 2>/dev/null; }
status_of() { $cli_cmd status "$1" --format json 2>/dev/null; }

# Samplers: silo VmRSS every second, and the latency of `orchestrator status load-big` end to end (a CLI process
# that starts, connects to the cluster and asks), one after another, at most one a second.
start=$(date +%s.%N)
( while true; do
    now=$(echo "$(date +%s.%N) - $start" | bc -l)
    for i in "${!pids[@]}"; do
      rss=$(awk '/VmRSS/ {print $2}' "/proc/${pids[$i]}/status" 2>/dev/null || echo 0)
      printf '%.1f\t%d\t%s\n' "$now" "$((i + 1))" "$rss" >> "$work/rss.tsv"
    done
    sleep 1
  done ) &
samplers+=($!)

submitted=$(date +%s.%N)
$cli_cmd submit "$work/load-big.yaml" > "$work/submit-big.log" 2>&1
# The grain call alone: one client that stays connected asks for the large sweep's status once a second.
if [ -n "${probe_bin:-}" ]; then
  dotnet "$probe_bin/Orchestrator.StatusProbe.dll" --sweep load-big --seconds $(( big_limit + 120 )) \
    > "$work/probe.tsv" 2> "$work/probe.log" &
  samplers+=($!)
fi
( while true; do
    t0=$(date +%s.%N)
    $cli_cmd status load-big --format json > /dev/null 2>&1 || true
    t1=$(date +%s.%N)
    echo "$t1 - $t0" | bc -l >> "$work/latency.txt"
    rest=$(echo "1 - ($t1 - $t0)" | bc -l)
    if [ "$(echo "$rest > 0" | bc -l)" = 1 ]; then sleep "$rest"; fi
  done ) &
samplers+=($!)

# The clients, all at once; odd ones cancel their sweep in the middle.
client_pids=()
for c in $(seq 1 "$clients"); do
  ( $cli_cmd submit "$work/load-$c.yaml" > "$work/submit-$c.log" 2>&1
    if [ $((c % 2)) -eq 1 ]; then
      # As soon as the sweep has finished cells: the cancel lands in its middle.
      until status_of "load-$c" | python3 -c "import json,sys; sys.exit(0 if json.load(sys.stdin)['done'] > 0 else 1)"; do
        sleep 0.2
      done
      $cli_cmd cancel "load-$c" > "$work/cancel-$c.log" 2>&1
    fi ) &
  client_pids+=($!)
done
for pid in "${client_pids[@]}"; do wait "$pid" || true; done   # a cancel that finds its sweep finished is not an error here

finished() { # name
  local s; s=$(status_of "$1") || return 1
  echo "$s" | python3 -c "import json,sys; s=json.load(sys.stdin); sys.exit(0 if s['state'] in ('completed','cancelled','failed') and s['running']==0 else 1)"
}
for c in $(seq 1 "$clients"); do until finished "load-$c"; do sleep 1; done; done

big_cancelled=""
while ! finished load-big; do
  if [ "$(echo "$(date +%s.%N) - $submitted > $big_limit" | bc -l)" = 1 ] && [ -z "$big_cancelled" ]; then
    $cli_cmd cancel load-big > "$work/cancel-big.log" 2>&1
    big_cancelled=1
  fi
  sleep 2
done
big_seconds=$(echo "$(date +%s.%N) - $submitted" | bc -l)
for pid in "${samplers[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
samplers=()

for name in load-big $(seq -f "load-%g" 1 "$clients"); do
  $cli_cmd results "$name" --format json > "$work/results-$name.json"
done

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $silos silo(s) × $slots slot(s); $clients clients × $(( 2 * small_seeds )) cells; large sweep $(( 16 * big_seeds )) cells"
python3 - "$work" "$clients" "$big_seconds" <<'PY'
import json, sys, glob, os
work, clients, big_seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
ok = True
def check(name, must_complete):
    global ok
    r = json.load(open(f"{work}/results-{name}.json"))
    cells = r["cells"]
    ids = [c["id"] for c in cells]
    by = {}
    for c in cells:
        by[c["status"]] = by.get(c["status"], 0) + 1
    dup = len(ids) - len(set(ids))
    retried = sum(1 for c in cells if c["status"] in ("succeeded", "diverged") and c["attempts"] != 1)
    done = by.get("succeeded", 0) + by.get("diverged", 0)
    unrun = by.get("pending", 0) + by.get("not-run", 0) + by.get("cancelled", 0)
    total = r.get("total", len(cells))
    if r["state"] == "completed":
        good = dup == 0 and done == total == len(cells) and retried == 0
    else:
        good = dup == 0 and done + unrun == total == len(cells) and retried == 0 and by.get("failed", 0) == 0
    ok &= good and (r["state"] == "completed" or not must_complete)
    print(f"{name:10} {r['state']:9} total {total:6} done {done:6} not-run {unrun:6} failed {by.get('failed',0)} duplicates {dup} ok-with-attempts!=1 {retried}  {'OK' if good else 'FAIL'}")
    return r, done
big, big_done = check("load-big", False)
for c in range(1, clients + 1):
    check(f"load-{c}", c % 2 == 0)
print(f"large sweep: {big_done} cells in {big_seconds:.0f} s ({big_done / big_seconds:.0f} cells/s, while the clients ran too)")
lat = sorted(float(x) for x in open(f"{work}/latency.txt") if x.strip())
if lat:
    p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]
    print(f"status latency (CLI process end to end): n {len(lat)}  median {p(0.5):.2f} s  p99 {p(0.99):.2f} s  max {lat[-1]:.2f} s")
if os.path.exists(f"{work}/probe.tsv"):
    probe = sorted(float(line.split()[1]) for line in open(f"{work}/probe.tsv") if line.strip())
    if probe:
        q = lambda x: probe[min(len(probe) - 1, int(x * len(probe)))]
        print(f"status latency (grain call, connected client): n {len(probe)}  median {q(0.5):.1f} ms  p99 {q(0.99):.1f} ms  max {probe[-1]:.1f} ms")
rss = {}
for line in open(f"{work}/rss.tsv"):
    t, silo, kib = line.split()
    rss.setdefault(silo, []).append((float(t), int(kib)))
for silo, series in sorted(rss.items()):
    series = [s for s in series if s[1] > 0]
    if not series:
        continue
    n = len(series)
    first, last = series[n // 10][1], series[-1][1]
    peak = max(k for _, k in series)
    print(f"silo {silo} VmRSS: at 10% of run {first / 1024:.0f} MiB, peak {peak / 1024:.0f} MiB, at end {last / 1024:.0f} MiB ({n} samples)")
print("verdict:", "no lost or duplicated cell" if ok else "FAILED")
sys.exit(0 if ok else 1)
PY
