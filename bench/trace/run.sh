#!/usr/bin/env bash
# Tracing benchmark (issue 5): import access-log rows into a SQLite store and trace 500-record samples against it.
# The synthetic owner (1 M customers, 100 outlets × 100 employee accounts) writes 3.8 M rows; COPIES copies of it,
# each shifted back by a year, make the log: 3 → 11.4 M rows (default), 27 → 102.9 M rows (about 20 GB of disk).
# Usage: [BENCH_ROWS=N] bench/trace/run.sh [--postgres] [COPIES]   (--postgres: into a throwaway PostgreSQL cluster instead)
set -euo pipefail
cd "$(dirname "$0")/../.."
pg=0; [ "${1:-}" = "--postgres" ] && { pg=1; shift; }
work=${BENCH_DIR:-/tmp/tracemark-trace-bench}
mkdir -p "$work"
dotnet build src/Tracemark.Cli -c Release --nologo -v q >/dev/null
tm="dotnet src/Tracemark.Cli/bin/Release/net10.0/tracemark.dll"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/ {print $2}') GiB"
$tm synth owner --out "$work/owner" --customers 1000000 --outlets 100 --employees-per-outlet 100 --samples-per-kind 1 --sample-size 500 >/dev/null
a="$work/owner/access.csv"
copies=${1:-3}
{ cat "$a"; for y in $(seq $((2026 - copies)) 2024); do tail -n +2 "$a" | sed "s/^2025-/$y-/"; done; } > "$work/access-10m.csv"
# BENCH_ROWS=N keeps only the log's first N rows (the "exactly 10 M rows" figure: BENCH_ROWS=10000000).
if [ -n "${BENCH_ROWS:-}" ]; then
  head -n $((BENCH_ROWS + 1)) "$work/access-10m.csv" > "$work/access-n.csv" && mv "$work/access-n.csv" "$work/access-10m.csv"
fi
echo "access rows: $(($(wc -l < "$work/access-10m.csv") - 1))"
rm -f "$work/s.db"* "$work/s.key"
store="$work/s.db"
if [ "$pg" = 1 ]; then
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  pgdir="$work/pg"; rm -rf "$pgdir"; mkdir -p "$pgdir"; chown postgres: "$pgdir"
  runuser -u postgres -- "$bin/initdb" -D "$pgdir/data" -A trust -U postgres >/dev/null
  runuser -u postgres -- "$bin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w -o "-p 55433 -k $pgdir -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c max_wal_size=8GB" start >/dev/null
  trap 'runuser -u postgres -- "$bin/pg_ctl" -D "$pgdir/data" -m fast stop >/dev/null' EXIT
  store="postgres://postgres@127.0.0.1:55433/postgres"
fi
/usr/bin/time -f "import channels + 1 M customers: %e s, peak %M KB" $tm owner import --channels "$work/owner/channels.csv" --customers "$work/owner/customers.csv" --store "$store" --key "$work/s.key" >/dev/null
/usr/bin/time -f "import access log: %e s, peak %M KB" $tm owner import --access "$work/access-10m.csv" --store "$store" --key "$work/s.key" >/dev/null
for pass in first again; do
  for f in "$work"/owner/scenarios/*; do
    /usr/bin/time -f "trace $(basename "$f") (500 records, $pass): %e s, peak %M KB" $tm trace "$f" --store "$store" --key "$work/s.key" --seen 2025-12-01 --json >/dev/null
  done
done
