#!/usr/bin/env bash
# Exposure benchmark (issue 6): publish a synthetic corpus (PRF evaluations/s against libsodium's scalar-mult bound),
# then load `tracemark serve` with wrk on loopback — POST /v1/oprf/evaluate (one blinded element, as the page sends)
# and GET /v1/buckets/XXXX (random buckets) — next to nginx serving the same bucket files.
# Usage: bench/exposure/run.sh [RECORDS_PER_FILE] [SECONDS]     (needs wrk and nginx: apt-get install wrk nginx)
set -euo pipefail
cd "$(dirname "$0")/../.."
records=${1:-200000}; secs=${2:-15}
work=${BENCH_DIR:-/tmp/tracemark-exposure-bench}
rm -rf "$work"; mkdir -p "$work"
dotnet build src/Tracemark.Cli -c Release --nologo -v q >/dev/null
tm="dotnet src/Tracemark.Cli/bin/Release/net10.0/tracemark.dll"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/ {print $2}') GiB"
$tm synth --out "$work/synth" --records "$records" --people $((records * 2)) --seed 7 >/dev/null
store=(--store "$work/s.db")
n=0; files=()
for f in "$work"/synth/leaks/*; do
  n=$((n + 1)); $tm ingest "$f" --name "d$n" --category other --seen 2026-01-01 "${store[@]}" >/dev/null; files+=("$f")
done
echo "== publish ${#files[@]} files"
/usr/bin/time -f "publish: %e s wall, %M KB max RSS" $tm publish "${files[@]}" --out "$work/index" --exposure-key "$work/e.key" "${store[@]}"

$tm serve --index "$work/index" --exposure-key "$work/e.key" --urls http://127.0.0.1:18181 --rate 1000000000 2>/dev/null &
server=$!
mkdir -p "$work/nginx/logs"
cat > "$work/nginx/nginx.conf" <<CONF
worker_processes 2;
error_log $work/nginx/logs/error.log;
pid $work/nginx/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;
  server { listen 127.0.0.1:18182; location /v1/buckets/ { alias $work/index/buckets/; default_type application/octet-stream; } }
}
CONF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf"
trap 'kill $server 2>/dev/null; nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -s stop 2>/dev/null' EXIT
for i in $(seq 50); do curl -sf http://127.0.0.1:18181/healthz >/dev/null && break; sleep 0.2; done

# One valid blinded element (any point will do for load: the server's work does not depend on it).
element=$(cd scripts/web && node -e "
import('@cloudflare/voprf-ts').then(async ({Oprf, VOPRFClient}) => {
  const {CryptoNoble} = await import('@cloudflare/voprf-ts/crypto-noble');
  const cfg = await (await fetch('http://127.0.0.1:18181/v1/oprf/config')).json();
  const c = new VOPRFClient(Oprf.Suite.RISTRETTO255_SHA512, Uint8Array.from(atob(cfg.publicKey), x => x.charCodeAt(0)), CryptoNoble);
  const [, req] = await c.blind([new TextEncoder().encode('mobile:13800138000')]);
  console.log(btoa(String.fromCharCode(...req.blinded[0].serialize(true))));
});")
cat > "$work/evaluate.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"blindedElements":["$element"]}'
LUA
cat > "$work/buckets.lua" <<'LUA'
request = function() return wrk.format("GET", string.format("/v1/buckets/%04x", math.random(0, 65535))) end
LUA
# Warm both servers up (JIT, page cache) before measuring.
wrk -t2 -c32 -d3s -s "$work/buckets.lua" http://127.0.0.1:18181 >/dev/null
wrk -t2 -c32 -d3s -s "$work/evaluate.lua" http://127.0.0.1:18181/v1/oprf/evaluate | grep -q "Non-2xx" && { echo "evaluate answers errors: check $work/evaluate.lua"; exit 1; }
wrk -t2 -c32 -d3s -s "$work/buckets.lua" http://127.0.0.1:18182 >/dev/null
echo "== bucket size: $(stat -c %s "$work/index/buckets/0000") bytes"
show() { grep -E "Requests/sec|99%|Non-2xx|requests in"; }
cpu() { awk '{print $14 + $15}' "/proc/$server/stat"; }   # the server's user+system time, in 1/100 s
echo "== nginx: GET buckets";            wrk -t2 -c64 -d${secs}s --latency -s "$work/buckets.lua" http://127.0.0.1:18182 | show
echo "== tracemark serve: GET buckets";  wrk -t2 -c64 -d${secs}s --latency -s "$work/buckets.lua" http://127.0.0.1:18181 | show
echo "== tracemark serve: POST evaluate (1 element, as the page sends)"
before=$(cpu)
out=$(wrk -t1 -c32 -d${secs}s --latency -s "$work/evaluate.lua" http://127.0.0.1:18181/v1/oprf/evaluate)
after=$(cpu)
echo "$out" | show
n=$(echo "$out" | awk '/requests in/ {print $1}')
echo "server CPU: $(( (after - before) / 100 )) s for $n requests = $(( n * 100 / (after - before) )) requests per CPU-second"
echo "(libsodium's one-core bound: dotnet run -c Release --project bench/Tracemark.Benchmarks -- --filter '*Exposure*' --job short)"
