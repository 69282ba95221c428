#!/usr/bin/env bash
# Store benchmark (issue 4): ingest 50 million synthetic identifiers into SQLite (and PostgreSQL with --postgres),
# then compare a 1-million-identifier file against the full store. Records time, peak memory, bytes per identifier.
# Usage: bench/store/run.sh [--postgres] [identifiers, default 50000000]
set -euo pipefail
cd "$(dirname "$0")/../.."
pg=0; [ "${1:-}" = "--postgres" ] && { pg=1; shift; }
n=${1:-50000000}
work=${BENCH_DIR:-/tmp/tracemark-store-bench}
mkdir -p "$work"
dotnet build src/Tracemark.Cli -c Release --nologo -v q >/dev/null
tm="dotnet src/Tracemark.Cli/bin/Release/net10.0/tracemark.dll"

# Synthetic mobiles: 5 assigned segments × 10 million numbers each, one per line under a 手机号 header.
gen() { # start count file
  awk -v s="$1" -v n="$2" 'BEGIN { split("138 139 150 186 187", seg, " "); print "手机号";
    for (i = s; i < s + n; i++) printf "%s%08d\n", seg[int(i / 100000000) % 5 + 1] , i % 100000000 }' > "$3"
}
[ -s "$work/all.csv" ] || gen 0 "$n" "$work/all.csv"
# The query: half already in the store, half new.
[ -s "$work/query.csv" ] || { gen $((n - 500000)) 500000 "$work/q1.csv"; gen $((n + 1000000)) 500000 "$work/q2.csv"; { cat "$work/q1.csv"; tail -n +2 "$work/q2.csv"; } > "$work/query.csv"; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/ {print $2}') GiB"
echo "input: $(du -m "$work/all.csv" | cut -f1) MB, $n identifiers"

measure() { # label store args...
  local label=$1; shift
  /usr/bin/time -f "%e s, peak %M KB" -o "$work/time.txt" $tm "$@" > "$work/out.txt" 2>&1 || { cat "$work/out.txt"; exit 1; }
  echo "$label: $(cat "$work/time.txt")"
}

run() { # store key
  local store=$1 key=$2
  measure "ingest" ingest "$work/all.csv" --name all --category other --seen 2025-01-01 --store "$store" --key "$key"
  local secs; secs=$(cut -d' ' -f1 "$work/time.txt")
  echo "  = $(awk -v n="$n" -v s="$secs" 'BEGIN { printf "%.0f", n / s }') identifiers/s"
  measure "compare (1 M identifiers, half known)" compare "$work/query.csv" --store "$store" --key "$key" --json --seen 2025-01-02
  grep -E '"(identifiers|known)"' "$work/out.txt" | head -2 | tr -d ' ,\n'; echo
}

echo "== SQLite"
rm -f "$work/store.db"* "$work/store.key"
run "$work/store.db" "$work/store.key"
bytes=$(stat -c %s "$work/store.db")
echo "  on disk: $bytes bytes = $(awk -v b="$bytes" -v n="$n" 'BEGIN { printf "%.1f", b / n }') bytes per identifier"

if [ "$pg" = 1 ]; then
  echo "== PostgreSQL (throwaway cluster, fsync on)"
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  pgdir="$work/pg"; rm -rf "$pgdir"; mkdir -p "$pgdir"; chown postgres: "$pgdir"
  port=55432
  runuser -u postgres -- "$bin/initdb" -D "$pgdir/data" -A trust -U postgres >/dev/null
  runuser -u postgres -- "$bin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w -o "-p $port -k $pgdir -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c max_wal_size=8GB" start >/dev/null
  trap 'runuser -u postgres -- "$bin/pg_ctl" -D "$pgdir/data" -m fast stop >/dev/null' EXIT
  rm -f "$work/pg.key"
  run "postgres://postgres@127.0.0.1:$port/postgres" "$work/pg.key"
  bytes=$(runuser -u postgres -- psql -h "$pgdir" -p $port -At -c "select pg_total_relation_size('tracemark.occurrences')")
  echo "  on disk: $bytes bytes = $(awk -v b="$bytes" -v n="$n" 'BEGIN { printf "%.1f", b / n }') bytes per identifier"
fi
