#!/usr/bin/env bash
# Chaos benchmark: N silos on a private PostgreSQL run a `synthetic` sweep of C cells (each sleeps 50–200 ms, the
# `duration` setting as a grid axis) while, every K seconds, a random silo is killed with SIGKILL and restarted on
# the same ports; PostgreSQL is stopped once in the middle and started again D seconds later; and a second sweep is submitted under another name and
# then replaced with a changed grid (`submit --new`). At the end it prints cells, kills, database restarts, abandoned
# attempts, duplicates (cells with more than one succeeded/diverged attempt), lost cells (not in a final state, or
# missing from the results), failed cells, and whether every final loss equals that of an undisturbed run of the
# same cells. Exits non-zero when a cell is duplicated or lost. Not a CI test.
# An attempt is stored as running only once it has run 1 s (RunGrain.RecordRunningAfter), so a kill of an attempt
# younger than that leaves no record: with cells of 50–200 ms the abandoned count stays near 0, and a killed cell
# shows up only as run again, once.
#
#   benchmarks/chaos/chaos.sh [--silos 4] [--slots 2] [--cells 5000] [--kill-every 20] [--db-down 5] [--timeout S]
#                             [--bin DIR]
#
# --silos       silo processes (default 4)
# --slots       kernel slots per silo (default 2)
# --cells       cells of the main sweep, a multiple of 40: 2 optimizers × 4 durations × 5 sizes × C/40 seeds
#               (default 5000)
# --kill-every  seconds between two kills (default 20; 0: no kills)
# --db-down     seconds PostgreSQL stays stopped (default 5; 900 is the 15-minute outage)
# --timeout     seconds both sweeps may take before the run is given up as failed (default: 4 × the undisturbed
#               time of the main sweep on all slots, plus 600, plus the outage)
# --bin         folder with Orchestrator.Silo.dll and orchestrator.dll (default: a Release build made here)
# KEEP=1        keep the work folder (silo logs, results, database)
set -euo pipefail
cd "$(dirname "$0")/../.."

silos=4; slots=2; cells=5000; kill_every=20; db_down=5; timeout=0; bin=""
while [ $# -gt 0 ]; do
  case "$1" in
    --silos) silos="$2"; shift 2 ;;
    --slots) slots="$2"; shift 2 ;;
    --cells) cells="$2"; shift 2 ;;
    --kill-every) kill_every="$2"; shift 2 ;;
    --db-down) db_down="$2"; shift 2 ;;
    --timeout) timeout="$2"; shift 2 ;;
    --bin) bin="$2"; shift 2 ;;
    *) echo "chaos.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ $(( cells % 40 )) -eq 0 ] && [ "$cells" -gt 0 ] || { echo "chaos.sh: --cells: $cells is not a positive multiple of 40" >&2; exit 2; }
seeds=$(( cells / 40 ))
[[ "$db_down" =~ ^[0-9]+$ ]] || { echo "chaos.sh: --db-down: $db_down is not a whole number of seconds" >&2; exit 2; }
[[ "$kill_every" =~ ^[0-9]+$ ]] || { echo "chaos.sh: --kill-every: $kill_every is not a whole number of seconds" >&2; exit 2; }
[ "$timeout" -gt 0 ] || timeout=$(( cells * 125 / 1000 / (silos * slots) * 4 + 600 + db_down ))

source benchmarks/binaries.sh

