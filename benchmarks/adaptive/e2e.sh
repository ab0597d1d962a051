#!/usr/bin/env bash
# The adaptive policy against the full grid through the product itself, on the synthetic law of
# examples/adaptive-synthetic.yaml (three series, α = 0.1, 0.3, 0.5; a cell of size N sleeps 1e-5·N seconds):
#   1. the full grid with 4 seeds (a plain sweep): its α interval widths and core-seconds;
#   2. the same candidates with a seed cap of 32 and `adaptive: {target: <the full grid's widest width>}`;
#   3. the adaptive sweep's decisions replayed from its stored results.
# Prints both spends, both widest widths and their ratio. Embedded silo; nothing outside this machine.
#
#   benchmarks/adaptive/e2e.sh [WORKDIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
work="${1:-out/adaptive-e2e}"
rm -rf "$work" && mkdir -p "$work"
dotnet build -c Release -nologo -v quiet src/Client >/dev/null
cli() { dotnet src/Client/bin/Release/net10.0/orchestrator.dll "$@"; }

# The full grid: the example without its adaptive section, seeds 0..3.
sed -e '/^adaptive:/,$d' -e 's/^name: .*/name: e2e-full-grid/' \
    -e 's/^  seed: \[.*\].*/  seed: [0, 1, 2, 3]/' examples/adaptive-synthetic.yaml >"$work/full-grid.yaml"
cli run "$work/full-grid.yaml" --out "$work/full-grid" --data "$work/data" >"$work/full-grid.log"

read -r full_seconds full_width < <(python3 - "$work/full-grid/results.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
widths = [f["alpha_ci_high"] - f["alpha_ci_low"] for f in r["fits"] if f["law"] == "power"]
print(sum(c["seconds"] or 0 for c in r["cells"]), max(widths))
PY
)

# The adaptive sweep: the same candidates with 32 seeds, aiming for the full grid's widest interval.
sed -e 's/^name: .*/name: e2e-adaptive/' -e "s/^  target: .*/  target: $full_width/" \
    examples/adaptive-synthetic.yaml >"$work/adaptive.yaml"
cli run "$work/adaptive.yaml" --out "$work/adaptive" --data "$work/data" >"$work/adaptive.log"
cli decisions e2e-adaptive --data "$work/data" >"$work/decisions.txt"

python3 - "$work/full-grid/results.json" "$work/adaptive/results.json" <<'PY'
import json, sys
def summary(path):
    r = json.load(open(path))
    widths = {f["optimizer"]: f["alpha_ci_high"] - f["alpha_ci_low"] for f in r["fits"] if f["law"] == "power"}
    return r, sum(c["seconds"] or 0 for c in r["cells"]), widths
def ran(r):
    return sum(1 for c in r["cells"] if c["order"] is not None)
full, full_s, full_w = summary(sys.argv[1])
adaptive, adaptive_s, adaptive_w = summary(sys.argv[2])
print(f"| sweep | cells | core-seconds | widest α interval | per series |")
print(f"| --- | --- | --- | --- | --- |")
for name, r, s, w in (("full grid, 4 seeds", full, full_s, full_w), ("adaptive, seed cap 32", adaptive, adaptive_s, adaptive_w)):
    series = ", ".join(f"{k} {v:.4f}" for k, v in sorted(w.items()))
    print(f"| {name} | {ran(r)} | {s:.3f} | {max(w.values()):.4f} | {series} |")
print(f"\ncore-seconds ratio adaptive / full grid: {adaptive_s / full_s:.2f}; stop: {adaptive['design']['stop']}")
PY
tail -1 "$work/decisions.txt"
