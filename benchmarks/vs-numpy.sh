#!/usr/bin/env bash
# The product against a NumPy reference on the same random-features grid, one after the other in one run:
# wall time, CPU time (user + system) and peak resident memory of each (/usr/bin/time -v), and their ratios. On a
# shared, loaded machine the CPU time is the steadier figure; the wall time is what a user waits on a quiet one.
#
#   bash benchmarks/vs-numpy.sh grid70                 # 5 optimizers x s in {1.0, 1.5} x 7 sizes x seed 0 (70 cells)
#   bash benchmarks/vs-numpy.sh optimizer-dependence   # examples/optimizer-dependence.yaml (630 cells)
#
# Options (after the grid): --no-build (use the Release build as it is), --only product|numpy.
# VS_NUMPY_CELLS=FILE keeps the product's cells.csv (final losses, for comparing two builds).
# OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are unset for both commands (ENVIRONMENT.md: they slow OpenBLAS for both).
set -euo pipefail
cd "$(dirname "$0")/.."
grid=${1:?usage: vs-numpy.sh grid70|optimizer-dependence [--no-build] [--only product|numpy]}
shift
build=1
only=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --no-build) build=0 ;;
    --only) only=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
case $grid in
  optimizer-dependence) spec=examples/optimizer-dependence.yaml ;;
  grid70)
    spec=$work/grid70.yaml
    sed -e 's/^name: optimizer-dependence/name: grid70/' \
        -e 's/^  spectrum: .*/  spectrum: [1.0, 1.5]/' \
        -e 's/^  seed: .*/  seed: [0]/' examples/optimizer-dependence.yaml > "$spec" ;;
  *) echo "unknown grid '$grid' (grid70 or optimizer-dependence)" >&2; exit 2 ;;
esac

if [[ $build == 1 ]]; then
  dotnet build src/Client -c Release -nologo -v quiet > "$work/build.log" || { cat "$work/build.log"; exit 1; }
fi
/usr/bin/python3 -c 'import numpy, scipy' 2>/dev/null || apt-get install -y python3-numpy python3-scipy > /dev/null

clean() { env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$@"; }
measure() {  # name, command...: runs it under /usr/bin/time -v, keeps its output in $work/name.out
  local name=$1; shift
  echo "[$(date -u +%H:%M:%S)] $name: load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  clean /usr/bin/time -v -o "$work/$name.time" "$@" > "$work/$name.out" 2>&1 || { tail -20 "$work/$name.out"; exit 1; }
  local wall cpu rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/$name.time")
  cpu=$(awk -F': ' '/(User|System) time \(seconds\)/ { s += $2 } END { printf "%.2f", s }' "$work/$name.time")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%d", $2 * 1024 }' "$work/$name.time")
  echo "$wall $cpu $rss" > "$work/$name.figures"
  printf '%-8s wall %8.1f s   cpu %8.1f s   peak %6.2f GB\n' "$name" "$wall" "$cpu" "$(echo "$rss / 1000000000" | bc -l)"
}

echo "grid: $grid ($spec), $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC')"
if [[ $only != numpy ]]; then
  measure product dotnet src/Client/bin/Release/net10.0/orchestrator.dll run "$spec" --data "$work/data" --out "$work/out"
  if [[ -n ${VS_NUMPY_CELLS:-} ]]; then cp "$work/out/cells.csv" "$VS_NUMPY_CELLS"; fi  # keep the product's cells
fi
if [[ $only != product ]]; then
  case $grid in
    grid70) measure numpy /usr/bin/python3 benchmarks/numpy/rf_grid.py --preset grid70 ;;
    *) measure numpy /usr/bin/python3 benchmarks/numpy/rf_grid.py --preset optimizer-dependence ;;
  esac
fi
echo "[$(date -u +%H:%M:%S)] done: load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
if [[ -z $only ]]; then
  read -r pw pc pr < "$work/product.figures"
  read -r nw nc nr < "$work/numpy.figures"
  printf 'ratio product / numpy: wall %.2f, cpu %.2f, peak memory %.2f\n' \
    "$(echo "$pw / $nw" | bc -l)" "$(echo "$pc / $nc" | bc -l)" "$(echo "$pr / $nr" | bc -l)"
fi