work=$(mktemp -d)
chmod 755 "$work"   # the server may run as the postgres user, which must reach its folder inside
pg_port=$(( 20000 + RANDOM % 20000 ))
pids=()
cleanup() {
  for pid in "${pids[@]:-}"; do [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  bash scripts/postgres.sh stop "$work/pg" >/dev/null 2>&1 || true
  [ -n "${KEEP:-}" ] && echo "kept $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT

# The specs. Sweep A, the main one; sweep B, first with one grid, then replaced by another (`--new`). B's cells
# sleep 75 ms, a duration A does not have, so that no cell id is shared between the two (a shared cell would share
# its result). Every (optimizer, spectrum, size, seed) of B is also one of A's.
law='  E: 0.0
  A: 2.0
  alpha: 0.12
  sigma: 0.02'
b_seeds=$(( seeds < 10 ? seeds : 10 ))
spec() { # file name grid-lines settings-lines
  cat > "$1" <<SPEC
name: $2
experiment: synthetic
grid:
$3
settings:
$law
$4
optimizers:
  natural-gradient:
    alpha: 0.31
fit:
  baseline: gd
  bootstrap: 100
SPEC
}
axes_a="  optimizer: [gd, natural-gradient]
  spectrum: [1.0]
  size: [32, 64, 128, 256, 512]
  seed: [$(seq -s, 0 $(( seeds - 1 )))]"
spec "$work/a.yaml" chaos-a "$axes_a
  duration: [0.05, 0.1, 0.15, 0.2]" ""
spec "$work/b1.yaml" chaos-b "  optimizer: [gd, natural-gradient]
  spectrum: [1.0]
  size: [32, 64]
  seed: [$(seq -s, 0 $(( b_seeds - 1 )))]" "  duration: 0.075"
spec "$work/b2.yaml" chaos-b "  optimizer: [gd, natural-gradient]
  spectrum: [1.0]
  size: [128, 256, 512]
  seed: [$(seq -s, 0 $(( b_seeds - 1 )))]" "  duration: 0.075"
# The undisturbed reference, on the embedded default: the same cells with duration 0. For the synthetic experiment
# the loss is a pure function of (optimizer, spectrum, size, seed) and the law; the duration only changes the cell
# id. So the losses are compared by (optimizer, spectrum, size, seed), not by id, and A's four durations of a cell
# must all have the reference's loss.
spec "$work/ref.yaml" chaos-ref "$axes_a" "  duration: 0"
echo "reference: $(( cells / 4 )) cells undisturbed on the embedded default..." >&2
$cli_cmd run "$work/ref.yaml" --data "$work/ref-data" --out "$work/ref-out" > "$work/ref.log" 2>&1 \
  || { echo "chaos.sh: the reference run failed:" >&2; tail -n 20 "$work/ref.log" >&2; exit 1; }

base=$(bash scripts/postgres.sh start "$work/pg" "$pg_port")
db=$base
$cli_cmd db init --db "$db" >/dev/null

start_silo() { # index (1-based)
  local i=$1
  $silo_cmd --db "$db" --slots "$slots" --silo-port $((11400 + i)) --gateway-port $((30400 + i)) \
    --metrics-port $((9400 + i)) >> "$work/silo-$i.log" 2>&1 &
  pids[$((i - 1))]=$!
}
for i in $(seq 1 "$silos"); do start_silo "$i"; done
for i in $(seq 1 "$silos"); do
  until curl -sf "http://127.0.0.1:$((9400 + i))/healthz" >/dev/null; do
    kill -0 "${pids[$((i - 1))]}" 2>/dev/null || { echo "chaos.sh: silo $i did not start:" >&2; tail -n 20 "$work/silo-$i.log" >&2; exit 1; }
    sleep 0.2
  done
done
sleep 3   # let every silo report its slots

status_of() { $cli_cmd status "$1" --db "$db" --format json 2>/dev/null || true; }
done_of() { python3 -c "import json,sys
try: s=json.load(sys.stdin); print(s['done'] + s.get('failed', 0))
except Exception: print(-1)"; }
completed() { # name
  status_of "$1" | python3 -c "import json,sys
try: s=json.load(sys.stdin); sys.exit(0 if s['state'] in ('completed','failed') and s['running']==0 else 1)
except Exception: sys.exit(1)"
}

kills=0; db_restarts=0; unexpected_exits=0; exit_reasons=(); b_submitted=""; b_replaced=""
submitted=$(date +%s)
$cli_cmd submit "$work/a.yaml" --db "$db" > "$work/submit-a.log" 2>&1
next_kill=$(( submitted + kill_every ))
while true; do
  now=$(date +%s)
  if [ $(( now - submitted )) -gt "$timeout" ]; then echo "chaos.sh: timed out after $timeout s" >&2; break; fi
  # A silo that ended on its own (not killed here) is counted and restarted.
  for i in $(seq 1 "$silos"); do
    if ! kill -0 "${pids[$((i - 1))]}" 2>/dev/null; then
      rc=0; wait "${pids[$((i - 1))]}" 2>/dev/null || rc=$?
      unexpected_exits=$(( unexpected_exits + 1 )); echo "--- ended on its own (exit code $rc)" >> "$work/silo-$i.log"
      exit_reasons+=("silo $i: exit code $rc, $(grep -h '^error:' "$work/silo-$i.log" | tail -1 | cut -c1-160)")
      start_silo "$i"
    fi
  done
  if [ "$kill_every" -gt 0 ] && [ "$now" -ge "$next_kill" ]; then
    i=$(( RANDOM % silos + 1 ))
    kill -9 "${pids[$((i - 1))]}" 2>/dev/null || true
    wait "${pids[$((i - 1))]}" 2>/dev/null || true
    kills=$(( kills + 1 ))
    echo "--- killed (kill $kills)" >> "$work/silo-$i.log"
    start_silo "$i"
    next_kill=$(( now + kill_every ))
  fi
  done_a=$(status_of chaos-a | done_of)
  # B is submitted at 10 % of A, replaced at 40 %; PostgreSQL restarts once at 30 %.
  if [ -z "$b_submitted" ] && [ "$done_a" -ge $(( cells / 10 )) ]; then
    $cli_cmd submit "$work/b1.yaml" --db "$db" > "$work/submit-b1.log" 2>&1 && b_submitted=1
  fi
  if [ "$db_restarts" -eq 0 ] && [ "$done_a" -ge $(( cells * 3 / 10 )) ]; then
    bash scripts/postgres.sh stop "$work/pg" >/dev/null
    echo "$(date -u +%T) database stopped for $db_down s at $done_a cells done" >&2
    sleep "$db_down"
    bash scripts/postgres.sh start "$work/pg" "$pg_port" >/dev/null
    db_restarts=1
  fi
  if [ -n "$b_submitted" ] && [ -z "$b_replaced" ] && [ "$done_a" -ge $(( cells * 4 / 10 )) ]; then
    $cli_cmd submit "$work/b2.yaml" --new --db "$db" > "$work/submit-b2.log" 2>&1 && b_replaced=1
  fi
  if [ -n "$b_replaced" ] && completed chaos-a && completed chaos-b; then break; fi
  sleep 1
done
seconds=$(( $(date +%s) - submitted ))

$cli_cmd results chaos-a --db "$db" --format json > "$work/results-a.json" || echo '{"cells": []}' > "$work/results-a.json"
$cli_cmd results chaos-b --db "$db" --format json > "$work/results-b.json" || echo '{"cells": []}' > "$work/results-b.json"

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $silos silo(s) × $slots slot(s); kill every $kill_every s; database down $db_down s"
for reason in "${exit_reasons[@]:-}"; do [ -n "$reason" ] && echo "silo exit not caused here: $reason"; done
python3 - "$work" "$cells" "$(( 6 * b_seeds ))" "$kills" "$db_restarts" "$unexpected_exits" "$seconds" "${b_replaced:-0}" <<'PY'
import json, sys
work, cells, b_cells, kills, db_restarts, exits, seconds, b_replaced = sys.argv[1], *map(int, sys.argv[2:])
ref = {(c["optimizer"], c["spectrum"], c["size"], c["seed"]): c["final_loss"]
       for c in json.load(open(f"{work}/ref-out/results.json"))["cells"]}
final = {"succeeded", "diverged", "failed"}
totals = dict(abandoned=0, duplicates=0, lost=0, failed=0, mismatched=0, compared=0)
for name, expected in (("chaos-a", cells), ("chaos-b", b_cells)):
    short = name[-1]
    r = json.load(open(f"{work}/results-{short}.json"))
    cs = r["cells"]
    ids = {c["id"] for c in cs}
    lost = max(0, expected - len(ids)) + sum(1 for c in cs if c["status"] not in final)
    dup = sum(1 for c in cs if sum(o in ("succeeded", "diverged") for o in c["attempt_outcomes"]) > 1)
    dup += len(cs) - len(ids)
    abandoned = sum(o == "abandoned" for c in cs for o in c["attempt_outcomes"])
    failed = sum(c["status"] == "failed" for c in cs)
    mismatched = compared = 0
    for c in cs:
        if c["status"] == "succeeded":
            want = ref.get((c["optimizer"], c["spectrum"], c["size"], c["seed"]))
            compared += 1
            if want is None or c["final_loss"] is None or abs(c["final_loss"] - want) > 1e-12 * max(1.0, abs(want)):
                mismatched += 1
    print(f"{name}: state {r.get('state')}, cells {len(cs)} of {expected}, abandoned attempts {abandoned}, "
          f"duplicates {dup}, lost {lost}, failed {failed}, losses equal to the undisturbed run: "
          f"{compared - mismatched} of {compared}")
    for k, v in dict(abandoned=abandoned, duplicates=dup, lost=lost, failed=failed, mismatched=mismatched, compared=compared).items():
        totals[k] += v
print(f"cells {cells + b_cells} ({cells} + {b_cells}, the second replaced with --new: {'yes' if b_replaced else 'no'}) "
      f"in {seconds} s; kills {kills}; database restarts {db_restarts}; silo exits not caused here {exits}")
print(f"abandoned attempts {totals['abandoned']}; duplicates {totals['duplicates']}; lost {totals['lost']}; "
      f"failed {totals['failed']}; final losses equal to the undisturbed run: "
      f"{'yes' if totals['mismatched'] == 0 else 'NO'} ({totals['compared'] - totals['mismatched']} of {totals['compared']})")
ok = totals["duplicates"] == 0 and totals["lost"] == 0
print("verdict:", "no lost or duplicated cell" if ok else "FAILED")
sys.exit(0 if ok else 1)
PY
