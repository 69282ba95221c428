#!/usr/bin/env bash
# 100 concurrent readers of a case summary (issue 21: p99 < 200 ms), end to end: starts `./demo.sh --server` (a
# throwaway PostgreSQL and the workspace on loopback, a demo case with a synthetic sample, scanned), runs the C# load
# client bench/workspace/readers.cs against it (USERS users with kept-alive connections, REQUESTS each, one after the
# other: a bounded loop), prints its figures, and stops the demo (which deletes everything it made).
# Usage: bench/workspace/readers.sh [USERS=100] [REQUESTS=50]
# TRACEMARK_DLL=path/to/tracemark.dll uses that build (as ./demo.sh does); else the demo builds src/Tracemark.Cli.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/workspace/demo-start.sh
users=${1:-100}; requests=${2:-50}
out=$(mktemp)
demo=""
stop() {
  # TERM, not INT: a background job of a script starts with SIGINT ignored, and the demo's trap would never run.
  if [ -n "$demo" ]; then kill -TERM "$demo" 2>/dev/null || true; wait "$demo" 2>/dev/null || true; demo=""; fi
  rm -f "$out"
}
trap stop EXIT
trap 'stop; trap - INT; exit 130' INT
trap 'stop; trap - TERM; exit 143' TERM
# The client is built first, so that its build does not share the cores with the measured run.
dotnet build bench/workspace/readers.cs -c Release -v q -nologo >/dev/null
start_demo "$out"
dotnet run --no-build -c Release bench/workspace/readers.cs -- "$url" "$token" 1 "$users" "$requests"
