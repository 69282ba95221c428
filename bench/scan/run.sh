#!/usr/bin/env bash
# Scan throughput against ripgrep on the same bytes, in the same run (docs/benchmarks.md, "Scanning").
# ripgrep counts mobiles and ID numbers twice: plain (`rg -c`) and with PCRE2 digit lookarounds (`rg -P`), the
# baseline issue 16 sets (a regex that validates nothing); tracemark reads, profiles, validates, links persons and
# counts everything. Then peak memory per distinct identifier on a file of N distinct mobiles.
# Usage: bench/scan/run.sh [records per shape] [distinct mobiles for the memory run]
set -euo pipefail
cd "$(dirname "$0")/../.."
records=${1:-1500000}
distinct=${2:-50000000}
dir=${TRACEMARK_BENCH_DIR:-/tmp/tracemark-bench}
need=()
for tool in rg:ripgrep hyperfine:hyperfine iconv:libc-bin; do
  command -v "${tool%%:*}" >/dev/null || need+=("${tool##*:}")
done
if ((${#need[@]})); then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${need[@]}"
fi

dotnet build src/Tracemark.Cli -c Release --nologo -v quiet >/dev/null
tm="$PWD/src/Tracemark.Cli/bin/Release/net10.0/tracemark"

if [ ! -f "$dir/.done-$records" ]; then
  rm -rf "$dir"
  "$tm" synth --out "$dir/synth" --records "$records" --people $((records * 2 / 3)) --shapes courier,dump,app,chat --no-truth >/dev/null
  "$tm" synth --out "$dir/xlsx" --records $((records / 5)) --people $((records / 5)) --shapes loan --no-truth --seed 2 >/dev/null
  mkdir -p "$dir/utf8" "$dir/gbk" "$dir/sheet" "$dir/dump" "$dir/jsonl"
  iconv -f GB18030 -t UTF-8 "$dir/synth/leaks/courier-waybills.csv" > "$dir/utf8/courier-waybills-utf8.csv"
  mv "$dir/synth/leaks/app-users.jsonl" "$dir/synth/leaks/chat-log.txt" "$dir/utf8/"
  mv "$dir/synth/leaks/courier-waybills.csv" "$dir/synth/leaks/materials-dump.txt" "$dir/gbk/"
  mv "$dir/xlsx/leaks/loan-applications.xlsx" "$dir/sheet/"
  # The two shapes the 300 MB/s target names, alone: the broker dump (GB18030) and the app's JSON Lines (UTF-8).
  ln "$dir/gbk/materials-dump.txt" "$dir/dump/"
  ln "$dir/utf8/app-users.jsonl" "$dir/jsonl/"
  # One 1 GB line without a line end until the last byte (a minified export or a pasted dump).
  mkdir -p "$dir/line"
  awk 'BEGIN { for (i = 0; i < 20260000; i++) printf "客户要求加急配送联系手机1380013%04d谢谢", i % 10000; print "" }' > "$dir/line/one-line.txt"
  touch "$dir/.done-$records"
fi

mobile='1[3-9][0-9]{9}'
id='[0-9]{17}[0-9Xx]'
mobile_p='(?<![0-9])1[3-9][0-9]{9}(?![0-9])'
id_p='(?<![0-9])[0-9]{17}[0-9Xx](?![0-9Xx])'
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/{print $2}') GiB; load $(cut -d' ' -f1-3 /proc/loadavg)"
for set in utf8 gbk dump jsonl sheet line; do
  size=$(du -sbL "$dir/$set" | cut -f1)
  echo
  echo "== $set: $(ls "$dir/$set" | tr '\n' ' ')($((size / 1048576)) MB)"
  cmds=()
  if [ "$set" != sheet ]; then
    enc=""; case $set in gbk|dump) enc="-E gb18030";; esac
    cmds+=("rg -c $enc -e $mobile -e $id $dir/$set" "rg --count-matches -P $enc -e $mobile_p -e $id_p $dir/$set")
  fi
  cmds+=("$tm scan $dir/$set --json")
  hyperfine -N -w 1 -r 3 --export-json "$dir/hf-$set.json" "${cmds[@]}" >/dev/null 2>&1
  /usr/bin/time -f "%M %P" "$tm" scan "$dir/$set" --summary-json "$dir/summary-$set.json" >/dev/null 2>"$dir/time-$set.txt" || true
  python3 - "$dir" "$set" "$size" <<'PY'
import json, sys
d, s, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
results = json.load(open(f"{d}/hf-{s}.json"))["results"]
summary = json.load(open(f"{d}/summary-{s}.json"))
peak_kb, cpu = open(f"{d}/time-{s}.txt").read().split()[-2:]
mb = size / 1048576
tm = results[-1]["mean"]
distinct = sum(summary["kinds"].values())
print(f"tracemark scan: {tm:.2f} s = {mb / tm:.0f} MB/s (CPU {cpu}); {summary['records']:,} records, {summary['persons']:,} persons, "
      f"{distinct:,} distinct identifiers; peak {int(peak_kb) // 1024} MB")
for r, label in zip(results[:-1], ["rg -c (plain)", "rg --count-matches -P (lookarounds)"]):
    print(f"{label}: {r['mean']:.2f} s = {mb / r['mean']:.0f} MB/s; tracemark / this = {tm / r['mean']:.2f}x")
PY
done

# Memory per distinct identifier: N distinct mobiles, one per line, against the same scan of 1,000 lines.
mem="$dir/memory"
if [ ! -f "$mem/.done-$distinct" ]; then
  rm -rf "$mem"; mkdir -p "$mem/big" "$mem/small"
  awk -v n="$distinct" 'BEGIN { print "手机"; for (i = 0; i < n; i++) printf "13%09d\n", (i * 7919) % 1000000000 }' > "$mem/big/mobiles.csv"
  head -1001 "$mem/big/mobiles.csv" > "$mem/small/mobiles.csv"
  touch "$mem/.done-$distinct"
fi
base=$(/usr/bin/time -f "%M" "$tm" scan "$mem/small" --json 2>&1 >/dev/null | tail -1)
/usr/bin/time -f "%M %e" "$tm" scan "$mem/big" --summary-json "$mem/summary.json" >/dev/null 2>"$mem/time.txt" || true
python3 - "$mem" "$base" <<'PY'
import json, sys
d, base = sys.argv[1], int(sys.argv[2])
peak, secs = open(f"{d}/time.txt").read().split()[-2:]
n = json.load(open(f"{d}/summary.json"))["kinds"]["mobile"]
print(f"\n== memory: {n:,} distinct mobiles in {float(secs):.1f} s; peak {int(peak) // 1024} MB, baseline {base // 1024} MB: "
      f"{(int(peak) - base) * 1024 / n:.1f} bytes per distinct identifier")
PY
