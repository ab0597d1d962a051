#!/usr/bin/env bash
# Adaptive sweeps against the full grid (benchmarks/README.md, "Adaptive sweeps"): the synthetic law with known α,
# and the optimizer-dependence preset's spectra with real kernel runs (measured once into a cache file, then every
# policy simulated over it). Prints Markdown tables.
#
#   benchmarks/adaptive/run.sh [synthetic|random-features|all] [options]
#
# options: --replicates R (default 200 synthetic, 20 random-features)  --grid-seeds S (full grid, default 4)
#          --seed-cap C (adaptive candidates, default 64 synthetic, 48 random-features)
#          --slots K (default 4)  --explore F (default 0.2)  --target median|widest|narrowest (default median)
#          --threads T  --pool P (random-features seeds measured, default 64)
#          --cache FILE (random-features cells, default benchmarks/adaptive/random-features-cells.csv)
set -euo pipefail
cd "$(dirname "$0")/../.."

part="${1:-all}"
[ $# -gt 0 ] && shift
dotnet build -c Release -nologo -v quiet benchmarks/adaptive >/dev/null
harness=benchmarks/adaptive/bin/Release/net10.0/Orchestrator.AdaptiveBenchmark.dll
case "$part" in
  synthetic|random-features) dotnet "$harness" "$part" "$@" ;;
  all) dotnet "$harness" synthetic "$@" && dotnet "$harness" random-features "$@" ;;
  *) echo "run.sh: unknown part $part (synthetic, random-features or all)" >&2; exit 2 ;;
esac
