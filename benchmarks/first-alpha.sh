#!/usr/bin/env bash
# Seconds from the start of `orchestrator run examples/optimizer-dependence.yaml` (630 cells, embedded default) to its
# first fitted α and to every series' α: `results --format json` is polled about once a second while `run` goes on,
# and a series counts once its power-law α has an interval. Then the sweep is cancelled (cancel --now): the time to
# the whole grid is benchmarks/vs-numpy.sh's business. Sweeps hand out each series' pilot cells (its three smallest
# sizes at its first seed) first, so every series can be fitted within seconds.
#
#   benchmarks/first-alpha.sh [WORKDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-out/first-alpha}"
rm -rf "$work" && mkdir -p "$work"
dotnet build -c Release -nologo -v quiet src/Client >/dev/null
cli() { dotnet src/Client/bin/Release/net10.0/orchestrator.dll "$@"; }

start=$(date +%s.%N)
cli run examples/optimizer-dependence.yaml --out "$work/out" --data "$work/data" >"$work/run.log" 2>&1 &
runner=$!
first=""
while true; do
  sleep 1
  now=$(date +%s.%N)
  cli results optimizer-dependence --format json --data "$work/data" >"$work/results.json" 2>/dev/null || continue
  read -r fitted total < <(python3 - "$work/results.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
power = [f for f in r["fits"] if f["law"] == "power"]
series = {(c["optimizer"], c["spectrum"]) for c in r["cells"]}
print(sum(1 for f in power if f.get("alpha_ci_low") is not None), len(series))
PY
)
  elapsed=$(python3 -c "print(round($now - $start, 1))")
  if [ -z "$first" ] && [ "$fitted" -gt 0 ]; then first=$elapsed; fi
  echo "t = ${elapsed} s: ${fitted} of ${total} series fitted"
  if [ "$fitted" -ge "$total" ] && [ "$total" -gt 0 ]; then break; fi
done
cli cancel optimizer-dependence --now --data "$work/data" >/dev/null
wait "$runner" || true
echo "first fitted α after ${first} s; every series' α after ${elapsed} s"
