#!/usr/bin/env bash
# 100 concurrent readers of a case summary (issue 21: p99 < 200 ms). A bounded loop against a workspace on loopback:
# USERS parallel curl clients, REQUESTS each, every one a signed-in GET /api/cases/ID/summary (which also appends
# an audit entry). Prints the count of each status and p50/p90/p99/max of curl's time_total in ms.
# Usage: bench/workspace/readers.sh URL TOKEN CASE [USERS=100] [REQUESTS=20]
# URL, TOKEN and CASE: as ./demo.sh --server prints them (its demo case is 1).
set -euo pipefail
url=${1:?URL}; token=${2:?TOKEN}; case_id=${3:?CASE}; users=${4:-100}; requests=${5:-20}
case $url in http://127.*|http://localhost*) ;; *) echo "only a server on loopback: $url" >&2; exit 2 ;; esac
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# Wait (bounded) until the case has a finished scan.
for _ in $(seq 300); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$url/api/cases/$case_id/summary")
  [ "$code" = 200 ] && break
  sleep 1
done
[ "$code" = 200 ] || { echo "no finished scan in case $case_id (last status $code)" >&2; exit 1; }
seq $((users * requests)) | xargs -P "$users" -n 1 sh -c \
  'curl -s -o /dev/null -w "%{http_code} %{time_total}\n" -H "Authorization: Bearer $1" "$2"' _ "$token" "$url/api/cases/$case_id/summary" >> "$out"
echo "requests by status:"; cut -d' ' -f1 "$out" | sort | uniq -c
sort -n -k2 "$out" | awk -v users="$users" '{ t[NR] = $2 * 1000 } END {
  printf "%d requests, %d concurrent: p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms\n", NR, users, t[int(NR*0.50)], t[int(NR*0.90)], t[int(NR*0.99)], t[NR] }'
