#!/usr/bin/env bash
# The main job on bundled synthetic samples, no server: identify values, then write a fresh synthetic leak folder.
# Usage: ./demo.sh
set -euo pipefail
cd "$(dirname "$0")"
dotnet build src/Tracemark.Cli -c Release --nologo -v quiet >/dev/null
tm() { dotnet src/Tracemark.Cli/bin/Release/net10.0/tracemark.dll "$@"; }

echo "== tracemark identify: GB 11643's example, a broken ID, an unassigned mobile segment, a formatted mobile, a masked one"
tm identify 11010519491231002X 110105194912310021 15412345678 "+86 138-0013-8000" "138****8000" || true

echo
echo "== tracemark synth: synthetic leak files with ground truth (bundled copy in samples/)"
tm synth --out out/synth --records 1000 --people 2000
