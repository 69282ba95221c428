#!/usr/bin/env bash
# The main job on the bundled synthetic samples, no server: scan samples/leaks (seven leak files shaped like real
# cases), compare what the scan found with the generator's ground truth (samples/manifest.json), then remember two
# leaks in the embedded store (SQLite, out/demo/store.db) and ask whether a third is new or recycled.
# Usage: ./demo.sh            (writes its outputs to out/demo/)
#        ./demo.sh --server   the investigator workspace in the browser: a throwaway PostgreSQL and `tracemark server`
#                             on loopback, a demo user, its address and sign-in (scripts/demo/server.sh)
set -euo pipefail
cd "$(dirname "$0")"
if [ "${1:-}" = "--server" ]; then exec scripts/demo/server.sh; fi
dll=src/Tracemark.Cli/bin/Release/net10.0/tracemark.dll
# The first build restores packages and compiles nine projects (a minute or two): say so, and show each project as
# it is built, instead of printing nothing.
[ -f "$dll" ] || echo "== building Tracemark (the first build takes a minute or two) …"
dotnet build src/Tracemark.Cli -c Release --nologo -v minimal -clp:NoSummary 2>&1 | grep -E -- '->|error' | sed 's/^ */   built /' || true
[ -f "$dll" ] || { echo "the build failed: run dotnet build src/Tracemark.Cli -c Release to see why" >&2; exit 1; }
tm() { dotnet "$dll" "$@"; }
# shellcheck source=scripts/demo/background.sh
source scripts/demo/background.sh
mkdir -p out/demo

echo "== tracemark scan samples/leaks  (identifiers masked; --reveal shows them)"
tm scan samples/leaks --findings out/demo/findings.jsonl --summary-json out/demo/summary.json --report out/demo/report.html

echo
echo "== what the generator wrote (samples/manifest.json) against what the scan found (out/demo/summary.json)"
dotnet run scripts/demo/compare.cs -- samples/manifest.json out/demo/summary.json

echo
echo "== the known-leak store (embedded SQLite at out/demo/store.db; keyed tags only, key in out/demo/store.key)"
rm -f out/demo/store.db out/demo/store.db-* out/demo/store.key
store=(--store out/demo/store.db)
tm ingest samples/leaks/courier-waybills.csv --name courier-2025-12 --category courier --seen 2025-12-31 --source "synthetic sample" "${store[@]}"
tm ingest samples/leaks/loan-applications.xlsx --name loan-2025-12 --category loan --seen 2026-01-02 "${store[@]}"
tm ingest samples/leaks/courier-waybills.csv --name courier-again --category courier --seen 2026-01-05 "${store[@]}"
tm datasets "${store[@]}"
echo
echo "== tracemark compare samples/leaks/hotel-checkins.txt: new or recycled?"
tm compare samples/leaks/hotel-checkins.txt --seen 2026-01-03 "${store[@]}"

echo
echo "== the private exposure check: publish the two leaks, serve them, check two numbers from the terminal"
rm -rf out/demo/exposure out/demo/exposure.key
tm publish samples/leaks/courier-waybills.csv samples/leaks/loan-applications.xlsx --out out/demo/exposure \
  --prefix-bits 10 --public courier-2025-12 --exposure-key out/demo/exposure.key "${store[@]}"
# Port 0: the server picks a free port and prints its address. start_background (scripts/demo/background.sh)
# stops it when the demo ends, fails or is interrupted (tests/Tracemark.Cli.Tests/DemoScriptTests.cs).
start_background out/demo/serve.log dotnet "$dll" serve --index out/demo/exposure --exposure-key out/demo/exposure.key --urls http://127.0.0.1:0
url=""
for _ in $(seq 100); do url=$(grep -o 'http://127.0.0.1:[0-9]*' out/demo/serve.log | head -1 || true); [ -n "$url" ] && break; sleep 0.2; done
# A valid receiver's mobile from the courier sample (synthetic people only), and a number in no sample.
first=$(grep -m1 -o '"kind":"mobile","value":"[0-9]*","written":"[^"]*","status":"valid"' samples/truth/courier-waybills.truth.jsonl)
[[ $first =~ \"value\":\"([0-9]{11})\" ]] && member=${BASH_REMATCH[1]}
tm check --mobile "$member" --server "$url"
tm check --mobile 13912345678 --server "$url"
echo "(the check page: tracemark serve --index out/demo/exposure --exposure-key out/demo/exposure.key, then open http://127.0.0.1:8080/)"

echo
echo "== trading posts: who sells what, at what price, under which handles (synthetic posts, same population)"
rm -rf out/demo/posts
tm synth posts --out out/demo/posts --posts 3000 --seed 2026 --people 400
stop_background
tm intel out/demo/posts/telegram/result.json out/demo/posts/qq/水果交流群.txt out/demo/posts/forum.jsonl out/demo/posts/plain.txt \
  --top 8 --report out/demo/intel.html --graph out/demo/actors.graphml --stix out/demo/actors.stix.json "${store[@]}"
tm eval intel --dir out/demo/posts

echo
echo "== fraud reports against known leaks: which leak fed the fraud (docs/fraud.md)"
fstore=(--store out/demo/fraud.db --key out/demo/fraud.key)
rm -f out/demo/fraud.db out/demo/fraud.db-wal out/demo/fraud.db-shm
tm synth fraud --out out/demo/fraud --people 3000 --reports 300 >/dev/null
tm ingest out/demo/fraud/leaks/courier-linked.csv --name courier-linked --category courier --seen 2026-01-10 "${fstore[@]}"
tm ingest out/demo/fraud/leaks/hotel-unlinked.csv --name hotel-unlinked --category hotel --seen 2026-01-10 "${fstore[@]}"
tm fraud import out/demo/fraud/reports.csv "${fstore[@]}"
tm fraud link --population 3000 --html out/demo/fraud.html "${fstore[@]}"

echo
echo "== guard: an insider in the owner's own access log (samples/owner: one outlet's couriers, two weeks; docs/guard.md)"
gstore=(--store out/demo/guard.db --key out/demo/guard.key)
rm -f out/demo/guard.db out/demo/guard.db-wal out/demo/guard.db-shm out/demo/guard.key
tm owner import --channels samples/owner/channels.csv --customers samples/owner/customers.csv --access samples/owner/access.csv "${gstore[@]}"
tm guard --report out/demo/guard.html "${gstore[@]}"

echo
echo "== an incident on the demo leak: its grade, deadlines and the PIPL Art. 57 notice (docs/incident.md)"
discovered=$(date -u -d '-30 min' +%Y-%m-%dT%H:%M:%SZ)
tm incident open courier-leak --discovered "$discovered" --operator other --entity 顺达快递 --system 网点派件系统 \
  --owner-contact 95000 "${store[@]}"
tm incident add courier-leak samples/leaks/courier-waybills.csv "${store[@]}"
tm incident report courier-leak --html out/demo/incident.html "${store[@]}"

echo
echo "Findings (values in clear): out/demo/findings.jsonl   summary: out/demo/summary.json   report: out/demo/report.html"
echo "Incident report (print-ready, Chinese with an English toggle): out/demo/incident.html"
echo "Fraud link page: out/demo/fraud.html   guard alerts (account names masked): out/demo/guard.html"
echo "Intel report: out/demo/intel.html   actor graph: out/demo/actors.graphml   STIX bundle: out/demo/actors.stix.json"
