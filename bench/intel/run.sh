#!/usr/bin/env bash
# Intel benchmark (issue 7): `tracemark intel` on JSON Lines — posts per CPU-second (the issue's per-core figure),
# wall time on both cores, peak memory — at two sizes, to show memory follows accounts and handles, not posts.
# ripgrep counting one keyword in the same file is the floor for just reading it.
# Usage: bench/intel/run.sh [POSTS]          (default 400000 posts generated; forum.jsonl gets a quarter of them)
set -euo pipefail
cd "$(dirname "$0")/../.."
posts=${1:-400000}
work=${BENCH_DIR:-/tmp/tracemark-intel-bench}
rm -rf "$work"; mkdir -p "$work"
dotnet build src/Tracemark.Cli -c Release --nologo -v q >/dev/null
tm="dotnet src/Tracemark.Cli/bin/Release/net10.0/tracemark.dll"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/ {print $2}') GiB"
$tm synth posts --out "$work/posts" --posts "$posts" --seed 7 >/dev/null
one="$work/posts/forum.jsonl"
four="$work/forum-x4.jsonl"
cat "$one" "$one" "$one" "$one" > "$four"
for f in "$one" "$four"; do
  n=$(wc -l < "$f")
  echo "== $(basename "$f"): $n posts, $(du -m "$f" | cut -f1) MB"
  out=$( { /usr/bin/time -f "%e %U %S %M" $tm intel "$f" > /dev/null; } 2>&1 | tail -1)
  read -r wall user sys rss <<<"$out"
  awk -v n="$n" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" 'BEGIN {
    printf "tracemark intel: %.2f s wall, %.2f s CPU, %.0f posts/s on the box, %.0f posts per CPU-second, %.0f MB peak RSS\n", w, u + s, n / w, n / (u + s), m / 1024 }'
  out=$( { /usr/bin/time -f "%e %U %S %M" $tm intel "$f" --json > /dev/null; } 2>&1 | tail -1)
  read -r wall user sys rss <<<"$out"
  awk -v n="$n" -v w="$wall" -v u="$user" -v s="$sys" 'BEGIN {
    printf "  with --json to /dev/null: %.2f s wall, %.0f posts per CPU-second\n", w, n / (u + s) }'
  if command -v rg >/dev/null; then
    out=$( { /usr/bin/time -f "%e" rg -c 料 "$f" > /dev/null; } 2>&1 | tail -1)
    echo "  ripgrep -c 料 (reading floor): ${out} s"
  fi
done
echo "(per-post costs: dotnet run -c Release --project bench/Tracemark.Benchmarks -- --filter '*Intel*' --job short)"
