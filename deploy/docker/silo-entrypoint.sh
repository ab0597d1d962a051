#!/bin/sh
# Starts the silo on the container's own address: the silo binds its ports (and /metrics) to the address it
# advertises, which is loopback unless ORCHESTRATOR_ADVERTISED_ADDRESS says otherwise. Kubernetes sets it to the pod
# IP; elsewhere (docker compose) it is the address the container's hostname resolves to.
set -eu
if [ -z "${ORCHESTRATOR_ADVERTISED_ADDRESS:-}" ]; then
    # getent (libc) and read (the shell) are in every base image; the first word of the answer is the address.
    ORCHESTRATOR_ADVERTISED_ADDRESS="$(getent hosts "$(cat /etc/hostname)" | { read -r address _; echo "$address"; })"
    export ORCHESTRATOR_ADVERTISED_ADDRESS
fi
assembly="$1"
shift
exec dotnet "/app/$assembly" "$@"
