#!/usr/bin/env bash
# Scan throughput against ripgrep on about 1 GB of synthetic leaks (docs/benchmarks.md, "Scanning").
# ripgrep only counts the plain mobile and ID patterns (no validation); tracemark reads, profiles, validates,
# links persons and counts everything. Usage: bench/scan/run.sh [records per shape]
set -euo pipefail
cd "$(dirname "$0")/../.."
records=${1:-1500000}
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
  mkdir -p "$dir/utf8" "$dir/gbk" "$dir/sheet"
  iconv -f GB18030 -t UTF-8 "$dir/synth/leaks/courier-waybills.csv" > "$dir/utf8/courier-waybills-utf8.csv"
  mv "$dir/synth/leaks/app-users.jsonl" "$dir/synth/leaks/chat-log.txt" "$dir/utf8/"
  mv "$dir/synth/leaks/courier-waybills.csv" "$dir/synth/leaks/materials-dump.txt" "$dir/gbk/"
  mv "$dir/xlsx/leaks/loan-applications.xlsx" "$dir/sheet/"
  # One 1 GB line without a line end until the last byte (a minified export or a pasted dump).
  mkdir -p "$dir/line"
  awk 'BEGIN { for (i = 0; i < 20260000; i++) printf "客户要求加急配送联系手机1380013%04d谢谢", i % 10000; print "" }' > "$dir/line/one-line.txt"
  touch "$dir/.done-$records"
fi

mobile='1[3-9][0-9]{9}'
id='[0-9]{17}[0-9Xx]'
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/{print $2}') GiB"
for set in utf8 gbk sheet line; do
  size=$(du -sb "$dir/$set" | cut -f1)
  echo
  echo "== $set: $(ls "$dir/$set" | tr '\n' ' ')($((size / 1048576)) MB)"
  if [ "$set" != sheet ]; then
    enc=(); [ "$set" = gbk ] && enc=(-E gb18030)
    hyperfine -N -w 1 -r 3 --export-json "$dir/rg-$set.json" "rg -c ${enc[*]} -e $mobile -e $id $dir/$set" 2>/dev/null | grep -E "Time \(mean"
  fi
  hyperfine -N -w 0 -r 3 --export-json "$dir/tm-$set.json" "$tm scan $dir/$set --json" 2>/dev/null | grep -E "Time \(mean"
  /usr/bin/time -f "tracemark peak resident memory: %M KB, CPU %P" "$tm" scan "$dir/$set" --summary-json "$dir/summary-$set.json" >/dev/null 2>"$dir/time-$set.txt" || true
  tail -1 "$dir/time-$set.txt"
  python3 - "$dir" "$set" "$size" <<'PY'
import json, sys
d, s, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
tm = json.load(open(f"{d}/tm-{s}.json"))["results"][0]["mean"]
summary = json.load(open(f"{d}/summary-{s}.json"))
line = f"tracemark {tm:.2f} s = {size / 1048576 / tm:.0f} MB/s; {summary['records']:,} records, {summary['persons']:,} persons, {sum(summary['kinds'].values()):,} distinct identifiers"
try:
    rg = json.load(open(f"{d}/rg-{s}.json"))["results"][0]["mean"]
    line += f"; ripgrep {rg:.2f} s = {size / 1048576 / rg:.0f} MB/s; ratio {tm / rg:.1f}x"
except FileNotFoundError:
    pass
print(line)
PY
done
