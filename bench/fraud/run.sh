#!/usr/bin/env bash
# Fraud link benchmark (issue 22): a store of N known identifiers (synthetic mobiles, one dataset per 10 million),
# 1 million fraud reports (half their victims in the store), then `tracemark fraud import` and `tracemark fraud link`
# timed with /usr/bin/time (CPU user+sys reported: wall time is distorted on a shared machine).
# The store is made through the real ingest, streamed: awk writes 10-million-line parts (120 MB each, deleted after)
# and each is ingested as one dataset — about 30 s of CPU per part and 2.9 GB of SQLite for 100 million, so no
# special generator is needed, and the store is exactly what `tracemark ingest` builds. It is made once and kept.
# Usage: bench/fraud/run.sh [identifiers, default 100000000] [reports, default 1000000]
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-100000000}
r=${2:-1000000}
work=${BENCH_DIR:-/tmp/tracemark-fraud-bench}
mkdir -p "$work"
dotnet build src/Tracemark.Cli -c Release --nologo -v q >/dev/null
tm="dotnet src/Tracemark.Cli/bin/Release/net10.0/tracemark.dll"
store="$work/store-$n.db"; key="$work/store-$n.key"

# Synthetic mobiles: 5 assigned segments × 100 million numbers each (as bench/store/run.sh).
gen() { # start count file
  awk -v s="$1" -v n="$2" 'BEGIN { split("138 139 150 186 187", seg, " "); print "手机号";
    for (i = s; i < s + n; i++) printf "%s%08d\n", seg[int(i / 100000000) % 5 + 1] , i % 100000000 }' > "$3"
}
# Reports: every other one's victim is in the store (spread over it), the rest are numbers beyond it.
reports() { # file
  awk -v n="$n" -v r="$r" 'BEGIN { split("138 139 150 186 187", seg, " "); srand(7);
    split("刷单返利 冒充客服 贷款 投资理财 杀猪盘 冒充公检法", t, " ");
    print "report_id,time,victim_mobile,fraud_type,loss_yuan";
    for (k = 0; k < r; k++) { i = (k % 2 == 0) ? int(rand() * n) : n + k;
      printf "B%08d,2026-%02d-%02d,%s%08d,%s,%d\n", k, k % 12 + 1, k % 28 + 1, seg[int(i / 100000000) % 5 + 1], i % 100000000, t[k % 6 + 1], (k % 500) * 100 } }' > "$1"
}

measure() { # label args...
  local label=$1; shift
  /usr/bin/time -f "%e s wall, %U s user, %S s sys, peak %M KB" -o "$work/time.txt" $tm "$@" > "$work/out.txt" 2>&1 || { cat "$work/out.txt"; exit 1; }
  echo "$label: $(cat "$work/time.txt"), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/ {print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)"
if [ ! -s "$store" ]; then
  step=10000000
  for ((s = 0; s < n; s += step)); do
    c=$(( n - s < step ? n - s : step ))
    gen "$s" "$c" "$work/part.csv"
    measure "ingest $s+$c" ingest "$work/part.csv" --name "part-$s" --category other --seen 2025-06-01 --store "$store" --key "$key"
  done
  rm -f "$work/part.csv"
fi
echo "store: $n identifiers, $(du -m "$store" | cut -f1) MB"
[ -s "$work/reports-$n-$r.csv" ] || reports "$work/reports-$n-$r.csv"
rm -f "$work/fraud-$n.db"; cp "$store" "$work/fraud-$n.db"; cp "$key" "$work/fraud-$n.key"
measure "fraud import ($r reports)" fraud import "$work/reports-$n-$r.csv" --store "$work/fraud-$n.db" --key "$work/fraud-$n.key"
measure "fraud link --population $n ($r reports × $n identifiers)" fraud link --population "$n" --json --store "$work/fraud-$n.db" --key "$work/fraud-$n.key"
head -c 300 "$work/out.txt"; echo
measure "fraud link, default population (one pass over the occurrences)" fraud link --json --store "$work/fraud-$n.db" --key "$work/fraud-$n.key"
