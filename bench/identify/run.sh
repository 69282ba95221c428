#!/usr/bin/env bash
# `tracemark identify -` on a stream of mixed values (docs/benchmarks.md, "Identify a stream"): values per second and
# peak memory, for 1 M and 10 M values (memory must not grow with the input). Usage: bench/identify/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=${TRACEMARK_BENCH_DIR:-/tmp/tracemark-bench}/identify
mkdir -p "$dir"
dotnet build src/Tracemark.Cli -c Release --nologo -v quiet >/dev/null
tm="$PWD/src/Tracemark.Cli/bin/Release/net10.0/tracemark"
if [ ! -f "$dir/values-10m.txt" ]; then
  # IDs with right check characters, mobiles, cards, e-mails and a few other kinds, in turn.
  python3 - "$dir/values-10m.txt" <<'PY'
import random, sys
random.seed(7)
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]; C = "10X98765432"
regions = ["110105", "440305", "320102", "510104", "653228", "330106"]
others = ["张三", "hello", "0571-23456789", "E12345678", "91110000600037341L", "京A12345", "0300-2345678", "C12345678"]
with open(sys.argv[1], "w") as f:
    for i in range(10_000_000):
        k = i % 5
        if k == 0:
            b = random.choice(regions) + f"{random.randint(1950, 2010)}{random.randint(1, 12):02d}{random.randint(1, 28):02d}{random.randint(0, 999):03d}"
            f.write(b + C[sum(int(a) * w for a, w in zip(b, W)) % 11] + "\n")
        elif k == 1: f.write(f"1{random.choice('3578')}{random.randint(0, 999999999):09d}\n")
        elif k == 2: f.write(f"62220202{random.randint(0, 99999999999):011d}\n")
        elif k == 3: f.write(f"user{random.randint(0, 99999)}@163.com\n")
        else: f.write(random.choice(others) + "\n")
PY
  head -1000000 "$dir/values-10m.txt" > "$dir/values-1m.txt"
fi
echo "machine: $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
for n in 1m 10m; do
  for mode in "--json" ""; do
    /usr/bin/time -f "%e %M %U %S" "$tm" identify - $mode < "$dir/values-$n.txt" > /dev/null 2> "$dir/time.txt" || true
    read -r secs peak user sys < <(tail -1 "$dir/time.txt")
    values=$([ $n = 1m ] && echo 1000000 || echo 10000000)
    python3 -c "print(f'identify - ${mode:-(text)} on $n values: {float($secs):.2f} s = {$values / float($secs):,.0f} values/s (CPU {float($user) + float($sys):.1f} s); peak {int($peak) // 1024} MB')"
  done
done
