#!/usr/bin/env bash
# Searches the settings under which the natural-gradient - GD exponent shift peaks inside the spectrum range
# (the paper: near s = 1.5, still large at s = 2). Each variant is base.yaml with settings added; the summary lists
# alpha_NG - alpha_GD (power law) per spectrum and the spectrum where the shift is largest.
#   dotnet build src/Client -c Release
#   benchmarks/ng-shift-peak/run.sh [OUT]        (default out/ng-shift-peak)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-out/ng-shift-peak}
cli=(dotnet src/Client/bin/Release/net10.0/orchestrator.dll)
mkdir -p "$out"

# name|settings added under `settings`, separated by ';'
variants=(
  "exact|"
  "damping-1e-3|damping: 0.001"
  "damping-3e-3|damping: 0.003"
  "damping-1e-2|damping: 0.01"
  "damping-3e-2|damping: 0.03"
  "damping-1e-1|damping: 0.1"
  "finite-2048|data: finite:2048"
  "finite-4096|data: finite:4096"
  "finite-8192|data: finite:8192"
  "decay-0p5|target_decay: 0.5"
  "decay-1|target_decay: 1"
  "decay-2|target_decay: 2"
  "damping-1e-2-finite-4096|damping: 0.01;data: finite:4096"
  "damping-1e-2-decay-1|damping: 0.01;target_decay: 1"
)

summary="$out/summary.txt"
printf '%-26s  %6s  %6s  %6s  %6s  %6s  %6s\n' "alpha_NG - alpha_GD" "s=0.5" "0.75" "1" "1.25" "1.5" "2" | tee "$summary"
for variant in "${variants[@]}"; do
  name=${variant%%|*}
  added=${variant#*|}
  spec="$out/$name.yaml"
  lines=""
  IFS=';' read -ra settings <<< "$added"
  for setting in "${settings[@]}"; do
    [[ -n $setting ]] && lines+="  $setting\n"
  done
  added_lines=(-e "s/^name: .*/name: ng-shift-peak-$name/")
  [[ -n $lines ]] && added_lines+=(-e "s/^  outputs: 8$/  outputs: 8\n${lines%\\n}/")
  sed "${added_lines[@]}" "$here/base.yaml" > "$spec"
  "${cli[@]}" run "$spec" --out "$out/$name" --data "$out/data" > "$out/$name.log"
  # fits.csv: optimizer,spectrum,law,alpha,...; the shift per spectrum and where it peaks.
  awk -F, -v name="$name" '
    $3 == "power" { alpha[$1, $2] = $4; if (!($2 in seen)) { seen[$2] = 1; order[++n] = $2 } }
    END {
      line = sprintf("%-26s", name); best = -1e9
      for (i = 1; i <= n; i++) {
        s = order[i]; shift = alpha["natural-gradient", s] - alpha["gd", s]
        line = line sprintf("  %+.3f", shift)
        if (shift > best) { best = shift; peak = s }
      }
      printf "%s   peak at s = %s\n", line, peak
    }' "$out/$name/fits.csv" | tee -a "$summary"
done
