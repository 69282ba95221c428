#!/usr/bin/env bash
# The main job on the bundled synthetic samples, no server: scan samples/leaks (seven leak files shaped like real
# cases) and compare what the scan found with the generator's ground truth (samples/manifest.json).
# Usage: ./demo.sh            (writes its outputs to out/demo/)
set -euo pipefail
cd "$(dirname "$0")"
dotnet build src/Tracemark.Cli -c Release --nologo -v quiet >/dev/null
tm() { dotnet src/Tracemark.Cli/bin/Release/net10.0/tracemark.dll "$@"; }
mkdir -p out/demo

echo "== tracemark scan samples/leaks  (identifiers masked; --reveal shows them)"
tm scan samples/leaks --findings out/demo/findings.jsonl --summary-json out/demo/summary.json --report out/demo/report.html

echo
echo "== what the generator wrote (samples/manifest.json) against what the scan found (out/demo/summary.json)"
dotnet run scripts/demo/compare.cs -- samples/manifest.json out/demo/summary.json

echo
echo "Findings (values in clear): out/demo/findings.jsonl   summary: out/demo/summary.json   report: out/demo/report.html"
