#!/usr/bin/env bash
# Upload and scan of a ~1 GB leak file through the workspace server against `tracemark scan` of the same file
# (issue 21: within 1.3×), in the same run and with the same build: synthesises the file once (`tracemark synth`,
# courier shape, GBK CSV), times `tracemark scan FILE --summary-json` on it, then starts `./demo.sh --server` (a
# throwaway PostgreSQL and the server on loopback), opens a case and times the upload (curl -F, streamed) and the
# job until done (its server-sent events). Prints wall and CPU seconds (user+sys: the scan's process; the server's
# process plus curl's for the upload) and both ratios. The machine is shared: read the CPU ratio when it is loaded.
# Usage: bench/workspace/upload.sh [RECORDS=5000000]   (5 M courier records are about 1 GB)
# TRACEMARK_BENCH_DIR (default /tmp/tracemark-upload) holds the file and the server's data; all of it is deleted at
# the end unless KEEP=1. TRACEMARK_DLL=path/to/tracemark.dll uses that build; else src/Tracemark.Cli is built.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/workspace/demo-start.sh
records=${1:-5000000}
dir=${TRACEMARK_BENCH_DIR:-/tmp/tracemark-upload}
if [ -z "${TRACEMARK_DLL:-}" ]; then
  dotnet build src/Tracemark.Cli -c Release --nologo -v q >/dev/null
fi
dll=${TRACEMARK_DLL:-src/Tracemark.Cli/bin/Release/net10.0/tracemark.dll}
export TRACEMARK_DLL=$dll
mkdir -p "$dir"
demo=""
stop() {
  # TERM, not INT: a background job of a script starts with SIGINT ignored, and the demo's trap would never run.
  if [ -n "$demo" ]; then kill -TERM "$demo" 2>/dev/null || true; wait "$demo" 2>/dev/null || true; demo=""; fi
  [ "${KEEP:-0}" = 1 ] || rm -rf "$dir"
}
trap stop EXIT
trap 'stop; trap - INT; exit 130' INT
trap 'stop; trap - TERM; exit 143' TERM

file="$dir/synth/leaks/courier-waybills.csv"
if [ ! -f "$file" ]; then
  dotnet "$dll" synth --out "$dir/synth" --records "$records" --people $((records * 2 / 3)) --shapes courier --no-truth >/dev/null
fi
bytes=$(stat -c %s "$file")
tick=$(getconf CLK_TCK)
cpu() { awk -v t="$tick" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$1/stat"; }
now() { date +%s.%N; }
# Both runs read the file from the page cache.
cat "$file" >/dev/null

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "%e %U %S" -o "$dir/scan.time" dotnet "$dll" scan "$file" --summary-json "$dir/scan.json" >/dev/null 2>"$dir/scan.err" || true
read -r scan_wall scan_user scan_sys <"$dir/scan.time"
scan_cpu=$(echo "$scan_user + $scan_sys" | bc)
persons=$(grep -o '"persons": *[0-9]*' "$dir/scan.json" | head -1 | grep -o '[0-9]*$')

TMPDIR="$dir" start_demo "$dir/demo.out"
data=$(grep -o 'deletes /[^ ]*' "$dir/demo.out" | cut -d' ' -f2)/data
server=$(pgrep -f -- "--data $data" | head -1)
auth=(-sS -f -H "Authorization: Bearer $token")
# The demo's own sample job first, so that it does not run beside the measured one.
for _ in $(seq 600); do
  curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$url/api/cases/1/summary" | grep -q 200 && break
  sleep 0.5
done
case_id=$(curl "${auth[@]}" -H 'Content-Type: application/json' -d '{"name":"upload benchmark"}' "$url/api/cases" | grep -o '[0-9]\+' | head -1)

c0=$(cpu "$server"); t0=$(now)
/usr/bin/time -f "%U %S" -o "$dir/curl.time" curl "${auth[@]}" -o "$dir/upload.json" -F "file=@$file" "$url/api/cases/$case_id/files"
t1=$(now)
job=$(grep -o '"job":[0-9]*' "$dir/upload.json" | grep -o '[0-9]*$')
curl "${auth[@]}" -N "$url/api/jobs/$job/events" >"$dir/events"
t2=$(now); c1=$(cpu "$server")
read -r curl_user curl_sys <"$dir/curl.time"
grep "^data:" "$dir/events" | tail -1 | grep -q '"state":"done"' || { echo "the job did not finish: $(grep "^data:" "$dir/events" | tail -1)" >&2; exit 1; }
server_persons=$(curl "${auth[@]}" "$url/api/cases/$case_id/summary" | grep -o '"persons":[0-9]*' | head -1 | grep -o '[0-9]*$')

up_wall=$(echo "$t2 - $t0" | bc); up_part=$(echo "$t1 - $t0" | bc); job_part=$(echo "$t2 - $t1" | bc)
up_cpu=$(echo "$c1 - $c0 + $curl_user + $curl_sys" | bc)
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "file: $file, $bytes bytes, $records records"
echo "tracemark scan:      wall ${scan_wall} s, CPU ${scan_cpu} s (user ${scan_user} + sys ${scan_sys}), persons ${persons}"
echo "upload + job done:   wall ${up_wall} s (upload ${up_part} s, job ${job_part} s), CPU ${up_cpu} s (server $(echo "$c1 - $c0" | bc) + curl $(echo "$curl_user + $curl_sys" | bc)), persons ${server_persons}"
echo "ratio (server / scan): wall $(echo "scale=2; $up_wall / $scan_wall" | bc), CPU $(echo "scale=2; $up_cpu / $scan_cpu" | bc)"
[ "$persons" = "$server_persons" ] || { echo "the persons differ: scan $persons, server $server_persons" >&2; exit 1; }
