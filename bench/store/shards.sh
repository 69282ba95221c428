#!/usr/bin/env bash
# Sharded store benchmark (issue 18): ingest N synthetic identifiers and compare a 1-million-identifier file (half
# known) on one PostgreSQL server, then on a coordinator with 1 shard and with 2 shards (`tracemark store init`).
# Every cluster is a throwaway PostgreSQL on this machine (shared_buffers=512MB, fsync on), so the shards share its
# cores and disk: the figures show the cost of going through postgres_fdw and what each shard holds, not the
# speed-up of more hardware. CPU time is given for the client (user+sys) and for each cluster (its postmaster's
# own and reaped children's time), since the machine is shared.
# With OWNER=C, the known-leak runs are skipped and a synthetic owner of C customers (`synth owner`) is imported and
# one of its samples traced instead, on the same three layouts.
# Usage: [OWNER=200000] bench/store/shards.sh [identifiers, default 10000000]   (as root: clusters run as postgres)
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-10000000}
work=${BENCH_DIR:-/tmp/tracemark-shard-bench}
mkdir -p "$work"
dotnet build src/Tracemark.Cli -c Release --nologo -v q >/dev/null
tm="dotnet src/Tracemark.Cli/bin/Release/net10.0/tracemark.dll"
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

gen() { # start count file
  awk -v s="$1" -v n="$2" 'BEGIN { split("138 139 150 186 187", seg, " "); print "手机号";
    for (i = s; i < s + n; i++) printf "%s%08d\n", seg[int(i / 100000000) % 5 + 1] , i % 100000000 }' > "$3"
}
[ -s "$work/all-$n.csv" ] || gen 0 "$n" "$work/all-$n.csv"
[ -s "$work/query-$n.csv" ] || { gen $((n - 500000)) 500000 "$work/q1.csv"; gen $((n + 1000000)) 500000 "$work/q2.csv"; { cat "$work/q1.csv"; tail -n +2 "$work/q2.csv"; } > "$work/query-$n.csv"; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/ {print $2}') GiB, shared with other work"
echo "input: $n identifiers; PostgreSQL $("$bin/postgres" --version | awk '{print $3}')"

ports=(56101 56102 56103)
start() { # how many clusters
  pgdir="$work/pg"; rm -rf "$pgdir"; mkdir -p "$pgdir"; chown postgres: "$pgdir"
  for ((i = 0; i < $1; i++)); do
    p=${ports[$i]}
    runuser -u postgres -- "$bin/initdb" -D "$pgdir/$p" -A trust -U postgres >/dev/null
    runuser -u postgres -- "$bin/pg_ctl" -D "$pgdir/$p" -l "$pgdir/$p.log" -w -o "-p $p -k $pgdir -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c max_wal_size=8GB" start >/dev/null
  done
}
stop() { for p in "${ports[@]}"; do [ -d "$work/pg/$p" ] && runuser -u postgres -- "$bin/pg_ctl" -D "$work/pg/$p" -m fast stop >/dev/null 2>&1 || true; done; }
trap stop EXIT
cpu() { # seconds of CPU a cluster has used: its postmaster and every backend it has reaped
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15 + $16 + $17) / hz }' "/proc/$(head -1 "$work/pg/$1/postmaster.pid")/stat"
}
measure() { # label clusters args...
  local label=$1 clusters=$2; shift 2
  local before=() after=() i
  for ((i = 0; i < clusters; i++)); do before[$i]=$(cpu "${ports[$i]}"); done
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" $tm "$@" > "$work/out.txt" 2>&1 || { cat "$work/out.txt"; exit 1; }
  read -r wall user sys peak < "$work/time.txt"
  sleep 1 # let each postmaster reap the command's backends, whose CPU time it then counts
  local servers=""
  for ((i = 0; i < clusters; i++)); do after[$i]=$(cpu "${ports[$i]}"); servers+=" $(awk -v a="${after[$i]}" -v b="${before[$i]}" 'BEGIN { printf "%.1f", a - b }')"; done
  echo "$label: ${wall} s wall; client CPU $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }') s, peak $((peak / 1024)) MB; server CPU s (coordinator first):$servers"
}
size() { # port: bytes of the tracemark schema
  psql -h 127.0.0.1 -p "$1" -U postgres -d tm -At -c "select coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class c join pg_namespace s on s.oid = c.relnamespace where s.nspname = 'tracemark' and c.relkind = 'r'"
}
owner() { # label clusters
  local label=$1 clusters=$2 url="postgres://postgres@127.0.0.1:${ports[0]}/tm" o="$work/owner-$OWNER"
  [ -s "$o/access.csv" ] || $tm synth owner -o "$o" --customers "$OWNER" --samples-per-kind 1 --sample-size 500 >/dev/null
  rm -f "$work/key"
  measure "$label owner import: channels, $OWNER customers" "$clusters" owner import --channels "$o/channels.csv" --customers "$o/customers.csv" --store "$url" --key "$work/key"
  measure "$label owner import: $(($(wc -l < "$o/access.csv") - 1)) access rows" "$clusters" owner import --access "$o/access.csv" --store "$url" --key "$work/key"
  measure "$label trace (500-record sample)" "$clusters" trace "$o/scenarios/001-single-insider.csv" --seen 2025-12-01 --json --store "$url" --key "$work/key"
  grep -m1 '"verdict"' "$work/out.txt"
  for ((i = 0; i < clusters; i++)); do
    psql -h 127.0.0.1 -p "${ports[$i]}" -U postgres -d tm -q -c "ANALYZE" 2>/dev/null
    echo "  cluster ${ports[$i]}: $(size "${ports[$i]}") bytes in tracemark; largest: $(psql -h 127.0.0.1 -p "${ports[$i]}" -U postgres -d tm -At -c "select string_agg(relname || ' ' || n || ' B / ' || rows || ' rows', ', ') from (select c.relname, pg_total_relation_size(c.oid) n, c.reltuples::bigint rows from pg_class c join pg_namespace s on s.oid = c.relnamespace where s.nspname = 'tracemark' and c.relkind = 'r' order by 2 desc limit 4) t")"
  done
}
run() { # label clusters
  if [ -n "${OWNER:-}" ]; then owner "$@"; return; fi
  local label=$1 clusters=$2 url="postgres://postgres@127.0.0.1:${ports[0]}/tm"
  rm -f "$work/key"
  measure "$label ingest" "$clusters" ingest "$work/all-$n.csv" --name all --category other --seen 2025-01-01 --store "$url" --key "$work/key"
  echo "  = $(awk -v n="$n" -v s="$wall" 'BEGIN { printf "%.0f", n / s }') identifiers/s"
  measure "$label compare (1 M identifiers, half known)" "$clusters" compare "$work/query-$n.csv" --store "$url" --key "$work/key" --json --seen 2025-01-02
  grep -E '"(identifiers|known)"' "$work/out.txt" | head -2 | tr -d ' ,\n'; echo
  measure "$label compare again (warm)" "$clusters" compare "$work/query-$n.csv" --store "$url" --key "$work/key" --json --seen 2025-01-02
  for ((i = 0; i < clusters; i++)); do
    local b; b=$(size "${ports[$i]}")
    echo "  cluster ${ports[$i]}: $b bytes in tracemark ($(awk -v b="$b" -v n="$n" 'BEGIN { printf "%.1f", b / n }') bytes per stored identifier overall)"
  done
}

echo "== one server"
start 1
for p in "${ports[0]}"; do "$bin/createdb" -h 127.0.0.1 -p "$p" -U postgres tm; done
run "1 server" 1
stop

for shards in 1 2; do
  echo "== coordinator + $shards shard(s)"
  start $((shards + 1))
  for ((i = 0; i <= shards; i++)); do "$bin/createdb" -h 127.0.0.1 -p "${ports[$i]}" -U postgres tm; done
  list=$(for ((i = 1; i <= shards; i++)); do printf 'postgres://postgres@127.0.0.1:%s/tm,' "${ports[$i]}"; done)
  $tm store init --store "postgres://postgres@127.0.0.1:${ports[0]}/tm" --shards "${list%,}" >/dev/null
  run "$shards shard(s)" $((shards + 1))
  for ((i = 1; i <= shards; i++)); do
    [ -n "${OWNER:-}" ] && continue
    echo "  shard ${ports[$i]}: $(psql -h 127.0.0.1 -p "${ports[$i]}" -U postgres -d tm -At -c "select count(*) from tracemark.occurrences_p$((i - 1))") occurrence rows"
  done
  stop
done
