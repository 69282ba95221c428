#!/usr/bin/env bash
# ./demo.sh --server: the investigator workspace (docs/server.md) on loopback, with nothing left behind. Starts a
# throwaway PostgreSQL cluster (initdb + pg_ctl from Debian's postgresql, socket and data in a temporary folder,
# listening on 127.0.0.1 only — as the tests start theirs), runs `tracemark server` on a free loopback port, creates
# a demo lead with a password, opens a case with a synthetic sample in it, and prints the address and the sign-in.
# Ctrl+C (or the end of the script) stops the server and the cluster and deletes the folder
# (tests/Tracemark.Cli.Tests/DemoScriptTests.cs checks that).
# TRACEMARK_DLL=path/to/tracemark.dll skips the build (the tests use their own build).
set -euo pipefail
cd "$(dirname "$0")/../.."
dll=${TRACEMARK_DLL:-src/Tracemark.Cli/bin/Release/net10.0/tracemark.dll}
if [ -z "${TRACEMARK_DLL:-}" ]; then
  [ -f "$dll" ] || echo "== building Tracemark (the first build takes a minute or two) …"
  dotnet build src/Tracemark.Cli -c Release --nologo -v minimal -clp:NoSummary 2>&1 | grep -E -- '->|error' | sed 's/^ */   built /' || true
fi
[ -f "$dll" ] || { echo "no $dll: run dotnet build src/Tracemark.Cli -c Release to see why" >&2; exit 1; }
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$pgbin/initdb" ] || { echo "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql" >&2; exit 1; }
# shellcheck source=scripts/demo/background.sh
source scripts/demo/background.sh

dir=$(mktemp -d "${TMPDIR:-/tmp}/tracemark-demo-server-XXXXXX")
# initdb refuses to run as root: as root the cluster belongs to the postgres user.
as_pg=()
if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; as_pg=(runuser -u postgres --); fi
cluster_up=""

cleanup() {
  stop_background
  if [ -n "$cluster_up" ]; then "${as_pg[@]}" "$pgbin/pg_ctl" -D "$dir/pg" -m fast -w stop >/dev/null 2>&1 || true; cluster_up=""; fi
  rm -rf "$dir"
}

# A free loopback port: the first in a range that nothing answers on.
free_port() {
  local p
  for p in $(seq "$1" $(($1 + 200))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  return 1
}

trap cleanup EXIT
trap 'cleanup; trap - INT; exit 130' INT
trap 'cleanup; trap - TERM; exit 143' TERM

echo "== a throwaway PostgreSQL cluster on 127.0.0.1 (in $dir)"
port=$(free_port 55432)
"${as_pg[@]}" "$pgbin/initdb" -D "$dir/pg" -A trust -U postgres --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$dir/pg" -l "$dir/pg/log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
cluster_up=1
db="postgres://postgres@127.0.0.1:$port/postgres"

echo "== a demo lead (password and API token; only their Argon2id hashes are stored)"
password="demo-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
token=$(dotnet "$dll" server user add demo --role lead --password "$password" --db "$db")

echo "== tracemark server on a free loopback port"
mkdir -p "$dir/data"
start_background "$dir/server.log" dotnet "$dll" server --db "$db" --data "$dir/data" --urls http://127.0.0.1:0
# start_background set traps that stop the server only: these stop the cluster too.
trap cleanup EXIT
trap 'cleanup; trap - INT; exit 130' INT
trap 'cleanup; trap - TERM; exit 143' TERM
url=""
for _ in $(seq 300); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$dir/server.log" | head -1 || true)
  [ -n "$url" ] && break
  kill -0 "$background_pid" 2>/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  sleep 0.2
done
[ -n "$url" ] || { echo "the server did not start: $dir/server.log" >&2; cat "$dir/server.log" >&2; exit 1; }

echo "== a demo case with a synthetic sample (samples/leaks/courier-waybills.csv)"
auth=(-sS -f -H "Authorization: Bearer $token")
case_id=$(curl "${auth[@]}" -H 'Content-Type: application/json' -d '{"name":"演示案件 demo case"}' "$url/api/cases" | grep -o '[0-9]\+' | head -1)
curl "${auth[@]}" -o /dev/null -F file=@samples/leaks/courier-waybills.csv "$url/api/cases/$case_id/files"

echo
echo "The workspace is at $url/  (English: $url/?lang=en)"
echo "Sign in as: demo   password: $password"
echo "API token (Authorization: Bearer …): $token"
echo "Ctrl+C stops the server and the database and deletes $dir"
wait "$background_pid"
