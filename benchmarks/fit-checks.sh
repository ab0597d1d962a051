#!/usr/bin/env bash
# The fits' extrapolation checks (holdout refit without the largest size, α by largest size): what they cost on a
# whole analysis of the 630-cell optimizer-dependence grid, and how often they fire on series that follow a law.
# Prints Markdown tables for benchmarks/README.md ("Extrapolation checks").
#
#   benchmarks/fit-checks.sh [timing|coverage|all] [--repeats R] [--threads n] [--resamples B]
#
# timing    medians over --repeats (default 5) of the whole analysis, the series fits and the checks alone
# coverage  --repeats (default 500) synthetic series per row, --resamples (default 1000) bootstrap resamples
set -euo pipefail
cd "$(dirname "$0")/.."

part="${1:-all}"
[ $# -gt 0 ] && shift
dotnet build -c Release -nologo -v quiet benchmarks/Numerics.Benchmarks >/dev/null
harness=benchmarks/Numerics.Benchmarks/bin/Release/net10.0/Orchestrator.Numerics.Benchmarks.dll
case "$part" in
  timing|coverage) dotnet "$harness" fit-checks "$part" "$@" ;;
  all) dotnet "$harness" fit-checks timing "$@" && dotnet "$harness" fit-checks coverage "$@" ;;
  *) echo "fit-checks.sh: unknown part $part (timing, coverage or all)" >&2; exit 2 ;;
esac
