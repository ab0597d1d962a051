# Sourced by the end-to-end benchmarks: sets silo_cmd and cli_cmd, the commands that start a silo and the CLI.
# With an empty $bin it builds both here (Release); otherwise $bin is a folder holding Orchestrator.Silo(.dll) and
# orchestrator(.dll), e.g. a self-contained publish.
if [ -z "$bin" ]; then
  dotnet build src/Client -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
  dotnet build src/Silo -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
  bin=src/Client/bin/Release/net10.0
  silo_bin=src/Silo/bin/Release/net10.0
else
  silo_bin=$bin
fi
command_of() { if [ -x "$1/$2" ]; then echo "$1/$2"; else echo "dotnet $1/$2.dll"; fi; }
silo_cmd=$(command_of "$silo_bin" Orchestrator.Silo)
cli_cmd=$(command_of "$bin" orchestrator)
