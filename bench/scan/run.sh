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
for tool in rg:ripgrep iconv:libc-bin; do
  command -v "${tool%%:*}" >/dev/null || need+=("${tool##*:}")
done
if ((${#need[@]})); then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${need[@]}"
fi

# The binary measured is the one built for this platform as it would be shipped: self-contained, the CLI, its
# libraries and the framework compiled ahead of time into one composite ReadyToRun image (the CLI's
# PublishReadyToRunComposite); a plain `dotnet build` runs through the JIT.
rid=$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')
dotnet publish src/Tracemark.Cli -c Release -r "$rid" --self-contained true --nologo -v quiet -o "$dir-bin" >/dev/null
tm="$dir-bin/tracemark"

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
# Each command runs 3 times after a warm-up; wall time and CPU time (user + system) are the best of the three. On a
# machine other work shares, wall time grows with the load while CPU time barely does: both are printed, and the
# ratios are given for both.
measure() { # label, command...: prints "label wall cpu peak_kb"
  local label=$1; shift
  "$@" >/dev/null 2>&1 || true
  local best_wall=999999 best_cpu=999999 peak=0
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %U %S %M" -o "$dir/t.txt" "$@" >/dev/null 2>&1 || true
    read -r wall user sys kb < "$dir/t.txt"
    best_wall=$(python3 -c "print(min($best_wall, $wall))")
    best_cpu=$(python3 -c "print(min($best_cpu, $user + $sys))")
    peak=$((kb > peak ? kb : peak))
  done
  echo "$label $best_wall $best_cpu $peak"
}
for set in utf8 gbk dump jsonl sheet line; do
  size=$(du -sbL "$dir/$set" | cut -f1)
  echo
  echo "== $set: $(ls "$dir/$set" | tr '\n' ' ')($((size / 1048576)) MB); load $(cut -d' ' -f1 /proc/loadavg)"
  : > "$dir/m-$set.txt"
  if [ "$set" != sheet ]; then
    enc=(); case $set in gbk|dump) enc=(-E gb18030);; esac
    measure rg-plain rg -c "${enc[@]}" -e "$mobile" -e "$id" "$dir/$set" >> "$dir/m-$set.txt"
    measure rg-P rg --count-matches -P "${enc[@]}" -e "$mobile_p" -e "$id_p" "$dir/$set" >> "$dir/m-$set.txt"
  fi
  measure tracemark "$tm" scan "$dir/$set" --json >> "$dir/m-$set.txt"
  "$tm" scan "$dir/$set" --summary-json "$dir/summary-$set.json" >/dev/null 2>&1 || true
  python3 - "$dir" "$set" "$size" <<'PY'
import json, sys
d, s, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = {l.split()[0]: [float(x) for x in l.split()[1:]] for l in open(f"{d}/m-{s}.txt")}
summary = json.load(open(f"{d}/summary-{s}.json"))
mb = size / 1048576
wall, cpu, peak = rows["tracemark"]
distinct = sum(summary["kinds"].values())
print(f"tracemark scan: {wall:.2f} s wall = {mb / wall:.0f} MB/s; {cpu:.2f} CPU-s = {2 * mb / cpu:.0f} MB/s on two busy cores; "
      f"peak {int(peak) // 1024} MB; {summary['records']:,} records, {summary['persons']:,} persons, {distinct:,} distinct identifiers")
for key, label in [("rg-plain", "rg -c (plain)"), ("rg-P", "rg --count-matches -P (lookarounds)")]:
    if key in rows:
        w, c, _ = rows[key]
        print(f"{label}: {w:.2f} s wall = {mb / w:.0f} MB/s, {c:.2f} CPU-s; tracemark / this: {wall / w:.2f}x wall, {cpu / c:.2f}x CPU")
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
