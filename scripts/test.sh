#!/usr/bin/env bash
# Builds the solution and runs every test project. Installs what the tests need first (scripts/install-deps.sh).
# Ends with one line "N passed, N failed" summed over the test projects.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh || exit 1
dotnet build Orchestrator.sln -c Release -warnaserror -nologo -v quiet || exit 1

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
for project in tests/*/*.Tests.csproj; do
  echo "== $project"
  dotnet test --project "$project" -c Release --no-build 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done

# Microsoft.Testing.Platform prints "total: N, failed: N, succeeded: N, skipped: N" per project.
passed=$(grep -oE 'succeeded: [0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'failed: [0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] || status=1
exit $status
