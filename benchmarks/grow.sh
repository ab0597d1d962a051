#!/usr/bin/env bash
# Growing a sweep by one seed: a 630-cell synthetic sweep (5 optimizers × 6 spectra × 7 sizes × 3 seeds, 210 cells
# per seed) is run on the embedded default, then its spec is resubmitted with a fourth seed. It checks that the grown
# sweep ran exactly the 210 new cells (every one of the 840 cells has a single attempt, the 630 old outcomes are
# byte-for-byte those of the first run, and the sweep said it grew by 210), and that the refit after growth equals
# the fits of a fresh sweep of the grown grid (its own data folder, nothing shared) to 1e-12.
#
#   benchmarks/grow.sh [--duration SECONDS] [--bin DIR]
#
# --duration  seconds each synthetic cell sleeps (default 0: the orchestration and the fits alone)
# --bin       folder with Orchestrator.Silo.dll and orchestrator.dll (default: a Release build made here)
# KEEP=1      keep the work folder (specs, results) for a look afterwards
set -euo pipefail
cd "$(dirname "$0")/.."

duration=0; bin=""
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --bin) bin="$2"; shift 2 ;;
    *) echo "grow.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

source benchmarks/binaries.sh

work=$(mktemp -d)
cleanup() { [ -n "${KEEP:-}" ] && echo "kept $work" >&2 || rm -rf "$work"; }
trap cleanup EXIT

spec() {
  cat <<YAML
name: grow-bench
experiment: synthetic
grid:
  optimizer: [gd, momentum, adam, natural-gradient, ng-power]
  spectrum: [0.5, 1.0, 1.5, 2.0, 2.5, 3.0]
  size: [64, 128, 256, 512, 1024, 2048, 4096]
  seed: $1
settings:
  E: 0.05
  A: 2.0
  alpha: 0.3
  sigma: 0.03
  duration: $duration
optimizers:
  natural-gradient:
    alpha: 0.45
fit:
  baseline: gd
  bootstrap: 1000
YAML
}
spec "[0, 1, 2]" > "$work/base.yaml"
spec "[0, 1, 2, 3]" > "$work/grown.yaml"

echo "machine: $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
timed() { local start=$SECONDS; "$@"; echo "  ($(( SECONDS - start )) s)"; }
echo "1. the 630-cell sweep";                timed $cli_cmd run "$work/base.yaml" --data "$work/grown-data" --out "$work/base" | grep -E "^(Started|Grew|Resuming|  \()"
echo "2. the same spec with a fourth seed";  timed $cli_cmd run "$work/grown.yaml" --data "$work/grown-data" --out "$work/grown" | grep -E "^(Started|Grew|Resuming|  grid|  \()"
echo "3. a fresh sweep of the grown grid";   timed $cli_cmd run "$work/grown.yaml" --data "$work/fresh-data" --out "$work/fresh" | grep -E "^(Started|Grew|Resuming|  \()"

python3 - "$work" <<'PY'
import json, math, sys
work = sys.argv[1]
load = lambda name: json.load(open(f"{work}/{name}/results.json"))
base, grown, fresh = load("base"), load("grown"), load("fresh")

old = {c["id"]: c for c in base["cells"]}
cells = {c["id"]: c for c in grown["cells"]}
new = [c for i, c in cells.items() if i not in old]
print(f"cells: {len(old)} before, {len(cells)} after growth, {len(new)} new (seed {sorted({c['seed'] for c in new})})")
print(f"attempts after growth: {sum(c['attempts'] for c in cells.values())} for {len(cells)} cells "
      f"(cells with more than one: {sum(c['attempts'] > 1 for c in cells.values())})")
changed = [i for i, c in old.items() if json.dumps(cells[i], sort_keys=True) != json.dumps(c, sort_keys=True)]
print(f"old cells whose outcome changed: {len(changed)} of {len(old)}")

def numbers(node, path=""):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from numbers(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from numbers(v, f"{path}[{i}]")
    elif isinstance(node, (int, float)) and not isinstance(node, bool):
        yield path, float(node)
    else:
        yield path, node

worst, compared, mismatched = 0.0, 0, []
# Everything but the cells: fingerprint, counts, fit settings and every part of the analysis.
for part in sorted((grown.keys() | fresh.keys()) - {"cells"}):
    a, b = dict(numbers(grown.get(part), part)), dict(numbers(fresh.get(part), part))
    if a.keys() != b.keys():
        mismatched.append(f"{part}: different fields")
        continue
    for key, x in a.items():
        y = b[key]
        if isinstance(x, float) and isinstance(y, float):
            compared += 1
            if not (math.isnan(x) and math.isnan(y)):
                worst = max(worst, abs(x - y))
        elif x != y:
            mismatched.append(f"{key}: {x} vs {y}")
print(f"refit after growth vs fresh sweep: {compared} numbers compared, largest difference {worst:.3g}, "
      f"other fields differing: {len(mismatched)}")
ok = len(new) == 210 and len(cells) == 840 and all(c["attempts"] == 1 for c in cells.values()) \
    and not changed and worst <= 1e-12 and not mismatched
print("PASS" if ok else "FAIL: " + "; ".join(mismatched[:5]))
sys.exit(0 if ok else 1)
PY
